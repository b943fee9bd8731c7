"""Runs on a remote Dagster deployment: a real `dg dev` (webserver and daemon) serves the test
project on an instance of its own, the project's run target points at it, and the run routes
launch, follow, list and cancel runs there through its GraphQL API."""

from __future__ import annotations

import json
import secrets
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.support import (
    RUN_TIMEOUT,
    WEBSERVER_TIMEOUT,
    Designer,
    all_events,
    definitions,
    dg_dev,
    free_port,
    graphql,
    launch,
    start_designer,
    stop_designer,
    wait_run,
    written,
)

# An OSS webserver ignores Dagster+'s token header: a fake one proves it is never written.
API_TOKEN = "remote-token-" + secrets.token_hex(16)
MARKS = Path(tempfile.mkdtemp(prefix="remote-runs-"))
ASSETS = """\
import time
from pathlib import Path

import dagster as dg


@dg.asset
def remote_a() -> int:
    return 1


@dg.asset
def remote_b(remote_a: int) -> int:
    return remote_a + 1


@dg.asset_check(asset=remote_b)
def remote_b_positive(remote_b: int) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=remote_b > 0)


@dg.asset
def remote_failing() -> None:
    raise ValueError("remote_failing broke on purpose")


@dg.asset
def remote_slow() -> None:
    Path(MARKS, "slow").write_text("started")
    time.sleep(600)
""".replace("MARKS", repr(str(MARKS)))
FAILING_LINE = (
    ASSETS.splitlines().index('    raise ValueError("remote_failing broke on purpose")') + 1
)
CHAIN = "key:remote_a or key:remote_b"
REMOTE_RUNS = "query { runsOrError(limit: 1000) { __typename ... on Runs { results { runId } } } }"


def url(project: dict, path: str) -> str:
    return f"/projects/{project['id']}/{path}"


