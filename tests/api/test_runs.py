"""Runs: real Dagster runs in the project's own instance, launched, watched and cancelled
through the API, and kept across a restart of the server."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.sync.client import connect

from tests.support import (
    RUN_TIMEOUT,
    Designer,
    all_events,
    children_of,
    definitions,
    group_gone,
    launch,
    running,
    start_designer,
    stop_designer,
    wait_run,
    written,
)

PGID_DIR = Path(tempfile.mkdtemp(prefix="runs-pgid-"))
ASSETS = """\
import os
import sys
import time
from pathlib import Path

import dagster as dg

# each process that loads these definitions notes the priority it loads them at
with Path(PGID_DIR, "loads").open("a") as loads:
    loads.write(f"{os.getpid()} {os.getpriority(os.PRIO_PROCESS, 0)}\\n")


@dg.asset
def runs_priority() -> None:
    Path(PGID_DIR, "priority").write_text(
        f"{os.getpid()} {os.getppid()} {os.getpriority(os.PRIO_PROCESS, 0)}"
    )


@dg.asset
def runs_a() -> int:
    print("hello from runs_a")
    print("runs_a warns on stderr", file=sys.stderr)
    return 1


@dg.asset
def runs_b(context: dg.AssetExecutionContext, runs_a: int) -> int:
    context.add_output_metadata({"row_count": 2, "source": dg.MetadataValue.url("https://example.com/b")})
    return runs_a + 1


@dg.asset
def runs_c(runs_b: int) -> int:
    return runs_b + 1


@dg.asset_check(asset=runs_c)
def runs_c_positive(runs_c: int) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=runs_c > 0)


@dg.asset
def runs_failing() -> None:
    raise ValueError("runs_failing broke on purpose")


@dg.asset
def runs_talkative() -> None:
    print("talkative started")
    go = Path(PGID_DIR, "go")
    deadline = time.monotonic() + 300
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    print("talkative done")


@dg.asset
def runs_slow() -> None:
    Path(PGID_DIR, "slow").write_text(str(os.getpgid(0)))
    time.sleep(600)


class RunsConfig(dg.Config):
    rows: int


@dg.asset
def runs_configured(config: RunsConfig) -> int:
    return config.rows


@dg.asset(partitions_def=dg.StaticPartitionsDefinition(["north", "south"]))
def runs_partitioned() -> None: ...
""".replace("PGID_DIR", repr(str(PGID_DIR)))
FAILING_LINE = (
    ASSETS.splitlines().index('    raise ValueError("runs_failing broke on purpose")') + 1
)
CHAIN = "key:runs_a or key:runs_b or key:runs_c"


@pytest.fixture(scope="module")
def runs_project(api: httpx.Client, project: dict, defs_root: Path) -> Iterator[dict]:
    with written(defs_root, {"runs_assets.py": ASSETS}):
        loaded = {a["key"] for a in definitions(api, project)["assets"]}
        assert {"runs_a", "runs_slow", "runs_partitioned"} <= loaded
        yield project


def url(project: dict, path: str = "") -> str:
    return f"/projects/{project['id']}/runs{path}"


def slow_group() -> int:
    """The process group of the run executing `runs_slow`, once it has started."""
    file = PGID_DIR / "slow"
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        if file.exists() and file.read_text():
            pgid = int(file.read_text())
            file.unlink()
            return pgid
        time.sleep(0.2)
    raise AssertionError("runs_slow never started")


def until_run_processes(designer: Designer, count: int) -> list[int]:
    """The server's child processes once `count` of them are run processes."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        children = children_of(designer.process.pid)
        runs = [pid for pid in children if " run {" in command_line(pid)]
        if len(runs) >= count:
            return children
        time.sleep(0.05)
    raise AssertionError(f"{designer} never had {count} run processes")


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def run_count(api: httpx.Client, project: dict) -> int:
    return len(api.get(url(project), params={"limit": 1000}).json())


