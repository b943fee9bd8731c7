"""What the working tree's definitions add, remove and change against a commit."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from ...services import ref_definitions
from ..deps import SessionDep
from ..models import Answer

router = APIRouter(prefix="/projects/{project_id}", tags=["git"])


class DefinitionChange(Answer):
    key: str
    fields: list[str]


class DefinitionsKindDiff(Answer):
    added: list[str]
    removed: list[str]
    changed: list[DefinitionChange]


class DefinitionsDiff(Answer):
    ref: str
    commit: str | None  # None: HEAD of a repository with no commit yet
    error: str | None  # one side's definitions do not load: every list is empty
    assets: DefinitionsKindDiff
    asset_checks: DefinitionsKindDiff
    jobs: DefinitionsKindDiff
    schedules: DefinitionsKindDiff
    sensors: DefinitionsKindDiff


@router.get("/git/definitions-diff", response_model=DefinitionsDiff)
async def definitions_diff(
    session: SessionDep, ref: str = Query("HEAD", min_length=1, max_length=250)
) -> dict[str, Any]:
    """The assets, asset checks, jobs, schedules and sensors the working tree adds, removes or
    changes against `ref` (a branch, a tag, a commit), both loaded by Dagster; `changed` names
    the fields that differ. Keys as elsewhere in the API (`raw/orders`)."""
    current = await session.definitions()
    return await ref_definitions.diff_against(session.config, session.settings, ref, current)
