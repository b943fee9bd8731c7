"""Dagster's own UI of a project: `dg dev` (webserver and daemon) started and stopped by the
designer, served through the designer's origin behind its gate, on the project's instance.
One `dg dev` start costs tens of seconds here: the module starts it twice."""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import websockets
from websockets.sync.client import ClientConnection, connect

from dagster_designer.server.security import cookie_name
from tests.api.test_runs import launch, wait_run
from tests.support import (
    WEBSERVER_TIMEOUT,
    Designer,
    children_of,
    graphql,
    group_gone,
    group_members,
    running,
    start_designer,
    stop_designer,
    written,
)

ASSETS = """import dagster as dg


@dg.asset
def dagster_ui_a() -> None: ...
"""
RUNS = """{
  runsOrError {
    __typename
    ... on Runs { results { runId status } }
  }
}"""
DAEMONS = """{
  instance {
    __typename
    daemonHealth { allDaemonStatuses { daemonType healthy } }
  }
}"""


def ui_url(project: dict) -> str:
    return f"/projects/{project['id']}/dagster-ui"


def prefix(project: dict) -> str:
    return f"/api/v1/projects/{project['id']}/dagster-ui/app"


def events(designer: Designer) -> ClientConnection:
    return connect(
        f"ws://127.0.0.1:{designer.port}/api/v1/events",
        additional_headers={"Authorization": f"Bearer {designer.token}"},
    )


def until_running(
    socket: ClientConnection,
    project: dict,
    timeout: float = WEBSERVER_TIMEOUT,
    states: tuple[str, ...] = ("running", "failed"),
) -> list[dict]:
    """The project's `dagster_ui` events up to the one that says it runs (or failed; or is in
    one of `states`)."""
    seen: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(TimeoutError):
            event = json.loads(socket.recv(timeout=5))
            if event["type"] == "dagster_ui" and event["project_id"] == project["id"]:
                seen.append(event)
                if event["state"] in states:
                    return seen
    raise AssertionError(f"Dagster's UI was not {' or '.join(states)} in {timeout} s: {seen}")


def dg_dev_pid(designer: Designer) -> int:
    """The designer's `dg dev` child: its pid, and its process group's."""
    found = [pid for pid in children_of(designer.process.pid) if "dg dev" in command_line(pid)]
    assert len(found) == 1, found
    return found[0]


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.fixture(scope="module")
def browser(designer: Designer) -> Iterator[httpx.Client]:
    """A client of the designer's origin as its page is: the cookie, no bearer header."""
    with httpx.Client(
        base_url=designer.url, cookies={cookie_name(designer.port): designer.token}, timeout=120
    ) as client:
        yield client


@pytest.fixture(scope="module")
def run_id(api: httpx.Client, project: dict, defs_root: Path) -> Iterator[str]:
    """A run launched through the designer before Dagster's UI starts."""
    with written(defs_root, {"dagster_ui_assets.py": ASSETS}):
        launched = launch(api, project, selection="key:dagster_ui_a")
        assert wait_run(api, project, launched, {"SUCCESS", "FAILURE"})["status"] == "SUCCESS"
        yield launched


@pytest.fixture(scope="module")
def started(api: httpx.Client, designer: Designer, project: dict, run_id: str) -> Iterator[dict]:
    """Dagster's UI of the project, started through the API: the events it pushed."""
    with events(designer) as socket:
        socket.recv(timeout=30)  # hello
        response = api.post(ui_url(project))
        assert response.status_code == 202, response.text
        first = response.json()
        again = api.post(ui_url(project))  # the same one, not a second
        assert again.status_code == 202
        seen = until_running(socket, project)
    try:
        yield {"answer": first, "again": again.json(), "events": seen}
    finally:
        api.delete(ui_url(project))


def test_a_start_answers_at_once_and_its_states_are_pushed(
    api: httpx.Client, designer: Designer, project: dict, started: dict
) -> None:
    path = f"{prefix(project)}/"
    assert started["answer"] == {"state": "starting", "path": path, "error": None}
    assert started["again"]["state"] in ("starting", "running")
    states = [event["state"] for event in started["events"]]
    assert states[-1] == "running", started["events"]
    assert set(states) <= {"starting", "running"}
    assert started["events"][-1] == {
        "type": "dagster_ui",
        "project_id": project["id"],
        "state": "running",
        "path": path,
        "error": None,
    }
    assert api.get(ui_url(project)).json() == {"state": "running", "path": path, "error": None}
    assert len([p for p in children_of(designer.process.pid) if "dg dev" in command_line(p)]) == 1


def test_its_page_and_files_come_through_the_designers_origin(
    browser: httpx.Client, project: dict, started: dict
) -> None:
    page = browser.get(f"{prefix(project)}/")
    assert page.status_code == 200, page.text
    assert page.headers["content-type"].startswith("text/html")
    # the webserver knows where it is served: its files are under the prefix
    scripts = re.findall(r'src="([^"]+\.js)"', page.text)
    assert scripts and all(s.startswith(f"{prefix(project)}/_next/") for s in scripts), scripts
    script = browser.get(scripts[0])
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert len(script.content) > 1000
    # a client-side route of Dagster's UI is its page too
    runs_page = browser.get(f"{prefix(project)}/runs")
    assert runs_page.status_code == 200 and "<html" in runs_page.text.lower()


