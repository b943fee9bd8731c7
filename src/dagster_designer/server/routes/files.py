from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Header, Query, Request, status
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ...project_files import files
from ..deps import SessionDep
from ..models import Answer, FileChanged, FileEntry, FileWritten, FolderMade, Moved

router = APIRouter(prefix="/projects/{project_id}", tags=["files"])


@router.get("/files", response_model=list[FileEntry])
def list_files(session: SessionDep) -> list[dict]:
    return files.list_files(session.config.root)


@router.get(
    "/files/{path:path}",
    response_class=PlainTextResponse,
    responses={200: {"description": "The text, with its `ETag`"}},
)
def read_file(path: str, session: SessionDep) -> Response:
    text, etag = files.read_text(session.config.root, path)
    return PlainTextResponse(text, headers={"ETag": etag, "Cache-Control": "no-store"})


@router.put(
    "/files/{path:path}",
    response_model=FileWritten,
    responses={412: {"model": FileChanged}},
)
async def write_file(
    path: str,
    request: Request,
    session: SessionDep,
    if_match: str | None = Header(default=None),
    if_none_match: str | None = Header(default=None),
) -> Response:
    """Write a file atomically. `If-Match: <etag>` writes only over that version (412 if the
    file changed since); `If-None-Match: *` only creates (412 if it exists)."""
    body = await request.body()  # its size is limited before it is read (server/limits.py)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise files.NotText("The request body is not UTF-8 text.") from exc
    async with session.write_lock:
        if if_none_match is not None and if_none_match.strip() == "*":
            try:
                etag = files.create_text(session.config.root, path, text)
            except files.Conflict as exc:
                raise files.StaleWrite(files.current_etag(session.config.root, path)) from exc
        else:
            etag = files.write_text(session.config.root, path, text, if_match)
    return Response(
        content=FileWritten(etag=etag).model_dump_json(),
        media_type="application/json",
        headers={"ETag": etag},
    )


@router.delete("/files/{path:path}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_file(path: str, session: SessionDep, recursive: bool = False) -> None:
    """Delete a file, or a folder (`?recursive=true` when it has content)."""
    async with session.write_lock:
        files.delete(session.config.root, path, recursive)


@router.post("/folders/{path:path}", status_code=status.HTTP_201_CREATED, response_model=FolderMade)
async def make_folder(path: str, session: SessionDep) -> dict:
    async with session.write_lock:
        files.make_folder(session.config.root, path)
    return {"path": path}


class Move(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    source: str = Field(alias="from", min_length=1)
    target: str = Field(alias="to", min_length=1)


@router.post("/moves", response_model=Moved, response_model_by_alias=True)
async def move(body: Move, session: SessionDep) -> dict:
    """Rename or move a file or folder; never over an existing path."""
    async with session.write_lock:
        files.move(session.config.root, body.source, body.target)
    return {"from": body.source, "to": body.target}


class SearchHit(Answer):
    path: str
    line: int | None
    column: int | None
    text: str


@router.get("/search", response_model=list[SearchHit])
def search(
    session: SessionDep,
    q: str = Query(min_length=1, max_length=500),
    kind: Literal["name", "content"] = "content",
) -> list[dict]:
    """Files by name, or lines by content (case-insensitive; at most 500 results)."""
    return files.search(session.config.root, q, kind)
