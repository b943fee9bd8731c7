from __future__ import annotations

from fastapi import APIRouter

from ...processes.dg_cli import check_defs
from ..deps import SessionDep
from ..models import ValidateResult

router = APIRouter(prefix="/projects/{project_id}", tags=["validate"])


@router.post("/validate", response_model=ValidateResult)
async def validate(session: SessionDep) -> dict:
    """`dg check defs` in the project's environment."""
    settings = session.settings
    return await check_defs(session.config, settings.validate_timeout, settings.worker_memory_mb)
