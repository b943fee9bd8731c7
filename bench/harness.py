"""What the benchmarks share: a designer server started as a user starts it, the Dagster CLI
run in a project's environment, and percentiles."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

TOKEN = secrets.token_hex(16)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tool_env(**extra: str) -> dict[str, str]:
    """The environment for create-dagster, uv and dg: as the designer gives them."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        PATH=f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        UV_COMPILE_BYTECODE="1",
        DAGSTER_DG_UPDATE_CHECK_ENABLED="0",
        **extra,
    )
    return env


def dg(project: Path, *args: str) -> None:
    """`dg ARGS` in the project's own environment, as a user runs it."""
    venv = project / ".venv"
    env = tool_env(VIRTUAL_ENV=str(venv))
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"  # activated: the project's tools (dbt) first
    subprocess.run(
        [str(venv / "bin" / "dg"), *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _tree_cpu_seconds(root: int) -> float:
    """Processor seconds used so far by `root` and every process below it (from /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, grown = {root}, True
    while grown:
        below = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= below
        grown = bool(below)
    return sum(used.get(pid, 0.0) for pid in tree)


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    started_in: float  # seconds from the command to the first page served

    def wait_until_quiet(self, busy: float = 0.05, timeout: float = 600) -> float:
        """Waits until the designer and every process it started use under `busy` of a core
        for two seconds (its work ahead of the user done: warm processes, registry, review);
        returns the seconds waited."""
        started = time.monotonic()
        last = _tree_cpu_seconds(self.process.pid)
        quiet = 0
        while time.monotonic() - started < timeout and quiet < 4:
            time.sleep(0.5)
            now = _tree_cpu_seconds(self.process.pid)
            quiet = quiet + 1 if now - last < busy * 0.5 else 0
            last = now
        return time.monotonic() - started

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.url}/api/v1", timeout=900, headers={"Authorization": f"Bearer {TOKEN}"}
        )


@contextlib.contextmanager
def designer(workspace: Path, *args: str) -> Iterator[Server]:
    """`dagster-designer serve` on a free port, until its first page is served; stopped after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    command = [sys.executable, "-m", "dagster_designer.cli", "serve", "--workspace", str(workspace)]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--no-browser", "--log-level", "warning", *args],
        env={**os.environ, "DAGSTER_DESIGNER_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    cookies = {f"dagster_designer_token_{port}": TOKEN}
    try:
        while True:
            with contextlib.suppress(httpx.HTTPError):
                page = httpx.get(f"{url}/", cookies=cookies)
                if page.status_code == 200 and '<div id="root">' in page.text:
                    break
            if process.poll() is not None:
                raise RuntimeError("the designer exited")
            time.sleep(0.02)
        yield Server(url, port, process, time.perf_counter() - started)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(60)


def new_project(client: httpx.Client, name: str) -> dict:
    """A project created through the API, once it is ready."""
    project_id = client.post("/projects", json={"name": name}).json()["id"]
    while (project := client.get(f"/projects/{project_id}").json())["status"] == "creating":
        time.sleep(0.1)
    if project["status"] != "ready":
        raise RuntimeError(f"the project was not created: {project.get('error')}")
    print("project ready", flush=True)
    return project
