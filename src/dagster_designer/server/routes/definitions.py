from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from ..deps import SessionDep
from ..models import Answer, AssetMetadata, Definitions, WorkerStatus

router = APIRouter(prefix="/projects/{project_id}", tags=["definitions"])


@router.get("/definitions", responses={200: {"model": Definitions}})
async def definitions(session: SessionDep) -> JSONResponse:
    """What Dagster loads from the project now (see API.md for the fields). Heavy metadata
    values come as a summary `{"summary", "bytes"}`: see `/assets/{key}/metadata`."""
    # Returned as is: for thousands of assets, re-validating the worker's JSON costs more
    # than loading it.
    return JSONResponse(await session.definitions())


@router.get("/assets/{key:path}/metadata", responses={200: {"model": AssetMetadata}})
async def asset_metadata(session: SessionDep, key: str) -> JSONResponse:
    """Every metadata value of one asset, whole; `key` as `dg` writes it (`raw/orders`)."""
    loaded = await session.definitions()
    found = await session.asset_metadata(key)
    if found is None:
        why = " They do not load now: see their errors." if loaded["errors"] else ""
        raise HTTPException(404, f"No asset `{key}` in the project's definitions.{why}")
    return JSONResponse(found)


@router.post("/worker/restart", response_model=WorkerStatus)
async def restart_worker(session: SessionDep) -> dict[str, Any]:
    """A fresh worker and a full load, also after it failed too often to be restarted by
    itself. Answers the worker's status."""
    return await session.restart_worker()


class SelectionResult(Answer):
    keys: list[str]
    checks: list[str]
    error: str | None = None


@router.get("/selection", response_model=SelectionResult)
async def selection(session: SessionDep, q: str = Query(min_length=1, max_length=2000)) -> dict:
    """The assets and checks an asset selection (`group:sales+`, `kind:dbt and tag:daily`,
    `*orders`) selects, evaluated by Dagster on the current definitions."""
    await session.definitions()
    return await session.select(q)
