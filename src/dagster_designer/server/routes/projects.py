from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Response, status

from ...starters.catalog import EMPTY
from ..deps import ManagerDep
from ..models import ProjectCreate, ProjectOut

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("", response_model=list[ProjectOut])
def list_projects(manager: ManagerDep) -> list[dict]:
    return [project.public() for project in manager.list()]


@router.post(
    "",
    response_model=ProjectOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses={201: {"model": ProjectOut}, 200: {"model": ProjectOut}},
)
async def create_or_open_project(
    body: ProjectCreate, manager: ManagerDep, response: Response
) -> dict:
    if body.git_url is not None:
        project = await manager.clone(body.git_url, body.branch, body.token, body.name)
    elif body.name is not None:
        project = await manager.create(body.name, body.starter or EMPTY)
    else:
        project, new = await manager.open(Path(body.path or ""))
        if not new:
            response.status_code = status.HTTP_200_OK
        elif project.status != "creating":
            response.status_code = status.HTTP_201_CREATED
    return project.public()


@router.get("/{project_id}", response_model=ProjectOut)
def get_project(project_id: str, manager: ManagerDep) -> dict:
    return manager.get(project_id).public()


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_project(project_id: str, manager: ManagerDep, delete_files: bool = False) -> None:
    await manager.remove(project_id, delete_files)
