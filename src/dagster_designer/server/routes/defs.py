from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Header, Response, status
from fastapi.responses import JSONResponse

from ...edits.yaml_attributes import YamlEditError, read_documents
from ...project_files import files
from ...project_files.files import etag_of
from ...project_files.names import validate_defs_path
from ...project_files.source_files import read_source
from ...services.session import StaleAttributes
from ..deps import SessionDep
from ..models import (
    AttributesChanged,
    AttributesUpdate,
    DefsInstance,
    InstanceOut,
    ScaffoldRequest,
    ScaffoldResult,
    Validation,
)

router = APIRouter(prefix="/projects/{project_id}/defs", tags=["defs"])


@router.get("", response_model=list[DefsInstance])
def list_defs(session: SessionDep) -> list[dict]:
    return session.instances()


@router.post("", response_model=ScaffoldResult, status_code=status.HTTP_201_CREATED)
async def scaffold_defs(body: ScaffoldRequest, session: SessionDep) -> dict:
    path = validate_defs_path(body.path, python_file=body.path.endswith(".py"))
    result = await session.scaffold(body.type, path, body.params, body.format, body.attributes)
    instance = next((i for i in session.instances() if i["path"] == path), None)
    return {**result, "type": body.type, "instance": instance}


def _document(text: str, path: str, index: int) -> dict[str, Any]:
    documents = read_documents(text)
    if not 0 <= index < len(documents):
        raise YamlEditError(f"`{path}` has no component document {index}.")
    return documents[index]


@router.get("/{path:path}", response_model=InstanceOut)
def get_defs(path: str, session: SessionDep, response: Response, index: int = 0) -> dict:
    """The instance's type and attributes; its `ETag` is the component file's."""
    file = session.component_file(path)
    source = read_source(file, session.config.root)
    document = _document(source.text, path, index)
    response.headers["ETag"] = etag_of(source.data)
    return {
        "path": path,
        "index": index,
        "type": document["type"],
        "attributes": document["attributes"],
        "file": file.relative_to(session.config.root).as_posix(),
    }


@router.put(
    "/{path:path}",
    response_model=Validation,
    responses={412: {"model": AttributesChanged}},
)
async def put_defs(
    path: str,
    body: AttributesUpdate,
    session: SessionDep,
    response: Response,
    index: int = 0,
    if_match: str | None = Header(default=None),
) -> Any:
    """Writes the attributes losslessly. With `If-Match`, only over that version of the file:
    otherwise 412 with the attributes the file holds now."""
    try:
        validation, etag = await session.save_attributes(path, index, body.attributes, if_match)
    except StaleAttributes as stale:
        try:
            current = _document(stale.text, path, index)["attributes"]
        except YamlEditError:
            current = None  # not readable as a component now: the file's text is in the editor
        return JSONResponse(
            {
                "detail": "The component file changed on disk since the form was opened; "
                "nothing was written.",
                "current": {"attributes": current},
                "current_etag": stale.current,
            },
            status_code=status.HTTP_412_PRECONDITION_FAILED,
            headers={"ETag": stale.current},
        )
    response.headers["ETag"] = etag
    return validation


@router.delete("/{path:path}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_defs(path: str, session: SessionDep) -> None:
    """Delete an instance's folder or a definitions file; a link is deleted, never its target."""
    async with session.write_lock:
        files.delete(session.config.defs_root, path, recursive=True)
