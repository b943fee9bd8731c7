from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter

from ...services.folders import Browsable
from ..deps import SettingsDep
from ..models import FolderListing

router = APIRouter(prefix="/folders", tags=["projects"])


@router.get("", response_model=FolderListing)
def browse_folder(settings: SettingsDep, path: str | None = None) -> dict:
    """A folder's folders, for Open project: only under the home folder and the workspace."""
    return Browsable.of(settings.workspace).listing(Path(path) if path else None)
