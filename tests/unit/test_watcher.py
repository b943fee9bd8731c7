"""The file watcher, against the real filesystem."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from dagster_designer.runtime.watcher import ProjectWatcher
from tests.support import run_async

DEADLINE = 30.0


async def _touched(root: Path, change: Path) -> bool:
    """Whether writing `change` makes the watcher of `root` ask for a look."""
    seen = asyncio.Event()

    async def on_change() -> None:
        seen.set()

    watcher = ProjectWatcher(root, on_change)
    await watcher.start()
    try:
        await asyncio.sleep(0.5)  # the watches are in place once the task has run
        seen.clear()
        change.write_text("x = 1\n")
        try:
            await asyncio.wait_for(seen.wait(), DEADLINE)
        except TimeoutError:
            return False
        return True
    finally:
        await watcher.stop()


@pytest.mark.parametrize("outer", ["logs", "target", "venv", ".venv", "node_modules"])
def test_a_project_inside_a_folder_of_an_ignored_name_is_watched(
    tmp_path: Path, outer: str
) -> None:
    root = tmp_path / outer / "project"
    (root / "defs").mkdir(parents=True)
    assert run_async(_touched(root, root / "defs" / "assets.py"))
