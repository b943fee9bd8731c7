from __future__ import annotations

from fastapi import APIRouter

from ... import __version__
from ..models import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health(version=__version__)
