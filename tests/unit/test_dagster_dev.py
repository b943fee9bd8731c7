"""The managed `dg dev` against a fake `dg` that behaves as the real one does where it matters
(it ignores SIGTERM and has children in its group): readiness under the prefix, a start that
fails with its last output, one that never answers, one per project, and nothing left running
however it ends. In seconds and without Dagster; tests/api/test_dagster_ui.py runs the real one."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from dagster_designer.processes import spawn
from dagster_designer.processes.dagster_dev import DagsterDev, DagsterDevFailed
from dagster_designer.project_files.config import ProjectConfig
from dagster_designer.services.dagster_ui import DagsterUi, DagsterUiNotRunning, ui_prefix
from dagster_designer.settings import Settings
from tests.support import group_gone, group_members, run_async

DEADLINE = 60.0
FAKE_DG = """
import http.server, json, os, signal, subprocess, sys, time
from pathlib import Path

signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as `dg dev`
root = Path.cwd()
seen = {
    "argv": sys.argv[1:],
    "prefix": os.environ.get("DAGSTER_WEBSERVER_PATH_PREFIX"),
    "home": os.environ.get("DAGSTER_HOME"),
    "token": os.environ.get("DAGSTER_DESIGNER_TOKEN"),
}
(root / "seen.json").write_text(json.dumps(seen))
ignoring = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"
child = subprocess.Popen([sys.executable, "-c", ignoring])  # its webserver, in its group
mode = (root / "mode").read_text().strip()
if mode == "fail":
    for number in range(30):
        print(f"checking line {number}", flush=True)
    print("Error: defs.yaml is not valid YAML", flush=True)
    sys.exit(1)
if mode == "hang":
    time.sleep(600)
prefix = os.environ["DAGSTER_WEBSERVER_PATH_PREFIX"]
port = int(sys.argv[sys.argv.index("--port") + 1])


class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == prefix + "/server_info" else 404)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Answer).serve_forever()
"""


def project(root: Path, mode: str) -> ProjectConfig:
    """A project whose environment has the fake `dg`, which does what `mode` says."""
    dg = root / ".venv" / "bin" / "dg"
    dg.parent.mkdir(parents=True)
    dg.write_text(f"#!{sys.executable}\n{FAKE_DG}")
    dg.chmod(0o755)
    (root / "mode").write_text(mode)
    return ProjectConfig(root, "fake", "fake", "fake.defs", "fake.definitions", ())


def seen(root: Path) -> dict[str, Any]:
    return json.loads((root / "seen.json").read_text())


async def until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.05)


def service(root: Path, mode: str) -> tuple[DagsterUi, list[dict[str, Any]]]:
    events: list[dict[str, Any]] = []
    settings = Settings(workspace=root / "workspace", worker_memory_mb=1024)
    return DagsterUi("p1", project(root, mode), settings, events.append), events


def test_it_runs_under_the_prefix_in_the_projects_environment_and_stops_with_its_group(
    tmp_path: Path,
) -> None:
    ui, events = service(tmp_path, "serve")

    async def scenario() -> int:
        assert ui.start()["state"] == "starting"
        await until(lambda: ui.pid is not None, "spawned")
        pid = ui.pid
        assert ui.start()["state"] == "starting"  # the same one
        await until(lambda: ui.state == "running", f"running: {ui.status()}")
        assert ui.pid == pid
        async with httpx.AsyncClient(trust_env=False) as client:
            answer = await client.get(f"{ui.upstream()}{ui.prefix}/server_info")
        assert answer.status_code == 200
        assert ui.start() == {"state": "running", "path": f"{ui.prefix}/", "error": None}
        # the keeper that ends the group with the server, `dg dev` and its child
        assert pid is not None and len(group_members(pid)) == 3
        assert await ui.stop() == {"state": "stopped", "path": f"{ui.prefix}/", "error": None}
        return pid

    pid = run_async(scenario())
    assert group_gone(pid, timeout=10)
    where = seen(tmp_path)
    assert where["prefix"] == ui_prefix("p1") == "/api/v1/projects/p1/dagster-ui/app"
    assert where["home"] == str(tmp_path / ".dagster-designer" / "dagster_home")
    assert where["token"] is None
    assert where["argv"][:3] == ["dev", "--host", "127.0.0.1"]
    assert [e["state"] for e in events] == ["starting", "running", "stopped"]
    assert events[0] == {
        "type": "dagster_ui",
        "project_id": "p1",
        "state": "starting",
        "path": "/api/v1/projects/p1/dagster-ui/app/",
        "error": None,
    }
    with pytest.raises(DagsterUiNotRunning, match="is stopped"):
        ui.upstream()


def test_a_start_that_fails_says_why_with_its_last_lines(tmp_path: Path) -> None:
    ui, events = service(tmp_path, "fail")

    async def scenario() -> None:
        ui.start()
        await until(lambda: ui.state == "failed", f"failed: {ui.status()}")
        await until(lambda: ui.pid is None, "cleaned up")

    run_async(scenario())
    error = ui.status()["error"]
    assert error.startswith("`dg dev` exited with code 1. It last wrote:")
    assert error.endswith("checking line 29\nError: defs.yaml is not valid YAML")
    assert "checking line 10" not in error  # only the last lines
    assert [e["state"] for e in events] == ["starting", "failed"]
    with pytest.raises(DagsterUiNotRunning, match="is failed: `dg dev` exited"):
        ui.upstream()


def test_a_webserver_that_never_answers_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    server = DagsterDev(project(tmp_path, "hang"), spawn.NO_LIMITS, ui_prefix("p1"))

    async def scenario() -> int:
        started = time.monotonic()
        with pytest.raises(DagsterDevFailed, match="did not answer within 2 s"):
            await server.start(timeout=2)
        assert time.monotonic() - started < 10  # SIGTERM is ignored: killed without a grace
        assert server.pid is not None
        return server.pid

    assert group_gone(run_async(scenario()), timeout=10)


def test_a_stop_while_it_starts_ends_it(tmp_path: Path) -> None:
    ui, events = service(tmp_path, "hang")

    async def scenario() -> int:
        ui.start()
        await until(lambda: (tmp_path / "seen.json").exists(), "spawned")
        pid = ui.pid
        assert pid is not None
        # the keeper that ends the group with the server, `dg dev` and its child (started
        # just after seen.json is written)
        await until(lambda: len(group_members(pid)) == 3, f"group of 3: {group_members(pid)}")
        assert (await ui.stop())["state"] == "stopped"
        assert ui.pid is None
        return pid

    assert group_gone(run_async(scenario()), timeout=10)
    assert [e["state"] for e in events] == ["starting", "stopped"]


def test_one_that_dies_is_failed_and_its_group_ends(tmp_path: Path) -> None:
    ui, events = service(tmp_path, "serve")

    async def scenario() -> int:
        ui.start()
        await until(lambda: ui.state == "running", f"running: {ui.status()}")
        pid = ui.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # its child, in its group, would live on
        await until(lambda: ui.state == "failed", f"failed: {ui.status()}")
        await until(lambda: ui.pid is None, "cleaned up")
        return pid

    pid = run_async(scenario())
    assert group_gone(pid, timeout=10)
    assert ui.error is not None and ui.error.startswith("`dg dev` was killed by SIGKILL")
    assert [e["state"] for e in events] == ["starting", "running", "failed"]
