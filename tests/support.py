"""Helpers for tests that drive a real designer server as a separate process."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

TOKEN = "test-" + secrets.token_hex(12)
PROJECT_NAME = "sales_analytics"
# `dg dev` answers in about 20 s on an idle machine, several times that on a busy one
WEBSERVER_TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Designer:
    url: str
    port: int
    token: str
    workspace: Path
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, **headers: str) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.url}/api/v1",
            headers={"Authorization": f"Bearer {self.token}", **headers},
            timeout=300,
        )


def start_designer(workspace: Path, *args: str, env: dict[str, str] | None = None) -> Designer:
    port = free_port()
    log = workspace.parent / f"designer-{port}.log"
    workspace.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dagster_designer.cli",
            "serve",
            "--workspace",
            str(workspace),
            "--port",
            str(port),
            "--no-browser",
            *args,
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "DAGSTER_DESIGNER_TOKEN": TOKEN, **(env or {})},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"designer exited:\n{log.read_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return Designer(url, port, TOKEN, workspace, process, log)
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"designer did not start:\n{log.read_text()}")


def worker_processes(workspace: Path) -> list[int]:
    """Processes still running for this workspace (workers, jedi, terminals) other than us."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if str(workspace) in cmdline and int(entry.name) != os.getpid():
                pids.append(int(entry.name))
    return pids


def _stat(pid: int | str) -> list[str]:
    """A process's state and what follows it in /proc/PID/stat; [] when it is gone. The
    command name may hold spaces and parentheses: the fields follow the last ')'."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return []


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid` now."""
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and (fields := _stat(entry.name)) and fields[1] == str(pid)
    ]


