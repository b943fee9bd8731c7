from __future__ import annotations

from fastapi import APIRouter, Header, Request
from fastapi.responses import PlainTextResponse, Response

from ...workspace import files
from ..deps import SessionDep
from ..models import FileEntry, FileWritten

router = APIRouter(prefix="/projects/{project_id}/files", tags=["files"])


@router.get("", response_model=list[FileEntry])
def list_files(session: SessionDep) -> list[dict]:
    return files.list_files(session.config.root)


@router.get("/{path:path}", response_class=PlainTextResponse)
def read_file(path: str, session: SessionDep) -> Response:
    text, etag = files.read_text(session.config.root, path)
    return PlainTextResponse(text, headers={"ETag": etag, "Cache-Control": "no-store"})


@router.put("/{path:path}", response_model=FileWritten)
async def write_file(
    path: str,
    request: Request,
    session: SessionDep,
    if_match: str | None = Header(default=None),
) -> Response:
    body = await request.body()
    if len(body) > files.MAX_TEXT_BYTES:
        raise files.FileTooLarge(
            f"The designer writes files up to {files.MAX_TEXT_BYTES // 1048576} MB."
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise files.NotText("The request body is not UTF-8 text.") from exc
    async with session.write_lock:
        etag = files.write_text(session.config.root, path, text, if_match)
    return Response(
        content=FileWritten(etag=etag).model_dump_json(),
        media_type="application/json",
        headers={"ETag": etag},
    )