def test_its_graphql_answers_on_the_projects_instance(
    browser: httpx.Client, designer: Designer, project: dict, run_id: str, started: dict
) -> None:
    address = f"{prefix(project)}/graphql"
    version = graphql(address, "{ version }", client=browser)
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    runs = graphql(address, RUNS, client=browser)
    assert runs["__typename"] == "Runs"
    assert {"runId": run_id, "status": "SUCCESS"} in runs["results"]  # the same instance

    # the daemon runs with it: schedules and sensors tick
    deadline = time.monotonic() + WEBSERVER_TIMEOUT
    while True:
        statuses = graphql(address, DAEMONS, client=browser)["daemonHealth"]
        healthy = {d["daemonType"] for d in statuses["allDaemonStatuses"] if d["healthy"]}
        if {"SCHEDULER", "SENSOR"} <= healthy:
            break
        assert time.monotonic() < deadline, statuses
        time.sleep(2)


def test_its_websocket_speaks_graphql_ws_through_the_proxy(
    designer: Designer, project: dict, run_id: str, started: dict
) -> None:
    with connect(
        f"ws://127.0.0.1:{designer.port}{prefix(project)}/graphql",
        subprotocols=["graphql-ws"],
        origin=designer.url,
        additional_headers={"Cookie": f"{cookie_name(designer.port)}={designer.token}"},
    ) as socket:
        assert socket.subprotocol == "graphql-ws"
        socket.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(socket.recv(timeout=60)) == {"type": "connection_ack"}
        query = (
            "subscription ($runId: ID!) { pipelineRunLogs(runId: $runId) { __typename "
            "... on PipelineRunLogsSubscriptionSuccess { messages { __typename } } } }"
        )
        start = {"query": query, "variables": {"runId": run_id}}
        socket.send(json.dumps({"type": "start", "id": "1", "payload": start}))
        answer = json.loads(socket.recv(timeout=120))
        assert answer["type"] == "data" and answer["id"] == "1", answer
        logs = answer["payload"]["data"]["pipelineRunLogs"]
        assert logs["__typename"] == "PipelineRunLogsSubscriptionSuccess", logs
        kinds = {m["__typename"] for m in logs["messages"]}
        assert "RunSuccessEvent" in kinds, kinds


def test_without_the_designers_credentials_it_is_refused(
    designer: Designer, project: dict, started: dict
) -> None:
    response = httpx.get(f"{designer.url}{prefix(project)}/")
    assert response.status_code == 401
    response = httpx.post(
        f"{designer.url}{prefix(project)}/graphql",
        json={"query": "{ version }"},
        headers={"Authorization": "Bearer wrong"},
    )
    assert response.status_code == 401
    with pytest.raises(websockets.InvalidStatus) as refused:
        connect(
            f"ws://127.0.0.1:{designer.port}{prefix(project)}/graphql",
            subprotocols=["graphql-ws"],
            origin=designer.url,
        )
    assert refused.value.response.status_code == 403


def test_another_sites_page_cannot_use_it(
    browser: httpx.Client, designer: Designer, project: dict, started: dict
) -> None:
    cookie = f"{cookie_name(designer.port)}={designer.token}"
    with pytest.raises(websockets.InvalidStatus) as refused:
        connect(
            f"ws://127.0.0.1:{designer.port}{prefix(project)}/graphql",
            subprotocols=["graphql-ws"],
            origin="http://evil.example",
            additional_headers={"Cookie": cookie},
        )
    assert refused.value.response.status_code == 403
    response = browser.post(
        f"{prefix(project)}/graphql",
        json={"query": "{ version }"},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403


def test_stopping_it_ends_its_process_group(
    api: httpx.Client, browser: httpx.Client, designer: Designer, project: dict, started: dict
) -> None:
    pgid = dg_dev_pid(designer)
    members = group_members(pgid)
    assert len(members) >= 3, members  # dg dev, its webserver, its daemon (and code server)
    response = api.delete(ui_url(project))
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "stopped"
    assert group_gone(pgid)
    assert not [p for p in children_of(designer.process.pid) if "dg dev" in command_line(p)]
    # no longer served: a clear refusal, not an error
    page = browser.get(f"{prefix(project)}/")
    assert page.status_code == 409
    assert "stopped" in page.json()["detail"]
    assert api.delete(ui_url(project)).json()["state"] == "stopped"  # stopping twice is fine


def test_a_stopping_designer_ends_it(designer: Designer, project: dict) -> None:
    second = start_designer(designer.workspace, "--load-timeout", "30")
    try:
        with second.client() as other, events(second) as socket:
            socket.recv(timeout=30)  # hello
            assert other.post(ui_url(project)).status_code == 202
            assert until_running(socket, project)[-1]["state"] == "running"
            pgid = dg_dev_pid(second)
            members = group_members(pgid)
    finally:
        stop_designer(second)
    assert group_gone(pgid)
    alive = [pid for pid in members if running(pid)]
    assert not alive, f"processes outlived their server: {alive}"


def test_unused_for_its_idle_time_it_is_stopped_and_the_next_start_runs_it(
    designer: Designer, project: dict
) -> None:
    second = start_designer(
        designer.workspace, "--load-timeout", "30", "--dagster-ui-idle-minutes", "0.1"
    )
    try:
        with second.client() as other, events(second) as socket:
            socket.recv(timeout=30)  # hello
            assert other.post(ui_url(project)).status_code == 202
            assert until_running(socket, project)[-1]["state"] == "running"
            pgid = dg_dev_pid(second)

            until_running(socket, project, timeout=120, states=("stopped",))

            assert group_gone(pgid)
            assert other.get(ui_url(project)).json()["state"] == "stopped"
            assert other.post(ui_url(project)).status_code == 202
            assert until_running(socket, project)[-1]["state"] == "running"
    finally:
        stop_designer(second)
