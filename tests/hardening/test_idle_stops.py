"""Processes nobody uses are stopped, every one of their processes reaped, and start again on
the next use: a project's worker, its warm run process and its completion process; terminals
past their caps are refused with the limit named."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import httpx
from websockets.sync.client import connect

from tests.support import (
    Designer,
    children_of,
    definitions,
    running,
    start_designer,
    stop_designer,
    wait_for_project,
    written,
)

DEADLINE = 300.0  # a busy, shared machine
ASSET = """\
import dagster as dg


@dg.asset
def idle_probe() -> int:
    return 1
"""


def wait_until(condition: Callable[[], object], what: str, timeout: float = DEADLINE) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def open_project(client: httpx.Client, root: Path) -> dict:
    opened = client.post("/projects", json={"path": str(root)})
    assert opened.status_code in (201, 202), opened.text
    return wait_for_project(client, opened.json()["id"])


def worker(client: httpx.Client, project: dict) -> dict:
    """The worker's status, read without counting as a use of the project."""
    return client.get(f"/projects/{project['id']}").json()["worker"]


def project_processes(server: Designer) -> list[int]:
    """The server's live children: the worker, run processes, the completion process."""
    return [pid for pid in children_of(server.process.pid) if running(pid)]


def completion_state(client: httpx.Client, project: dict) -> str:
    return client.post(f"/projects/{project['id']}/python/prepare").json()["state"]


def test_an_idle_worker_is_stopped_reaped_and_started_again_by_the_next_request(
    tmp_path: Path, project_root: Path, defs_root: Path
) -> None:
    server = start_designer(tmp_path / "workspace", "--worker-idle-minutes", "0.05")
    try:
        with written(defs_root, {"idle_probe.py": ASSET}), server.client() as client:
            project = open_project(client, project_root)
            assert "idle_probe" in {a["key"] for a in definitions(client, project)["assets"]}
            client.get(f"/projects/{project['id']}/runs").raise_for_status()  # warms a run process
            wait_until(lambda: completion_state(client, project) == "ready", "jedi did not start")
            first = worker(client, project)["pid"]
            assert first and running(first)
            assert len(project_processes(server)) >= 2

            wait_until(
                lambda: worker(client, project)["state"] == "stopped",
                "the idle worker was not stopped",
            )

            status = worker(client, project)
            assert status["detail"] == "idle"
            assert status["pid"] is None
            wait_until(lambda: not running(first), "the idle worker was not reaped")
            wait_until(
                lambda: not project_processes(server),
                "a run or completion process outlived the stop",
            )
            again = definitions(client, project)
            assert not again["errors"], again["errors"]
            assert "idle_probe" in {a["key"] for a in again["assets"]}
            restarted = worker(client, project)
            assert restarted["state"] == "ready"
            assert restarted["pid"] not in (None, first)
    finally:
        stop_designer(server)


def test_a_live_socket_keeps_the_worker_and_reconnecting_starts_it_again(
    tmp_path: Path, project_root: Path
) -> None:
    server = start_designer(tmp_path / "workspace", "--worker-idle-minutes", "0.05")
    try:
        with server.client() as client:
            project = open_project(client, project_root)
            live = f"ws://127.0.0.1:{server.port}/api/v1/projects/{project['id']}/live"
            headers = {"Authorization": f"Bearer {server.token}"}
            with connect(live, additional_headers=headers, max_size=None) as socket:
                socket.recv(timeout=DEADLINE)  # the whole state: the worker loaded
                pid = worker(client, project)["pid"]
                time.sleep(10)  # over three idle times
                assert worker(client, project)["pid"] == pid, "stopped while a socket was open"
            wait_until(
                lambda: worker(client, project)["state"] == "stopped",
                "the worker was not stopped once its socket closed",
            )
            with connect(live, additional_headers=headers, max_size=None) as socket:
                first = socket.recv(timeout=DEADLINE)
                assert '"definitions"' in str(first)
            assert worker(client, project)["state"] == "ready"
    finally:
        stop_designer(server)


def test_terminals_past_either_cap_are_refused_naming_the_limit(
    tmp_path: Path, project_root: Path
) -> None:
    server = start_designer(
        tmp_path / "workspace", "--max-terminals-per-project", "1", "--max-terminals", "1"
    )
    try:
        with server.client() as client:
            project = open_project(client, project_root)
            url = f"/projects/{project['id']}/terminals"
            created = client.post(url, json={})
            assert created.status_code == 201, created.text

            refused = client.post(url, json={})

            assert refused.status_code == 409, refused.text
            assert "--max-terminals-per-project" in refused.json()["detail"]
            assert len(client.get(url).json()) == 1
            client.delete(f"{url}/{created.json()['id']}").raise_for_status()
            assert client.post(url, json={}).status_code == 201
    finally:
        stop_designer(server)
    server = start_designer(
        tmp_path / "workspace2", "--max-terminals-per-project", "4", "--max-terminals", "1"
    )
    try:
        with server.client() as client:
            project = open_project(client, project_root)
            url = f"/projects/{project['id']}/terminals"
            assert client.post(url, json={}).status_code == 201

            refused = client.post(url, json={})

            assert refused.status_code == 409, refused.text
            detail = refused.json()["detail"]
            assert "1 terminals are open in all projects" in detail
            assert "--max-terminals)" in detail
    finally:
        stop_designer(server)


def test_a_terminal_without_a_socket_for_its_idle_time_is_ended_with_its_processes(
    tmp_path: Path, project_root: Path
) -> None:
    server = start_designer(tmp_path / "workspace", "--terminal-idle-minutes", "0.05")
    try:
        with server.client() as client:
            project = open_project(client, project_root)
            url = f"/projects/{project['id']}/terminals"
            created = client.post(url, json={})
            assert created.status_code == 201, created.text
            shell = created.json()["pid"]
            assert running(shell)

            wait_until(lambda: not client.get(url).json(), "the idle terminal was not ended")

            wait_until(lambda: not running(shell), "the idle terminal's shell was not reaped")
            assert client.post(url, json={}).status_code == 201  # a new one starts as before
    finally:
        stop_designer(server)
