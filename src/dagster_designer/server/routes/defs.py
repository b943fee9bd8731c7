from __future__ import annotations

from fastapi import APIRouter, status

from ...edits.yaml_attributes import YamlEditError, read_documents
from ...workspace import defs_tree, files
from ...workspace.names import validate_defs_path
from ...workspace.source_files import read_source
from ..deps import SessionDep
from ..models import (
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


@router.get("/{path:path}", response_model=InstanceOut)
def get_defs(path: str, session: SessionDep, index: int = 0) -> dict:
    file = defs_tree.component_file(session.instance_dir(path))
    if file is None:
        raise FileNotFoundError(f"{path}/defs.yaml")
    documents = read_documents(read_source(file, session.config.root).text)
    if not 0 <= index < len(documents):
        raise YamlEditError(f"`{path}` has no component document {index}.")
    document = documents[index]
    return {
        "path": path,
        "index": index,
        "type": document["type"],
        "attributes": document["attributes"],
        "file": file.relative_to(session.config.root).as_posix(),
    }


@router.put("/{path:path}", response_model=Validation)
async def put_defs(path: str, body: AttributesUpdate, session: SessionDep, index: int = 0) -> dict:
    return await session.save_attributes(path, index, body.attributes)


@router.delete("/{path:path}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_defs(path: str, session: SessionDep) -> None:
    """Delete an instance's folder or a definitions file; a link is deleted, never its target."""
    async with session.write_lock:
        files.delete(session.config.defs_path, path, recursive=True)
