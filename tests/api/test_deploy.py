"""Deploying to Dagster+ with `dg plus deploy` in the project's environment: what is missing is a
409 with its one-click fix, the command and its environment are exactly what Dagster's tools
read, the token never reaches an argument list, the output, an answer, a log or a file, and
`dg plus deploy configure` writes Dagster's own files. No call leaves this machine: the
organisation's address is a loopback socket that records what reaches it."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dagster_designer.server.models import DeployState
from tests.support import Designer

TOKEN = "dgp-test-" + "7f3a9c" * 6
TIMEOUT = 900.0
CONFIGURED = ("build.yaml", "container_context.yaml", "Dockerfile")


def _request(**fields: object) -> dict[str, object]:
    return {
        "target": "dagster-plus",
        "organization": "acme",
        "deployment": "prod",
        "token": TOKEN,
        **fields,
    }


def _settled(api: httpx.Client, project: dict, key: str, timeout: float = TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = api.get(f"/projects/{project['id']}").json()
        if current.get(key, {}).get("state") != "running":
            return current
        time.sleep(1)
    raise TimeoutError(f"{key} still running after {timeout} s")


@pytest.fixture(scope="module")
def cleaned(project_root: Path) -> Iterator[None]:
    yield
    for name in CONFIGURED:
        (project_root / name).unlink(missing_ok=True)


def test_a_deploy_without_dagster_cloud_is_refused_with_the_offer(
    api: httpx.Client, project: dict
) -> None:
    response = api.post(f"/projects/{project['id']}/deploy", json=_request())
    assert response.status_code == 409, response.text
    body = response.json()
    assert "dagster-cloud" in body["detail"]
    assert body["fix"] == {"action": "add_package", "package": "dagster-cloud"}
    assert api.get(f"/projects/{project['id']}/deploy").json() == {"state": "none"}


@pytest.mark.parametrize(
    "body",
    [
        _request(token=""),
        _request(organization=""),
        _request(target="kubernetes"),
        _request(build_strategy="zip"),
        _request(url="file:///etc/passwd"),
        {k: v for k, v in _request().items() if k != "token"},
    ],
)
def test_a_bad_deploy_request_is_refused(api: httpx.Client, project: dict, body: dict) -> None:
    response = api.post(f"/projects/{project['id']}/deploy", json=body)
    assert response.status_code == 422, response.text
    assert TOKEN not in response.text


def test_a_deploy_of_an_unknown_project_is_404(api: httpx.Client) -> None:
    assert api.post("/projects/nope/deploy", json=_request()).status_code == 404
    assert api.get("/projects/nope/deploy").status_code == 404


@pytest.fixture(scope="module")
def cloud(api: httpx.Client, project: dict) -> Iterator[None]:
    """dagster-cloud added through the offer (the integration library), removed afterwards."""
    response = api.post(
        f"/projects/{project['id']}/integrations", json={"package": "dagster-cloud"}
    )
    assert response.status_code == 202, response.text
    settled = _settled(api, project, "integration")
    assert settled["integration"]["state"] == "done", settled["integration"]
    yield
    api.delete(f"/projects/{project['id']}/integrations/dagster-cloud")
    _settled(api, project, "integration")


def test_a_docker_deploy_without_its_configuration_offers_to_configure(
    api: httpx.Client, project: dict, cloud: None
) -> None:
    del cloud
    response = api.post(f"/projects/{project['id']}/deploy", json=_request(build_strategy="docker"))
    assert response.status_code == 409, response.text
    assert response.json()["fix"] == {"action": "configure"}
    assert "build.yaml" in response.json()["detail"]


class Recorder:
    """A loopback socket standing in for the organisation's address: it keeps what reaches it
    and closes each connection, so the deploy fails without leaving the machine."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.received = b""
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError):
                conn.settimeout(2)
                while chunk := conn.recv(65536):
                    self.received += chunk
                    if len(self.received) > 1024 * 1024:
                        break


def _command_lines() -> list[bytes]:
    lines = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                lines.append((proc / "cmdline").read_bytes())
            except OSError:
                continue
    return lines


def test_a_deploy_runs_dg_plus_deploy_with_the_token_only_in_its_environment(
    api: httpx.Client, project: dict, project_root: Path, designer: Designer, cloud: None
) -> None:
    del cloud
    recorder = Recorder()
    response = api.post(
        f"/projects/{project['id']}/deploy",
        json=_request(build_strategy="python-executable", location_name=None, url=recorder.url),
    )
    assert response.status_code == 202, response.text
    started = DeployState.model_validate(response.json())
    assert started.state == "running"
    assert started.command == ["plus", "deploy", "--yes", "--build-strategy", "python-executable"]
    assert started.environment is not None
    assert {
        "DAGSTER_CLOUD_ORGANIZATION",
        "DAGSTER_CLOUD_DEPLOYMENT",
        "DAGSTER_CLOUD_API_TOKEN",
        "DAGSTER_CLOUD_URL",
        "DAGSTER_BUILD_STATEDIR",
    } == set(started.environment)
    busy = api.post(
        f"/projects/{project['id']}/deploy",
        json=_request(build_strategy="python-executable", organization="other"),
    )
    assert busy.status_code == 409 and "busy" in busy.json()["detail"]
    assert "fix" not in busy.json()
    running = api.get(f"/projects/{project['id']}/deploy").json()
    assert running["organization"] == "acme", "a refused deploy left the running one's state"
    deadline = time.monotonic() + TIMEOUT
    while (state := api.get(f"/projects/{project['id']}/deploy").json())["state"] == "running":
        assert not [c for c in _command_lines() if TOKEN.encode() in c], "the token is in argv"
        assert time.monotonic() < deadline, state
        time.sleep(0.5)
    assert state["state"] == "failed", state
    assert "dg plus deploy" in state["error"]
    # it reached the organisation's address, with the token in its headers only
    assert b"POST" in recorder.received and TOKEN.encode() in recorder.received
    assert recorder.received.lower().count(b"dagster-cloud-api-token") >= 1
    answers = (
        api.get(f"/projects/{project['id']}/deploy").text
        + api.get(f"/projects/{project['id']}").text
    )
    assert TOKEN not in answers
    # dg's own output, streamed into the deploy's state and the project's progress
    assert any("get_agent_type_and_platform" in line for line in state["output"]), state
    assert state["output"][-1] in api.get(f"/projects/{project['id']}").json()["progress"]
    assert TOKEN not in designer.log.read_text(errors="replace")
    for path in project_root.rglob("*"):
        if ".venv" in path.parts or not path.is_file() or path.is_symlink():
            continue
        assert TOKEN.encode() not in path.read_bytes(), path


def test_configure_writes_dagsters_own_hybrid_files(
    api: httpx.Client, project: dict, project_root: Path, cleaned: None
) -> None:
    del cleaned
    response = api.post(
        f"/projects/{project['id']}/deploy/configure",
        json={
            "target": "dagster-plus",
            "agent_type": "hybrid",
            "agent_platform": "docker",
            "registry_url": "ghcr.io/acme/sales",
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"], body["output"]
    assert set(CONFIGURED) <= set(body["files"])
    assert "registry: 'ghcr.io/acme/sales'" in (project_root / "build.yaml").read_text()
    assert "dagster-cloud" in (project_root / "Dockerfile").read_text()
