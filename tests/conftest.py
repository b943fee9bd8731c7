"""Shared fixtures: a real designer server and one real dg project created through it.

The server runs as a separate process, exactly as a user starts it. The project is created once
per test session with create-dagster and uv (the uv cache makes later sessions fast); tests that
change it use their own instance names so they do not depend on each other's order.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import (
    PROJECT_NAME,
    Designer,
    start_designer,
    stop_designer,
    wait_for_project,
    worker_processes,
)

# Terminals source the machine's ~/.bashrc. pyenv's there takes a lock file while it rehashes; a
# shell killed during its start-up elsewhere on the machine can leave the lock behind, and every
# later shell would wait a minute for it: the shells of the tests (in this process and in the
# servers it starts) wait a few seconds.
os.environ["PYENV_REHASH_TIMEOUT"] = "3"


@pytest.fixture(scope="session")
def designer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Designer]:
    workspace = tmp_path_factory.mktemp("designer") / "workspace"
    # Short enough that the timeout tests end soon, long enough for a load of the definitions on
    # a machine whose cores are busy (more than 10 s there).
    server = start_designer(workspace, "--load-timeout", "30", "--worker-memory-mb", "2048")
    yield server
    stop_designer(server)
    leftovers = worker_processes(workspace)
    for pid in leftovers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert not leftovers, f"worker processes outlived the server: {leftovers}"


@pytest.fixture(scope="session")
def api(designer: Designer) -> Iterator[httpx.Client]:
    with designer.client() as client:
        yield client


@pytest.fixture(scope="session")
def project(api: httpx.Client) -> dict:
    response = api.post("/projects", json={"name": PROJECT_NAME})
    assert response.status_code == 202, response.text
    project = wait_for_project(api, response.json()["id"])
    assert project["status"] == "ready", project.get("error")
    return project


@pytest.fixture(scope="session")
def project_root(project: dict) -> Path:
    return Path(project["path"])


@pytest.fixture(scope="session")
def defs_root(project: dict, project_root: Path) -> Path:
    return project_root / project["defs_path"]
