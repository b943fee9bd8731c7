"""Builders: forms that write Dagster definitions that are not YAML components (assets,
schedules, jobs, sensors, asset checks) into Python modules, reopen, rewrite and remove them;
and cron expressions in words with their next fire times."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Response

from ...builders import cron
from ...services import builders
from ..deps import SessionDep
from ..models import BuilderInfo, BuilderParams, BuilderReopened, BuilderResult, CronPreview

router = APIRouter(tags=["builders"])
Kind = Path(max_length=100)
Name = Path(max_length=1000)
_PROJECT = "/projects/{project_id}/builders"


@router.get(_PROJECT, response_model=list[BuilderInfo])
async def list_builders(session: SessionDep) -> list[dict[str, Any]]:
    """The builders and the JSON Schema of their parameters."""
    del session  # the same for every project; the route is the project's for its gate
    return builders.listing()


@router.post(f"{_PROJECT}/{{kind}}", status_code=201, response_model=BuilderResult)
async def create(body: BuilderParams, session: SessionDep, kind: str = Kind) -> dict[str, Any]:
    """Write a new definition where `dg scaffold defs` would put it, then load it. Parameters
    that cannot be written (an invalid cron or timezone, a taken or keyword name, an unknown
    asset or job) are a 400 and write nothing."""
    return await builders.create(session, kind, body.params)


@router.get(f"{_PROJECT}/{{kind}}/{{name:path}}", response_model=BuilderReopened)
async def reopen(session: SessionDep, kind: str = Kind, name: str = Name) -> dict[str, Any]:
    """The parameters of a definition in the form the builder writes, for editing; a 404 for
    any other (open it in the code editor)."""
    return await builders.reopen(session, kind, name)


@router.put(f"{_PROJECT}/{{kind}}/{{name:path}}", response_model=BuilderResult)
async def update(
    body: BuilderParams, session: SessionDep, kind: str = Kind, name: str = Name
) -> dict[str, Any]:
    """Rewrite the definition from the form, leaving the rest of its file as it was."""
    return await builders.update(session, kind, name, body.params)


@router.delete(f"{_PROJECT}/{{kind}}/{{name:path}}", status_code=204)
async def delete(
    session: SessionDep, kind: str = Kind, name: str = Name, force: bool = False
) -> Response:
    """Remove the definition from its file, leaving the rest (the file goes when nothing but
    imports is left). A 409 when something still uses it, unless `force`."""
    await builders.delete(session, kind, name, force)
    return Response(status_code=204)


@router.get("/cron", response_model=CronPreview)
async def cron_preview(
    expr: str = Query(min_length=1, max_length=200),
    timezone: str = Query(default="UTC", max_length=100),
) -> dict[str, Any]:
    """A cron expression in words and its next five fire times in `timezone`; a 400 says why
    Dagster would refuse it."""
    return {"description": cron.describe(expr), "next": cron.next_times(expr, timezone)}