def running(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    fields = _stat(pid)
    return bool(fields) and fields[0] != "Z"


def group_members(pgid: int) -> list[int]:
    """The processes of a process group that still run (zombies waiting to be reaped left out)."""
    return [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit()
        and (fields := _stat(entry.name))
        and fields[2] == str(pgid)
        and fields[0] != "Z"
    ]


def group_gone(pgid: int, timeout: float = 60) -> bool:
    """Whether a process group ends within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while group_members(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def stop_designer(designer: Designer) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(designer.process.pid, signal.SIGTERM)
    try:
        designer.process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(designer.process.pid, signal.SIGKILL)
        designer.process.wait(10)


def wait_for_project(client: httpx.Client, project_id: str, timeout: float = 900) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        project = client.get(f"/projects/{project_id}").json()
        if project["status"] != "creating":
            return project
        time.sleep(0.5)
    raise TimeoutError(f"project {project_id} still creating after {timeout} s")


def dg_env(project_root: Path) -> dict[str, str]:
    """The environment `dg` runs with in the project: its .venv active, no update check."""
    venv = project_root / ".venv"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        VIRTUAL_ENV=str(venv),
        PATH=f"{venv / 'bin'}:{env.get('PATH', '')}",
        DAGSTER_DG_UPDATE_CHECK_ENABLED="0",
    )
    return env


@contextlib.contextmanager
def dg_dev(project_root: Path, dagster_home: Path) -> Iterator[str]:
    """`dg dev` (Dagster's webserver and daemon) in the project, on the instance `dagster_home`;
    answers its GraphQL address. It ignores SIGTERM, so its process group is killed."""
    port = free_port()
    env = dg_env(project_root)
    env["DAGSTER_HOME"] = str(dagster_home)
    log = project_root.parent / f"dg-dev-{port}.log"
    process = subprocess.Popen(
        [str(project_root / ".venv/bin/dg"), "dev", "--port", str(port), "--host", "127.0.0.1"],
        cwd=project_root,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + WEBSERVER_TIMEOUT
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/server_info", timeout=5).is_success:
                    break
            time.sleep(1)
        else:
            raise AssertionError(f"dg dev did not answer:\n{log.read_text()}")
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


def dg_command(project_root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`dg ARGS` in the project's environment, as a user runs it there."""
    return subprocess.run(
        [str(project_root / ".venv" / "bin" / "dg"), *args],
        cwd=project_root,
        env=dg_env(project_root),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def dg_list_defs(project_root: Path) -> dict:
    """`dg list defs --json` in the project's environment: the reference for fidelity."""
    result = dg_command(project_root, "list", "defs", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def git(root: Path, *args: str) -> str:
    """A git command in `root` by a committer of the tests' own; its output, trailing space off."""
    result = subprocess.run(
        ["git", "-c", "user.name=Tester", "-c", "user.email=tester@example.com", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.rstrip()


def project_copy(project_root: Path, copy: Path) -> Path:
    """A second project to open in place: the files copied (the designer refuses code reached
    through a link out of the project), the environment shared through a link."""
    shutil.copytree(
        project_root, copy, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__")
    )
    (copy / ".venv").symlink_to(project_root / ".venv")
    return copy


@contextlib.contextmanager
def written(root: Path, files: dict[str, str]) -> Iterator[Path]:
    """Writes new `files` (paths relative to `root`) for the duration of a test, then removes them
    and every folder they needed, so the shared project is left as it was."""
    made: list[Path] = []  # the topmost path each file brought into existence
    try:
        for relative, text in files.items():
            path = root / relative
            assert not path.exists(), f"{relative} exists already"
            parts = Path(relative).parts
            prefixes = (root.joinpath(*parts[: i + 1]) for i in range(len(parts)))
            made.append(next(p for p in prefixes if not p.exists()))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
        yield root
    finally:
        for path in made:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)


T = TypeVar("T")


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine to its end from a test, in a thread of its own: the browser tests' driver
    keeps an event loop running in the main thread, where `asyncio.run` is refused."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def definitions(api: httpx.Client, project: dict) -> dict:
    """`GET /definitions` of a project: what Dagster loads from its files now."""
    response = api.get(f"/projects/{project['id']}/definitions")
    assert response.status_code == 200, response.text
    return response.json()


@dataclass(frozen=True)
class ApiRoute:
    method: str  # `WEBSOCKET` for a websocket
    path: str  # as declared: `/api/v1/projects/{project_id}/files/{path}`

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    def url(self, **values: str) -> str:
        """The path with its parameters filled: `values` by name, `x` for the others."""
        return re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values.get(m.group(1), "x"), self.path)


def api_routes() -> list[ApiRoute]:
    """Every route under /api/v1, read from the app itself (built in this process, nothing
    started): tests that go through them all cover a new route the day it is added."""
    from fastapi.routing import APIWebSocketRoute, iter_route_contexts

    from dagster_designer.server.app import create_app
    from dagster_designer.settings import Settings

    app = create_app(Settings(workspace=Path("/nonexistent/workspace")))
    routes = []
    for route in iter_route_contexts(app.routes):  # the included routers' routes too
        if route.path is None:
            continue
        if isinstance(route.original_route, APIWebSocketRoute):
            routes.append(ApiRoute("WEBSOCKET", route.path))
        else:
            methods = sorted((route.methods or set()) - {"HEAD"})
            routes.extend(ApiRoute(method, route.path) for method in methods)
    return [r for r in routes if r.path.startswith("/api/v1/")]


def graphql(
    address: str, query: str, client: httpx.Client | None = None, **variables: object
) -> dict:
    """The first field a query of Dagster's GraphQL API answers, once the code location has
    loaded; through `client` (the designer's proxy, with its cookie) or directly."""
    deadline = time.monotonic() + WEBSERVER_TIMEOUT
    while True:  # the code location may still be loading
        response = (client or httpx).post(
            address, json={"query": query, "variables": variables}, timeout=120
        )
        assert response.status_code == 200, response.text
        data = response.json()
        assert "errors" not in data, data
        found = next(iter(data["data"].values()))
        if not isinstance(found, dict) or found.get("__typename") not in (
            "RepositoryLocationNotFound",
            "RepositoryNotFoundError",
        ):
            return found
        assert time.monotonic() < deadline, found
        time.sleep(1)


RUN_TIMEOUT = 300.0


def launch(api: httpx.Client, project: dict, **body: object) -> str:
    """`POST /runs` of a project: the run id."""
    response = api.post(f"/projects/{project['id']}/runs", json=body)
    assert response.status_code == 201, response.text
    return response.json()["run_id"]


def wait_run(
    api: httpx.Client, project: dict, run_id: str, statuses: set[str], timeout: float = RUN_TIMEOUT
) -> dict:
    """The run once its status is one of `statuses`."""
    deadline = time.monotonic() + timeout
    run: dict = {}
    while time.monotonic() < deadline:
        response = api.get(f"/projects/{project['id']}/runs/{run_id}")
        assert response.status_code == 200, response.text
        run = response.json()
        if run["status"] in statuses:
            return run
        time.sleep(0.3)
    raise AssertionError(f"run {run_id} is {run.get('status')}, not {statuses}, after {timeout} s")


def all_events(api: httpx.Client, project: dict, run_id: str) -> list[dict]:
    """The run's events, read on from each answer's cursor until the run has ended."""
    events: list[dict] = []
    after: int | None = None
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        params = {"after": after} if after is not None else {}
        response = api.get(f"/projects/{project['id']}/runs/{run_id}/events", params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        events += page["events"]
        after = page["cursor"]
        if page["done"]:
            return events
        time.sleep(0.2)
    raise AssertionError(f"the events of {run_id} did not end")


def dg_workspace(parent: Path, name: str, projects: dict[str, str]) -> Path:
    """A real dg workspace made by `create-dagster workspace`, with one project per name made by
    `create-dagster project projects/NAME --uv-sync` inside it (which lists it in the workspace's
    dg.toml and gives it its own .venv); each project's `defs/assets.py` holds its text."""
    import uv  # the designer's uv, as it builds environments with

    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(
        PATH=f"{Path(uv.find_uv_bin()).parent}:{env.get('PATH', '')}",
        DAGSTER_DG_UPDATE_CHECK_ENABLED="0",
        UV_COMPILE_BYTECODE="1",
    )
    create = [str(Path(sys.executable).parent / "create-dagster")]
    root = parent / name

    def run(*args: str, cwd: Path) -> None:
        done = subprocess.run(
            [*create, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, done.stdout + done.stderr

    run("workspace", name, "--no-uv-sync", cwd=parent)  # the projects have their own
    for project, assets in projects.items():
        run("project", f"projects/{project}", "--uv-sync", cwd=root)
        (root / "projects" / project / "src" / project / "defs" / "assets.py").write_text(assets)
    return root
