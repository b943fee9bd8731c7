from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from ...services.field_fills import UnknownComponentType, field_fills
from ..deps import SessionDep

router = APIRouter(prefix="/projects/{project_id}", tags=["component-types"])


class Fill(BaseModel):
    title: str
    value: str
    # null: usable now; else what must exist first: `{"component_type", "path"}` (scaffold it
    # at `path`), plus `"package"` when the type's package is not installed
    requires: dict[str, str] | None = None


class FieldFills(BaseModel):
    expects: str
    fills: list[Fill]


class TypeFills(BaseModel):
    type: str
    fields: dict[str, FieldFills]


@router.get("/component-types/{key}/fills", response_model=TypeFills)
async def fills(key: str, session: SessionDep) -> dict[str, Any]:
    """For each attribute of component type `key` that takes a Dagster object rather than text
    (the Templated SQL component's `connection`), the YAML values that fill it."""
    try:
        return await field_fills(session, key)
    except UnknownComponentType as exc:
        raise HTTPException(404, detail=str(exc)) from exc
