"""Runs in the project's Dagster instance: launch, history, events, cancel, asset status."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from ..deps import SessionDep
from ..models import (
    AssetStatus,
    RunCanceling,
    RunDetail,
    RunEvents,
    RunLaunch,
    RunLaunched,
    RunStatus,
    RunSummary,
)

router = APIRouter(prefix="/projects/{project_id}", tags=["runs"])


@router.post("/runs", status_code=201, response_model=RunLaunched)
async def launch_run(body: RunLaunch, session: SessionDep) -> dict[str, Any]:
    """Launch a run: materialize the selected assets (their checks run too), or the job. A
    request that cannot run (empty selection, unknown job, invalid config or partition) is a
    400 and launches nothing; a 409 while as many runs as the designer runs at once are in
    progress."""
    return await session.runs.launch(body.model_dump(exclude_none=True))


@router.get("/runs", responses={200: {"model": list[RunSummary]}})
async def list_runs(
    session: SessionDep,
    status: RunStatus | None = None,
    job: str | None = Query(default=None, max_length=500),
    asset: str | None = Query(default=None, max_length=2000),
    limit: int = Query(default=50, ge=1, le=1000),
) -> JSONResponse:
    """Run history, newest first."""
    return JSONResponse(await session.runs.runs(status, job, asset, limit))


@router.get("/runs/{run_id}", responses={200: {"model": RunDetail}})
async def get_run(session: SessionDep, run_id: str) -> JSONResponse:
    """One run, with its error and stack trace when it failed."""
    return JSONResponse(await session.runs.run(run_id))


@router.get("/runs/{run_id}/events", responses={200: {"model": RunEvents}})
async def run_events(
    session: SessionDep, run_id: str, after: int | None = Query(default=None, ge=0)
) -> JSONResponse:
    """The run's events after the cursor `after`, steps' stdout and stderr included."""
    return JSONResponse(await session.runs.events(run_id, after))


@router.post("/runs/{run_id}/cancel", status_code=202, response_model=RunCanceling)
async def cancel_run(session: SessionDep, run_id: str) -> dict[str, Any]:
    """Cancel a run: its process is stopped and the run ends CANCELED."""
    return await session.runs.cancel(run_id)


@router.get("/asset-status", responses={200: {"model": list[AssetStatus]}})
async def asset_status(session: SessionDep) -> JSONResponse:
    """The latest state of each asset: last materialization, last run, checks."""
    return JSONResponse(await session.runs.asset_status())
