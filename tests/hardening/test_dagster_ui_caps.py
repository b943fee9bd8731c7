"""Managed Dagster UIs are capped and stopped when unused, every process of each reaped: with
the stand-in `dg` of tests/unit/test_dagster_dev.py (real processes that ignore SIGTERM and
have a child in their group, as `dg dev` has), so that three of them fit on a busy machine;
tests/api/test_dagster_ui.py runs the real `dg dev`."""

from __future__ import annotations

import asyncio
from pathlib import Path

from dagster_designer.services.dagster_ui import DagsterUi, DagsterUiPool
from dagster_designer.settings import Settings
from tests.support import group_gone, run_async
from tests.unit.test_dagster_dev import project, until


def uis(tmp_path: Path, count: int, pool: DagsterUiPool) -> list[DagsterUi]:
    settings = Settings(workspace=tmp_path / "workspace", worker_memory_mb=1024)
    return [
        DagsterUi(f"p{i}", project(tmp_path / f"p{i}", "serve"), settings, lambda _e: None, pool)
        for i in range(count)
    ]


def test_starting_one_past_the_cap_stops_the_least_recently_used(tmp_path: Path) -> None:
    pool = DagsterUiPool(limit=2)
    first, second, third = uis(tmp_path, 3, pool)

    async def scenario() -> list[int]:
        pids = []
        for ui in (first, second):
            ui.start()
            await until(lambda ui=ui: ui.state == "running", f"running: {ui.status()}")
            pids.append(ui.pid)
        first.upstream()  # the first is used after the second: the second is the oldest

        third.start()
        await until(lambda: third.state == "running", f"running: {third.status()}")

        assert first.state == "running"
        assert second.state == "stopped"
        second.start()  # its next click starts it again; now the first is the oldest
        await until(lambda: second.state == "running", f"running: {second.status()}")
        assert first.state == "stopped"
        assert third.state == "running"
        pids.append(third.pid)
        for ui in (first, second, third):
            await ui.stop()
        return pids

    first_pid, second_pid, third_pid = run_async(scenario())
    for pid in (first_pid, second_pid, third_pid):
        assert group_gone(pid, timeout=30), f"a process of group {pid} outlived its stop"


def test_one_unused_for_its_idle_time_is_stopped_and_starts_on_the_next_click(
    tmp_path: Path,
) -> None:
    pool = DagsterUiPool(limit=2)
    (ui,) = uis(tmp_path, 1, pool)

    async def scenario() -> int:
        ui.start()
        await until(lambda: ui.state == "running", f"running: {ui.status()}")
        pid = ui.pid
        assert not await ui.stop_if_idle(60.0)  # just used
        await asyncio.sleep(1.5)
        assert await ui.stop_if_idle(1.0)
        assert ui.state == "stopped"
        assert pid is not None
        ui.start()
        await until(lambda: ui.state == "running", f"running again: {ui.status()}")
        await ui.stop()
        return pid

    pid = run_async(scenario())
    assert group_gone(pid, timeout=30)


def test_a_start_in_progress_is_never_stopped_as_idle(tmp_path: Path) -> None:
    settings = Settings(workspace=tmp_path / "workspace", worker_memory_mb=1024)
    ui = DagsterUi("slow", project(tmp_path / "slow", "hang"), settings, lambda _e: None)

    async def scenario() -> int | None:
        ui.start()
        await until(lambda: ui.pid is not None, "spawned")
        await asyncio.sleep(1.5)
        assert not await ui.stop_if_idle(1.0)
        assert ui.state == "starting"
        pid = ui.pid
        await ui.stop()
        return pid

    pid = run_async(scenario())
    assert pid is not None and group_gone(pid, timeout=30)