def test_a_chain_is_materialized_with_its_check(api: httpx.Client, runs_project: dict) -> None:
    run_id = launch(api, runs_project, selection=CHAIN)
    run = wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE"})
    assert run["status"] == "SUCCESS", run
    assert run["asset_keys"] == ["runs_a", "runs_b", "runs_c"]
    assert run["job_name"] == "__ASSET_JOB"
    assert run["start_time"] <= run["end_time"]

    events = all_events(api, runs_project, run_id)
    types = [e["event_type"] for e in events]
    materialized = [e["asset_key"] for e in events if e["event_type"] == "ASSET_MATERIALIZATION"]
    assert materialized == ["runs_a", "runs_b", "runs_c"]
    checks = [e for e in events if e["event_type"] == "ASSET_CHECK_EVALUATION"]
    assert [c["asset_key"] for c in checks] == ["runs_c"]
    assert {"STEP_START", "STEP_SUCCESS", "RUN_SUCCESS"} <= set(types)
    assert types[-1] == "RUN_SUCCESS"
    # what the steps wrote, each stream as itself
    stdout = "".join(e["message"] for e in events if e["event_type"] == "STDOUT")
    stderr = "".join(e["message"] for e in events if e["event_type"] == "STDERR")
    assert "hello from runs_a" in stdout and "runs_a warns" not in stdout
    assert "runs_a warns on stderr" in stderr and "hello from runs_a" not in stderr
    hello = next(e for e in events if "hello from runs_a" in e["message"])
    assert hello["step_key"] == "runs_a"
    # what Dagster recorded with a materialization
    b = next(
        e
        for e in events
        if e["event_type"] == "ASSET_MATERIALIZATION" and e["asset_key"] == "runs_b"
    )
    assert {"label": "row_count", "kind": "int", "value": "2"} in b["metadata"]
    assert {"label": "source", "kind": "url", "value": "https://example.com/b"} in b["metadata"]
    cursors = [e["cursor"] for e in events]
    assert cursors == sorted(set(cursors)), "every event has a cursor of its own"
    # reading on from a cursor gives exactly what came after it
    middle = events[len(events) // 2]
    rest = api.get(url(runs_project, f"/{run_id}/events"), params={"after": middle["cursor"]})
    assert rest.json()["events"] == [e for e in events if e["cursor"] > middle["cursor"]]

    history = api.get(url(runs_project), params={"asset": "runs_b"}).json()
    assert history[0]["run_id"] == run_id
    status = {s["key"]: s for s in api.get(f"/projects/{runs_project['id']}/asset-status").json()}
    assert status["runs_c"]["last_materialization"]["run_id"] == run_id
    assert status["runs_c"]["last_run"] == {"run_id": run_id, "status": "SUCCESS"}
    assert {"label": "row_count", "kind": "int", "value": "2"} in status["runs_b"][
        "last_materialization"
    ]["metadata"]
    assert status["runs_c"]["checks"] == [
        {"name": "runs_c_positive", "passed": True, "severity": "ERROR"}
    ]


def test_status_changes_are_pushed_on_the_event_stream(
    api: httpx.Client, runs_project: dict, designer: Designer
) -> None:
    address = f"ws://127.0.0.1:{designer.port}/api/v1/events"
    headers = {"Authorization": f"Bearer {designer.token}"}
    with connect(address, additional_headers=headers) as socket:
        assert json.loads(socket.recv(timeout=60))["type"] == "hello"
        run_id = launch(api, runs_project, selection="key:runs_a")
        statuses: list[str] = []
        deadline = time.monotonic() + RUN_TIMEOUT
        while statuses[-1:] not in (["SUCCESS"], ["FAILURE"]):
            assert time.monotonic() < deadline, statuses
            with contextlib.suppress(TimeoutError):
                event = json.loads(socket.recv(timeout=5))
                if event["type"] == "run" and event["run_id"] == run_id:
                    assert event["project_id"] == runs_project["id"]
                    statuses.append(event["status"])
    assert statuses[0] in ("NOT_STARTED", "STARTING", "STARTED"), statuses
    assert statuses[-1] == "SUCCESS", statuses


def test_a_failing_asset_shows_its_error_and_stack(api: httpx.Client, runs_project: dict) -> None:
    run_id = launch(api, runs_project, selection="key:runs_failing")
    run = wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE"})
    assert run["status"] == "FAILURE"
    assert "runs_failing broke on purpose" in run["error"]["message"]
    assert f'runs_assets.py", line {FAILING_LINE}' in run["error"]["stack"]
    events = all_events(api, runs_project, run_id)
    failure = next(e for e in events if e["event_type"] == "STEP_FAILURE")
    assert failure["step_key"] == "runs_failing"
    assert "runs_failing broke on purpose" in failure["message"]
    assert events[-1]["event_type"] == "RUN_FAILURE"


def test_output_arrives_while_the_step_runs(api: httpx.Client, runs_project: dict) -> None:
    run_id = launch(api, runs_project, selection="key:runs_talkative")
    seen: list[dict] = []
    after: int | None = None
    deadline = time.monotonic() + RUN_TIMEOUT
    while not any("talkative started" in e["message"] for e in seen):
        assert time.monotonic() < deadline, "the step's output never arrived while it ran"
        params = {"after": after} if after is not None else {}
        page = api.get(url(runs_project, f"/{run_id}/events"), params=params).json()
        assert not page["done"], "the run ended before its output was read"
        seen += page["events"]
        after = page["cursor"]
        time.sleep(0.2)
    assert api.get(url(runs_project, f"/{run_id}")).json()["status"] == "STARTED"
    (PGID_DIR / "go").write_text("go")
    try:
        run = wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE"})
    finally:
        (PGID_DIR / "go").unlink()
    assert run["status"] == "SUCCESS"
    # reading on from where it was gives the rest, each line once, in order
    rest = all_events(api, runs_project, run_id)
    rest = [e for e in rest if e["cursor"] > after]
    everything = seen + rest
    assert everything == all_events(api, runs_project, run_id)
    text = "".join(e["message"] for e in everything if e["event_type"] == "STDOUT")
    assert text.count("talkative started") == 1 and text.count("talkative done") == 1
    assert text.index("talkative started") < text.index("talkative done")


def test_a_slow_run_is_cancelled_with_its_processes(api: httpx.Client, runs_project: dict) -> None:
    run_id = launch(api, runs_project, selection="key:runs_slow")
    pgid = slow_group()
    response = api.post(url(runs_project, f"/{run_id}/cancel"))
    assert response.status_code == 202, response.text
    assert wait_run(api, runs_project, run_id, {"CANCELED"}, timeout=120)["status"] == "CANCELED"
    assert group_gone(pgid)
    assert all_events(api, runs_project, run_id)[-1]["event_type"] == "RUN_CANCELED"
    again = api.post(url(runs_project, f"/{run_id}/cancel"))
    assert again.status_code == 409, again.text


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"selection": "key:no_such_asset"}, "no_such_asset"),
        ({"selection": ""}, "selection"),
        ({"job": "no_such_job"}, "No job `no_such_job`"),
        (
            {
                "selection": "key:runs_configured",
                "config": {"ops": {"runs_configured": {"config": {"rows": "many"}}}},
            },
            "Invalid run config",
        ),
        ({"selection": "key:runs_configured", "config": {"bogus": 1}}, "bogus"),
        ({"selection": "key:runs_partitioned", "partition": "east"}, "east"),
        ({"selection": "key:runs_partitioned"}, "partition"),
    ],
)
def test_a_request_that_cannot_run_is_refused_and_launches_nothing(
    api: httpx.Client, runs_project: dict, body: dict, says: str
) -> None:
    before = run_count(api, runs_project)
    response = api.post(url(runs_project), json=body)
    assert response.status_code == 400, response.text
    assert says in response.json()["detail"]
    assert run_count(api, runs_project) == before


