"""The file watcher, against the real filesystem."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from dagster_designer.processes.watcher import ProjectWatcher
from tests.support import run_async

DEADLINE = 30.0


@contextlib.asynccontextmanager
async def watching(root: Path, on_change: Callable[[], Awaitable[None]]) -> AsyncIterator[None]:
    watcher = ProjectWatcher(root, on_change)
    await watcher.start()
    try:
        await asyncio.sleep(0.5)  # the watches are in place once the task has run
        yield
    finally:
        await watcher.stop()


async def _reported(seen: asyncio.Event) -> bool:
    try:
        await asyncio.wait_for(seen.wait(), DEADLINE)
    except TimeoutError:
        return False
    return True


@pytest.mark.parametrize("outer", ["logs", "target", "venv", ".venv", "node_modules"])
def test_a_project_inside_a_folder_of_an_ignored_name_is_watched(
    tmp_path: Path, outer: str
) -> None:
    root = tmp_path / outer / "project"
    (root / "defs").mkdir(parents=True)

    async def scenario() -> bool:
        seen = asyncio.Event()

        async def on_change() -> None:
            seen.set()

        async with watching(root, on_change):
            seen.clear()
            (root / "defs" / "assets.py").write_text("x = 1\n")
            return await _reported(seen)

    assert run_async(scenario())


def test_the_watcher_outlives_a_failure_and_keeps_reporting(tmp_path: Path) -> None:
    """Whatever fails while watching (the notifier's thread, a callback) is logged and the
    watch starts again: a watcher that dies silently would leave the project without updates
    for as long as the server runs."""
    (tmp_path / "defs").mkdir()

    async def scenario() -> bool:
        calls: list[int] = []
        seen = asyncio.Event()

        async def on_change() -> None:
            calls.append(1)
            if len(calls) == 1:
                raise ValueError("the first look fails")
            seen.set()

        async with watching(tmp_path, on_change):
            (tmp_path / "defs" / "first.py").write_text("x = 1\n")
            deadline = asyncio.get_running_loop().time() + DEADLINE
            while not calls:
                assert asyncio.get_running_loop().time() < deadline, "no first change"
                await asyncio.sleep(0.05)
            (tmp_path / "defs" / "second.py").write_text("x = 2\n")
            return await _reported(seen)

    assert run_async(scenario())


def test_a_file_whose_name_is_not_text_never_stops_the_watch(tmp_path: Path) -> None:
    """The notifier cannot decode such a name and fails inside its thread; the change after it
    is still reported."""
    (tmp_path / "defs").mkdir()

    async def scenario() -> bool:
        seen = asyncio.Event()

        async def on_change() -> None:
            seen.set()

        async with watching(tmp_path, on_change):
            (tmp_path / "defs" / os.fsdecode(b"caf\xe9.py")).write_text("x = 1\n")
            await asyncio.sleep(1.0)
            seen.clear()
            (tmp_path / "defs" / "after.py").write_text("x = 2\n")
            return await _reported(seen)

    assert run_async(scenario())
