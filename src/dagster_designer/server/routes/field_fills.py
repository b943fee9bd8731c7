from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from ...services.field_fills import UnknownComponentType, field_fills
from ..deps import SessionDep
from ..models import Answer

router = APIRouter(prefix="/projects/{project_id}", tags=["component-types"])


class FillRequirement(BaseModel):
    """What must exist first: a component of `component_type` scaffolded at `path`, and its
    `package` installed when it is not."""

    component_type: str
    path: str
    package: str | None = Field(None, exclude_if=lambda v: v is None)  # absent: installed


class Fill(Answer):
    title: str
    value: str
    requires: FillRequirement | None = None  # null: usable now


class FieldFills(Answer):
    expects: str
    fills: list[Fill]


class TypeFills(Answer):
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