def set_target(api: httpx.Client, project: dict, **body: object) -> dict:
    response = api.put(url(project, "run-target"), json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def remote(
    api: httpx.Client,
    project: dict,
    project_root: Path,
    defs_root: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[str]:
    """`dg dev` on its own instance serving the project, the project's run target; answers its
    GraphQL address."""
    home = tmp_path_factory.mktemp("remote_dagster_home")
    with written(defs_root, {"remote_assets.py": ASSETS}):
        assert "remote_a" in {a["key"] for a in definitions(api, project)["assets"]}
        with dg_dev(project_root, home) as address:
            target = set_target(api, project, kind="remote", url=address, token=API_TOKEN)
            assert target == {
                "kind": "remote",
                "url": address.removesuffix("/graphql"),
                "location": project_root.name,  # as `dg dev` names the code location
                "deployment": None,
                "has_token": True,
            }
            try:
                wait_remote_assets(api, project)
                yield address
            finally:
                set_target(api, project, kind="local")


def wait_remote_assets(api: httpx.Client, project: dict) -> None:
    """Once the remote's code location has loaded the project's assets."""
    deadline = time.monotonic() + WEBSERVER_TIMEOUT
    while time.monotonic() < deadline:
        response = api.get(url(project, "asset-status"))
        assert response.status_code == 200, response.text
        if "remote_b" in {s["key"] for s in response.json()}:
            return
        time.sleep(1)
    raise AssertionError("the remote never served the project's assets")


def remote_run_ids(address: str) -> set[str]:
    return {r["runId"] for r in graphql(address, REMOTE_RUNS)["results"]}


def test_a_chain_runs_remotely_with_its_check(
    api: httpx.Client, project: dict, remote: str
) -> None:
    run_id = launch(api, project, selection=CHAIN)
    assert run_id in remote_run_ids(remote)  # in the remote's instance

    events = all_events(api, project, run_id)
    types = [e["event_type"] for e in events]
    # the remote's launcher may record that the run's process exited after the run's end
    ends = [t for t in types if t.startswith("RUN_") and t not in ("RUN_ENQUEUED", "RUN_DEQUEUED")]
    assert ends[-1] == "RUN_SUCCESS", types
    materialized = [e["asset_key"] for e in events if e["event_type"] == "ASSET_MATERIALIZATION"]
    assert materialized == ["remote_a", "remote_b"]
    checks = [e for e in events if e["event_type"] == "ASSET_CHECK_EVALUATION"]
    assert [c["asset_key"] for c in checks] == ["remote_b"]
    assert {"STEP_START", "STEP_SUCCESS"} <= set(types)
    cursors = [e["cursor"] for e in events]
    assert cursors == sorted(set(cursors))
    # reading on from a cursor gives exactly what came after it; the remote may have recorded
    # more since (its launcher notes the run's process exiting after the run's end)
    middle = events[len(events) // 2]
    rest = api.get(url(project, f"runs/{run_id}/events"), params={"after": middle["cursor"]})
    after = [e for e in events if e["cursor"] > middle["cursor"]]
    read = rest.json()["events"]
    assert read[: len(after)] == after
    assert all(e["cursor"] > events[-1]["cursor"] for e in read[len(after) :]), read

    run = wait_run(api, project, run_id, {"SUCCESS", "FAILURE"})
    assert run["status"] == "SUCCESS", run
    assert run["asset_keys"] == ["remote_a", "remote_b"]
    assert run["job_name"] == "__ASSET_JOB"
    assert run["error"] is None
    assert run["start_time"] <= run["end_time"]

    history = api.get(url(project, "runs"), params={"asset": "remote_b"}).json()
    assert history[0]["run_id"] == run_id
    succeeded = api.get(url(project, "runs"), params={"status": "SUCCESS"}).json()
    assert run_id in [r["run_id"] for r in succeeded]
    status = {s["key"]: s for s in api.get(url(project, "asset-status")).json()}
    assert status["remote_b"]["last_materialization"]["run_id"] == run_id
    assert status["remote_b"]["last_run"] == {"run_id": run_id, "status": "SUCCESS"}
    assert status["remote_b"]["checks"] == [
        {"name": "remote_b_positive", "passed": True, "severity": "ERROR"}
    ]


def test_a_failing_asset_fails_remotely_with_its_error(
    api: httpx.Client, project: dict, remote: str
) -> None:
    run_id = launch(api, project, selection="key:remote_failing")
    run = wait_run(api, project, run_id, {"SUCCESS", "FAILURE"})
    assert run["status"] == "FAILURE"
    assert "remote_failing broke on purpose" in run["error"]["message"]
    assert f'remote_assets.py", line {FAILING_LINE}' in run["error"]["stack"]
    events = all_events(api, project, run_id)
    failure = next(e for e in events if e["event_type"] == "STEP_FAILURE")
    assert failure["step_key"] == "remote_failing"
    assert "remote_failing broke on purpose" in failure["message"]
    assert "RUN_FAILURE" in [e["event_type"] for e in events]


def test_a_slow_remote_run_is_cancelled(api: httpx.Client, project: dict, remote: str) -> None:
    run_id = launch(api, project, selection="key:remote_slow")
    started = MARKS / "slow"
    deadline = time.monotonic() + RUN_TIMEOUT
    while not started.exists():
        assert time.monotonic() < deadline, "remote_slow never started"
        time.sleep(0.3)
    response = api.post(url(project, f"runs/{run_id}/cancel"))
    assert response.status_code == 202, response.text
    assert response.json() == {"run_id": run_id, "status": "CANCELING"}
    run = wait_run(api, project, run_id, {"CANCELED", "FAILURE", "SUCCESS"}, timeout=120)
    assert run["status"] == "CANCELED", run
    again = api.post(url(project, f"runs/{run_id}/cancel"))
    assert again.status_code == 409, again.text


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"selection": ""}, "selection"),
        ({"selection": "key:no_such_asset"}, "no_such_asset"),
        ({"job": "no_such_job"}, "No job `no_such_job`"),
    ],
)
def test_a_request_that_cannot_run_launches_nothing_remotely(
    api: httpx.Client, project: dict, remote: str, body: dict, says: str
) -> None:
    before = remote_run_ids(remote)
    response = api.post(url(project, "runs"), json=body)
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]
    assert remote_run_ids(remote) == before


def test_an_unknown_remote_run_is_a_404(api: httpx.Client, project: dict, remote: str) -> None:
    for path in ("runs/no-such-run", "runs/no-such-run/events"):
        response = api.get(url(project, path))
        assert response.status_code == 404, response.text
        assert "no-such-run" in response.json()["detail"]


def test_a_bad_target_is_refused_and_changes_nothing(
    api: httpx.Client, project: dict, remote: str
) -> None:
    before = api.get(url(project, "run-target")).json()
    for bad in ("ftp://example.com", "localhost:3000", "http://", "https://x.test/?a=1"):
        response = api.put(url(project, "run-target"), json={"kind": "remote", "url": bad})
        assert response.status_code == 400, response.text
        assert "URL" in response.json()["detail"] or "address" in response.json()["detail"]
    assert api.get(url(project, "run-target")).json() == before


