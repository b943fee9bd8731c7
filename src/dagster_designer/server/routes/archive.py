"""Export a project as a ZIP, and import a ZIP as a new project of the workspace."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import StreamingResponse

from ...project_files.archive import ArchiveRejected
from ...project_files.names import InvalidName
from ...services import archives
from ..deps import ManagerDep
from ..limits import DRAIN_LIMIT, MAX_ARCHIVE_BYTES, MB
from ..models import ProjectOut

router = APIRouter(prefix="/projects", tags=["archive"])


@router.get(
    "/{project_id}/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            "description": "the project as a ZIP",
        }
    },
)
def export_project(project_id: str, manager: ManagerDep) -> StreamingResponse:
    filename, chunks = archives.export(manager, project_id)
    ascii_name = filename.encode("ascii", "replace").decode().replace('"', "_")
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return StreamingResponse(
        chunks, media_type="application/zip", headers={"Content-Disposition": disposition}
    )


async def _save_upload(request: Request, into: Path) -> None:
    """The request's body into a file, counted against the archive limit as it arrives; a body
    over it is read on and dropped (up to the gate's drain limit), so that its sender gets the
    answer rather than a reset connection."""
    size = 0
    with into.open("wb") as out:
        async for chunk in request.stream():
            size += len(chunk)
            if size <= MAX_ARCHIVE_BYTES:
                out.write(chunk)
            elif size > MAX_ARCHIVE_BYTES + DRAIN_LIMIT:
                break
    if size > MAX_ARCHIVE_BYTES:
        raise ArchiveRejected(
            f"The archive is larger than {MAX_ARCHIVE_BYTES // MB} MB, the limit of an import; "
            "nothing was imported."
        )
    if size == 0:
        raise ArchiveRejected("The request has no body: send the ZIP archive as the body.")


async def _drop(request: Request) -> None:
    """Read a refused body to its end (up to the gate's drain limit) and drop it, so that its
    sender, still sending, gets the answer rather than a reset connection."""
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > DRAIN_LIMIT:
            break


@router.post(
    "/import",
    response_model=ProjectOut,
    status_code=status.HTTP_202_ACCEPTED,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def import_project(
    request: Request,
    manager: ManagerDep,
    name: str = Query(description="the new project's name: its folder in the workspace"),
) -> dict:
    try:
        manager.new_name(name)  # a bad or taken name is refused before the body is kept
    except InvalidName:
        await _drop(request)
        raise
    with tempfile.TemporaryDirectory(prefix="dagster-designer-import-") as folder:
        upload = Path(folder) / "upload.zip"
        await _save_upload(request, upload)
        project = await archives.import_archive(manager, name, upload)
    return project.public()
