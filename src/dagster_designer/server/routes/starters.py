from __future__ import annotations

from fastapi import APIRouter

from ...starters.catalog import STARTERS
from ..models import StarterOut

router = APIRouter(prefix="/starters", tags=["projects"])


@router.get("", response_model=list[StarterOut])
def list_starters() -> list[dict]:
    return [starter.public() for starter in STARTERS.values()]
