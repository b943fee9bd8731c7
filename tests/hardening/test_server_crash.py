"""The server killed with SIGKILL, as a crash or the OOM killer would: nothing it started goes on
running (worker, run, terminal), and a server started again says what became of the run."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.support import (
    Designer,
    children_of,
    definitions,
    group_gone,
    launch,
    running,
    start_designer,
    stop_designer,
    wait_for_project,
    wait_run,
    written,
)

MARKS = Path(tempfile.mkdtemp(prefix="crash-marks-"))
SLOW = f"""\
import os
import time
from pathlib import Path

import dagster as dg


@dg.asset
def crash_slow() -> None:
    written = Path({str(MARKS)!r}, "group.tmp")
    written.write_text(str(os.getpgid(0)))
    written.replace(written.with_suffix(""))  # whole or not at all, for the test that reads it
    time.sleep(600)
"""


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children_of(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def until(condition: Callable[[], object], what: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"never {what} in {timeout} s"
        time.sleep(0.2)


def test_a_killed_server_leaves_nothing_running_and_its_run_ends_failed(
    tmp_path: Path, project_root: Path, defs_root: Path
) -> None:
    workspace = tmp_path / "workspace"
    server: Designer = start_designer(workspace, "--load-timeout", "120")
    started: set[int] = set()
    with written(defs_root, {"crash_assets.py": SLOW}):
        try:
            with server.client() as client:
                opened = client.post("/projects", json={"path": str(project_root)})
                assert opened.status_code in (201, 202), opened.text
                project = wait_for_project(client, opened.json()["id"])
                assert "crash_slow" in {a["key"] for a in definitions(client, project)["assets"]}
                terminal = client.post(f"/projects/{project['id']}/terminals")
                assert terminal.status_code == 201, terminal.text
                run_id = launch(client, project, selection="key:crash_slow")
                until(lambda: (MARKS / "group").exists(), "started the run's asset")
            run_group = int((MARKS / "group").read_text())
            started = descendants(server.process.pid)

            server.process.send_signal(signal.SIGKILL)  # the server alone, as a crash would
            server.process.wait(30)

            assert group_gone(run_group, timeout=120), "the run's processes outlived the server"
            until(
                lambda: not [pid for pid in started if running(pid)],
                "ended every process of the killed server",
                timeout=120,
            )
        finally:
            stop_designer(server)
            for pid in started:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    again = start_designer(workspace, "--load-timeout", "120")
    try:
        with again.client() as client:
            project = wait_for_project(client, project["id"])
            run = wait_run(client, project, run_id, {"FAILURE", "SUCCESS", "CANCELED"}, 120)
            assert run["status"] == "FAILURE"
            assert "designer stopped" in run["error"]["message"], run["error"]
    finally:
        stop_designer(again)
