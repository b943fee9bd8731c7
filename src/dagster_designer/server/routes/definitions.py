from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import SessionDep

router = APIRouter(prefix="/projects/{project_id}", tags=["definitions"])


@router.get("/definitions")
async def definitions(session: SessionDep) -> JSONResponse:
    """What Dagster loads from the project now (see API.md for the fields)."""
    # Returned as is: for thousands of assets, re-validating the worker's JSON costs more
    # than loading it.
    return JSONResponse(await session.definitions())
