"""The server killed with SIGKILL while every long-lived process it starts for a project runs:
the worker, jedi, a terminal and Dagster's UI (`dg dev`, its webserver and daemon). None of
them, nor anything they started, outlives it."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

from tests.hardening.test_server_crash import descendants
from tests.support import (
    WEBSERVER_TIMEOUT,
    Designer,
    children_of,
    group_members,
    running,
    start_designer,
    stop_designer,
    wait_for_project,
)


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def group_of(pid: int) -> int | None:
    with contextlib.suppress(ProcessLookupError):
        return os.getpgid(pid)
    return None


def test_a_killed_server_leaves_no_process_of_a_project_running(
    tmp_path: Path, project_root: Path
) -> None:
    server: Designer = start_designer(tmp_path / "workspace", "--load-timeout", "120")
    groups: set[int] = set()
    try:
        with server.client() as client:
            opened = client.post("/projects", json={"path": str(project_root)})
            assert opened.status_code in (201, 202), opened.text
            project = wait_for_project(client, opened.json()["id"])
            base = f"/projects/{project['id']}"
            assert client.get(f"{base}/definitions").status_code == 200  # the worker
            assert client.post(f"{base}/terminals").status_code == 201
            assert client.post(f"{base}/python/prepare").status_code in (200, 202)
            assert client.post(f"{base}/dagster-ui").status_code == 202
            deadline = time.monotonic() + WEBSERVER_TIMEOUT
            while (state := client.get(f"{base}/dagster-ui").json())["state"] != "running":
                assert state["state"] != "failed", state
                assert time.monotonic() < deadline, f"Dagster's UI did not start: {state}"
                time.sleep(1)
        children = {pid: command_line(pid) for pid in children_of(server.process.pid)}
        kinds = " ".join(children.values())
        for kind in ("dg dev", "completion_process", "worker"):
            assert kind in kinds, f"no {kind} among the server's children: {children}"
        started = descendants(server.process.pid)
        groups = {g for pid in started if (g := group_of(pid)) is not None}

        server.process.send_signal(signal.SIGKILL)  # the server alone, as a crash would
        server.process.wait(30)

        def left() -> dict[int, str]:
            alive = {pid for group in groups for pid in group_members(group)}
            alive |= {pid for pid in started if running(pid)}
            return {pid: command_line(pid) for pid in alive}

        deadline = time.monotonic() + 120
        while left() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not left(), f"processes outlived the killed server: {left()}"
    finally:
        stop_designer(server)
        for group in groups:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
