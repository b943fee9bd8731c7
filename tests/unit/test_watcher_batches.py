"""The file watcher gathers a burst of edits (a checkout, a formatter over the project) into a
few looks at the project, never one per file."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.support import run_async
from tests.unit.test_watcher import DEADLINE, watching

FILES = 200
QUIET = 1.0  # seconds without a new look: the burst has been reported


async def _settled(calls: list[int]) -> int:
    """The number of looks once none came for `QUIET` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DEADLINE
    seen, since = len(calls), loop.time()
    while loop.time() - since < QUIET:
        assert loop.time() < deadline, "the looks never stopped"
        await asyncio.sleep(0.05)
        if len(calls) != seen:
            seen, since = len(calls), loop.time()
    return seen


def test_a_burst_of_edits_is_reported_in_a_few_looks(tmp_path: Path) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()

    async def scenario() -> int:
        calls: list[int] = []

        async def on_change() -> None:
            calls.append(1)

        async with watching(tmp_path, on_change):
            loop = asyncio.get_running_loop()
            deadline = loop.time() + DEADLINE
            while not calls:  # the watches are in place once a probe is reported
                assert loop.time() < deadline, "the watcher never reported"
                (defs / "probe.py").write_text(f"x = {loop.time()}\n")
                await asyncio.sleep(0.1)
            await _settled(calls)
            calls.clear()
            for number in range(FILES):
                (defs / f"asset_{number}.py").write_text(f"x = {number}\n")
            deadline = loop.time() + DEADLINE
            while not calls:
                assert loop.time() < deadline, "the burst was never reported"
                await asyncio.sleep(0.05)
            return await _settled(calls)

    looks = run_async(scenario())
    assert 1 <= looks <= 10, f"{looks} looks for {FILES} files"
