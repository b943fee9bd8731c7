"""dg workspaces: opening one opens each of its projects."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Response, status

from ..deps import ManagerDep
from ..models import WorkspaceOpen, WorkspaceOpened

router = APIRouter(prefix="/workspaces", tags=["projects"])


@router.post(
    "/open",
    response_model=WorkspaceOpened,
    status_code=status.HTTP_202_ACCEPTED,
    responses={201: {"model": WorkspaceOpened}, 200: {"model": WorkspaceOpened}},
)
async def open_workspace(body: WorkspaceOpen, manager: ManagerDep, response: Response) -> dict:
    """Open every project of the dg workspace at `path`, in place; a project already open is
    reused. 200 when all were open, 201 when some were opened, 202 while one builds its
    environment (poll it as an opened project)."""
    workspace, opened = await manager.open_workspace(Path(body.path))
    if any(project.status == "creating" for project, _ in opened):
        response.status_code = status.HTTP_202_ACCEPTED
    elif any(new for _, new in opened):
        response.status_code = status.HTTP_201_CREATED
    else:
        response.status_code = status.HTTP_200_OK
    return {
        "path": str(workspace.root),
        "name": workspace.name,
        "projects": [project.public() for project, _ in opened],
    }
