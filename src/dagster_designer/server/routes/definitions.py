from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..deps import SessionDep

router = APIRouter(prefix="/projects/{project_id}", tags=["definitions"])


@router.get("/definitions")
async def definitions(session: SessionDep) -> JSONResponse:
    """What Dagster loads from the project now (see API.md for the fields)."""
    # Returned as is: for thousands of assets, re-validating the worker's JSON costs more
    # than loading it.
    return JSONResponse(await session.definitions())


class SelectionResult(BaseModel):
    keys: list[str]
    checks: list[str]
    error: str | None = None


@router.get("/selection", response_model=SelectionResult)
async def selection(session: SessionDep, q: str = Query(min_length=1, max_length=2000)) -> dict:
    """The assets and checks an asset selection (`group:sales+`, `kind:dbt and tag:daily`,
    `*orders`) selects, evaluated by Dagster on the current definitions."""
    await session.definitions()
    return await session.supervisor.call("select", {"selection": q}, timeout=60)