def test_an_unreachable_remote_is_a_clear_502(
    api: httpx.Client, project: dict, remote: str
) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    set_target(api, project, kind="remote", url=nowhere)
    try:
        for method, path in (("GET", "runs"), ("GET", "asset-status"), ("GET", "runs/x")):
            response = api.request(method, url(project, path))
            assert response.status_code == 502, response.text
            assert f"the remote Dagster at {nowhere} cannot be reached" in response.json()["detail"]
        response = api.post(url(project, "runs"), json={"selection": CHAIN})
        assert response.status_code == 502, response.text
    finally:
        set_target(api, project, kind="remote", url=remote, token=API_TOKEN)


class Recorder(BaseHTTPRequestHandler):
    """A stand-in remote: keeps each request's headers, answers a GraphQL error."""

    seen: list[dict[str, str]] = []  # shared by the server's handlers

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Recorder.seen.append(dict(self.headers))
        body = json.dumps({"errors": [{"message": "the recorder refuses"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorder.seen.clear()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_token_is_sent_as_dagster_plus_headers_and_never_answered(
    api: httpx.Client, project: dict, project_root: Path, remote: str, recorder: str
) -> None:
    try:
        target = set_target(
            api, project, kind="remote", url=recorder, deployment="prod", token=API_TOKEN
        )
        assert target["has_token"] is True
        assert API_TOKEN not in json.dumps(target)
        response = api.get(url(project, "runs"))
        assert response.status_code == 502, response.text
        assert "the recorder refuses" in response.json()["detail"]
        assert API_TOKEN not in response.text
        headers = {k.lower(): v for k, v in Recorder.seen[-1].items()}
        assert headers["dagster-cloud-api-token"] == API_TOKEN
        assert headers["dagster-cloud-deployment"] == "prod"

        # no token: no Dagster+ header at all
        assert set_target(api, project, kind="remote", url=recorder, token="")["has_token"] is False
        api.get(url(project, "runs"))
        assert not any(k.lower().startswith("dagster-cloud") for k in Recorder.seen[-1])

        # the token the user keeps in the project's .env
        from_env = "env-token-" + secrets.token_hex(8)
        with written(project_root, {".env": f'DAGSTER_CLOUD_API_TOKEN="{from_env}"\n'}):
            assert api.get(url(project, "run-target")).json()["has_token"] is True
            api.get(url(project, "runs"))
            assert Recorder.seen[-1]["Dagster-Cloud-Api-Token"] == from_env
    finally:
        set_target(api, project, kind="remote", url=remote, token=API_TOKEN)


def test_back_to_local_and_the_token_was_never_written(
    api: httpx.Client, designer: Designer, project: dict, project_root: Path, remote: str
) -> None:
    remote_ids = remote_run_ids(remote)
    assert remote_ids  # the runs of the tests above
    assert set_target(api, project, kind="local") == {"kind": "local"}
    try:
        local = {r["run_id"] for r in api.get(url(project, "runs"), params={"limit": 1000}).json()}
        assert not local & remote_ids  # the remote's runs never reached the local instance
        some = next(iter(remote_ids))
        assert api.get(url(project, f"runs/{some}")).status_code == 404
    finally:
        set_target(api, project, kind="remote", url=remote, token=API_TOKEN)

    needle = API_TOKEN.encode()
    for folder in (designer.workspace, project_root):
        for file in folder.rglob("*"):
            if ".venv" in file.parts or not file.is_file() or file.is_symlink():
                continue
            assert needle not in file.read_bytes(), f"the token was written into {file}"
    assert needle not in designer.log.read_bytes(), "the token is in the server's log"


def test_a_restarted_server_keeps_the_target_and_asks_for_the_token_again(
    designer: Designer, project: dict, remote: str
) -> None:
    second = start_designer(designer.workspace, "--load-timeout", "30")
    try:
        with second.client() as other:
            response = other.get(url(project, "run-target"))
            assert response.status_code == 200, response.text
            assert response.json() == {
                "kind": "remote",
                "url": remote.removesuffix("/graphql"),
                "location": Path(project["path"]).name,
                "deployment": None,
                "has_token": False,  # kept in memory only: gone with the server
            }
    finally:
        stop_designer(second)
