"""The integration library: the shipped catalogue, a project's view of it, and adding or
removing an integration (a `uv` command whose progress the project's status shows)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from ...services import integrations
from ..deps import ManagerDep, SessionDep
from ..models import Integration, IntegrationActivity, IntegrationAdd, ProjectIntegration

router = APIRouter(tags=["integrations"])


@router.get("/integrations", response_model=list[Integration])
def catalogue() -> list[dict[str, Any]]:
    return integrations.entries()


@router.get("/projects/{project_id}/integrations", response_model=list[ProjectIntegration])
def project_integrations(project_id: str, manager: ManagerDep) -> list[dict[str, Any]]:
    manager.session(project_id)  # ready, with an environment
    return integrations.project_entries(manager.get(project_id))


@router.post(
    "/projects/{project_id}/integrations",
    response_model=IntegrationActivity,
    status_code=status.HTTP_202_ACCEPTED,
)
async def add_integration(
    project_id: str, body: IntegrationAdd, session: SessionDep, manager: ManagerDep
) -> dict[str, Any]:
    del session  # resolved before the body is read: an unknown project is a 404 whatever came
    return integrations.install(manager, project_id, body.package)


@router.delete(
    "/projects/{project_id}/integrations/{package}",
    response_model=IntegrationActivity,
    status_code=status.HTTP_202_ACCEPTED,
)
async def remove_integration(project_id: str, package: str, manager: ManagerDep) -> dict[str, Any]:
    return integrations.uninstall(manager, project_id, package)
