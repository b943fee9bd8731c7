from __future__ import annotations

from fastapi import APIRouter

from ..deps import SessionDep
from ..models import ComponentType

router = APIRouter(prefix="/projects/{project_id}", tags=["component-types"])


@router.get("/component-types", response_model=list[ComponentType], response_model_by_alias=True)
async def component_types(session: SessionDep) -> list[dict]:
    return await session.component_types()
