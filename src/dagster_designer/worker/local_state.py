"""A state-backed component's local state, rebuilt beside the live one and swapped in whole.

Dagster rebuilds local state in place: it keeps the old `state` marker while the dbt project
under it is deleted and copied again, so a `dg dev` or `dg list defs` loading meanwhile finds
the marker and a half-copied project. Here the state is written into a sibling folder and the
two folders are exchanged in one step, so a concurrent load reads the old state or the new.
"""

from __future__ import annotations

import asyncio
import ctypes
import inspect
import os
import re
import shutil
import threading
from pathlib import Path
from typing import Any
from uuid import uuid4

# a dot name: the state folder's own .gitignore covers it, and no key is named so
_STAGING_PREFIX = "."
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def refresh(component: Any, key: str, project_root: Path) -> str:
    """Rebuild the component's state for `key`; the state version to record for it."""
    from dagster._core.storage.defs_state.base import DefsStateStorage
    from dagster.components.utils.project_paths import get_local_state_dir
    from dagster_shared.serdes.objects.models.defs_state_info import LOCAL_STATE_VERSION

    live = get_local_state_dir(key, project_root)
    discard(stagings_of(live))  # left by a worker stopped before it deleted them
    staging = live.with_name(f"{_STAGING_PREFIX}{live.name}.{uuid4().hex[:12]}")
    staging.mkdir()
    try:
        written = component.write_state_to_path(staging / "state")
        if inspect.isawaitable(written):
            asyncio.run(written)
        exchange(staging, live)
    finally:
        discard([staging])  # after the exchange: the old state
    storage = DefsStateStorage.get()
    if storage is not None:
        storage.set_latest_version(key, LOCAL_STATE_VERSION)
    return LOCAL_STATE_VERSION


def exchange(first: Path, second: Path) -> None:
    """Swap two folders atomically (Linux's renameat2); where the system cannot, the old one
    moves aside and the new one takes its place: a moment without state, which loads read as
    state never built (dbt then reads its project folder), never as a half-written one."""
    rename = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename is not None:
        done = rename(
            _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
        )
        if done == 0:
            return
    aside = first.with_name(f"{first.name}.old")
    second.rename(aside)
    first.rename(second)
    aside.rename(first)


def stagings_of(live: Path) -> list[Path]:
    """The folders a rebuild of `live` wrote beside it (never links: those are not ours)."""
    named = re.compile(rf"{re.escape(_STAGING_PREFIX + live.name)}\.[0-9a-f]{{12}}(\.old)?")
    if not live.parent.is_dir():
        return []
    return [
        path
        for path in live.parent.iterdir()
        if named.fullmatch(path.name) and path.is_dir() and not path.is_symlink()
    ]


def discard(folders: list[Path]) -> None:
    """Delete the folders in the background: the old copy of a dbt project of thousands of
    models takes seconds to delete, which the edit that replaced it need not wait for."""

    def delete() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    if folders:
        threading.Thread(target=delete, name="discard-state", daemon=True).start()
