"""Where a project's runs go: this machine's instance, or a remote Dagster deployment."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..deps import ManagerDep, SessionDep
from ..models import RunTarget, RunTargetLocal, RunTargetSet

router = APIRouter(prefix="/projects/{project_id}", tags=["runs"])


@router.get("/run-target", response_model=RunTarget)
async def get_run_target(session: SessionDep) -> dict[str, Any]:
    """The project's run target; of a remote, whether an API token is set, never the token."""
    return session.run_target()


@router.put("/run-target", response_model=RunTarget)
async def set_run_target(
    project_id: str, body: RunTargetSet, manager: ManagerDep, session: SessionDep
) -> dict[str, Any]:
    """Send the project's runs to a remote Dagster deployment (its webserver's http(s) URL, the
    code location, by default the project's; for Dagster+ the deployment and an API token, kept
    in memory only), or back to this machine."""
    if isinstance(body, RunTargetLocal):
        return await manager.set_run_target(project_id, None, None)
    remote = {"url": body.url, "location": body.location, "deployment": body.deployment}
    return await manager.set_run_target(project_id, remote, body.token)