def test_a_partition_and_config_reach_the_run(api: httpx.Client, runs_project: dict) -> None:
    run_id = launch(api, runs_project, selection="key:runs_partitioned", partition="north")
    assert wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE"})["status"] == "SUCCESS"
    config = {"ops": {"runs_configured": {"config": {"rows": 3}}}}
    run_id = launch(api, runs_project, selection="key:runs_configured", config=config)
    assert wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE"})["status"] == "SUCCESS"


def test_the_load_ahead_of_a_launch_yields_the_processor_and_the_run_does_not(
    api: httpx.Client, runs_project: dict
) -> None:
    # the run executes at the designer's own priority, as under `dg`; the process kept warm for
    # the next launch (started as this one ends) loads the definitions yielding the processor
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    loads = PGID_DIR / "loads"
    run_id = launch(api, runs_project, selection="key:runs_priority")
    assert wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE"})["status"] == "SUCCESS"
    assert int((PGID_DIR / "priority").read_text().split()[2]) == ours
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        warm = [
            int(nice)
            for pid, nice in (line.split() for line in loads.read_text().splitlines())
            if "run {" in command_line(int(pid)) and command_line(int(pid)).endswith(" ahead ")
        ]
        if warm:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("no warm run process loaded the definitions")
    assert warm == [min(ours + 10, 19)] * len(warm)
    lines = loads.read_text().splitlines()
    assert any(int(line.split()[1]) == ours for line in lines), "the live worker loads at ours"


def test_a_killed_run_process_ends_the_run_in_failure(
    api: httpx.Client, runs_project: dict
) -> None:
    run_id = launch(api, runs_project, selection="key:runs_slow")
    os.killpg(slow_group(), signal.SIGKILL)
    run = wait_run(api, runs_project, run_id, {"SUCCESS", "FAILURE", "CANCELED"}, timeout=120)
    assert run["status"] == "FAILURE"
    assert "killed by SIGKILL" in run["error"]["message"]


def test_history_survives_a_restart_and_a_stopped_server_fails_its_run(
    api: httpx.Client, designer: Designer, runs_project: dict
) -> None:
    done = launch(api, runs_project, selection="key:runs_a")
    wait_run(api, runs_project, done, {"SUCCESS"})
    second = start_designer(designer.workspace, "--load-timeout", "30")
    try:
        with second.client() as other:
            assert done in [r["run_id"] for r in other.get(url(runs_project)).json()]
            interrupted = launch(other, runs_project, selection="key:runs_slow")
            pgid = slow_group()
            # stopped while its next warm run process is still loading its definitions
            children = until_run_processes(second, 2)
    finally:
        stop_designer(second)
    assert group_gone(pgid)
    alive = [pid for pid in children if running(pid)]
    assert not alive, f"processes outlived their server: {alive}"
    run = wait_run(api, runs_project, interrupted, {"FAILURE", "SUCCESS", "CANCELED"}, 60)
    assert run["status"] == "FAILURE"
    assert "designer stopped" in run["error"]["message"]
