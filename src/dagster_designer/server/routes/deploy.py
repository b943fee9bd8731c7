"""Deploying a project to Dagster+ (`dg plus deploy`, a task whose output streams into the
project's progress) and scaffolding its deploy configuration (`dg plus deploy configure`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from ...services import deploy
from ..deps import ManagerDep, SessionDep
from ..models import DeployConfigure, DeployConfigured, DeployRefused, DeployRequest, DeployState

router = APIRouter(prefix="/projects/{project_id}/deploy", tags=["deploy"])


@router.get("", response_model=DeployState, response_model_exclude_none=True)
def last_deploy(project_id: str, manager: ManagerDep) -> dict[str, Any]:
    return deploy.state(manager, project_id)


@router.post(
    "",
    response_model=DeployState,
    response_model_exclude_none=True,
    status_code=status.HTTP_202_ACCEPTED,
    responses={409: {"model": DeployRefused}},
)
async def start_deploy(
    project_id: str, body: DeployRequest, session: SessionDep, manager: ManagerDep
) -> dict[str, Any]:
    del session  # resolved before the body: an unknown project is a 404 whatever came
    request = deploy.PlusDeploy(
        organization=body.organization,
        deployment=body.deployment,
        token=body.token,
        build_strategy=body.build_strategy,
        location_name=body.location_name,
        url=body.url,
    )
    return deploy.start(manager, project_id, request)


@router.post("/configure", response_model=DeployConfigured)
async def configure_deploy(
    project_id: str, body: DeployConfigure, session: SessionDep, manager: ManagerDep
) -> dict[str, Any]:
    del session
    request = deploy.Configure(**body.model_dump(exclude={"target"}))
    return await deploy.configure(manager, project_id, request)
