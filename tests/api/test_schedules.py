"""Schedules and sensors: their state in the project's own Dagster instance (the state `dg dev`
reads and writes), turned on and off, and one tick evaluated on demand, launching nothing."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support import (
    WEBSERVER_TIMEOUT,
    definitions,
    dg_env,
    free_port,
    graphql,
    written,
)

FILE = "ticks_automation.py"
AUTOMATION = """\
import dagster as dg


@dg.asset
def ticks_a() -> None: ...


@dg.asset
def ticks_b() -> None: ...


ticks_job = dg.define_asset_job("ticks_job", selection=["ticks_a", "ticks_b"])

ticks_nightly = dg.ScheduleDefinition(
    name="ticks_nightly",
    job=ticks_job,
    cron_schedule="0 3 * * *",
    execution_timezone="Europe/Paris",
)

ticks_yearly = dg.ScheduleDefinition(
    name="ticks_yearly",
    job=ticks_job,
    cron_schedule="0 0 1 1 *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.sensor(job=ticks_job, minimum_interval_seconds=45)
def ticks_requesting(context: dg.SensorEvaluationContext):
    yield dg.RunRequest(run_key=f"ticks-{context.cursor or 'start'}", tags={"source": "ticks"})
    context.update_cursor("advanced")


@dg.sensor(job=ticks_job)
def ticks_skipping(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    return dg.SkipReason("nothing new for ticks")


@dg.sensor(job=dg.define_asset_job("ticks_daemon_job", selection=["ticks_a"]),
           minimum_interval_seconds=1)
def ticks_daemon(context: dg.SensorEvaluationContext) -> dg.RunRequest:
    return dg.RunRequest(run_key="ticks-daemon")  # one run: the key is taken after it


@dg.sensor(job=ticks_job)
def ticks_raising(context: dg.SensorEvaluationContext) -> None:
    raise ValueError("ticks_raising broke on purpose")
"""
RAISING_LINE = (
    AUTOMATION.splitlines().index('    raise ValueError("ticks_raising broke on purpose")') + 1
)
TARGET = [{"job_name": "ticks_job", "asset_keys": ["ticks_a", "ticks_b"]}]


@pytest.fixture(scope="module")
def automation(api: httpx.Client, project: dict, defs_root: Path) -> Iterator[dict]:
    with written(defs_root, {FILE: AUTOMATION}):
        loaded = definitions(api, project)
        assert {"ticks_nightly", "ticks_yearly"} <= {s["name"] for s in loaded["schedules"]}
        yield project


def url(project: dict, path: str) -> str:
    return f"/projects/{project['id']}/{path}"


def listed(api: httpx.Client, project: dict, kind: str) -> dict[str, dict]:
    response = api.get(url(project, kind))
    assert response.status_code == 200, response.text
    return {item["name"]: item for item in response.json()}


def turn(api: httpx.Client, project: dict, kind: str, name: str, running: bool) -> dict:
    response = api.post(url(project, f"{kind}/{name}/state"), json={"running": running})
    assert response.status_code == 200, response.text
    return response.json()


def tick(api: httpx.Client, project: dict, kind: str, name: str) -> dict:
    response = api.post(url(project, f"{kind}/{name}/tick"))
    assert response.status_code == 200, response.text
    return response.json()


def run_count(api: httpx.Client, project: dict) -> int:
    return len(api.get(url(project, "runs"), params={"limit": 1000}).json())


def test_schedules_and_sensors_are_listed_with_their_state(
    api: httpx.Client, automation: dict
) -> None:
    schedules = listed(api, automation, "schedules")
    nightly = schedules["ticks_nightly"]
    assert nightly["running"] is False
    assert nightly["default_status"] == "STOPPED"
    assert nightly["cron_schedule"] == "0 3 * * *"
    assert nightly["execution_timezone"] == "Europe/Paris"
    assert nightly["targets"] == TARGET
    ticks = [datetime.fromisoformat(t) for t in nightly["next_ticks"]]
    assert len(ticks) == 5
    paris = ZoneInfo("Europe/Paris")
    now = datetime.now(paris)
    assert now < ticks[0] <= now + timedelta(days=1)
    for when in ticks:
        assert when.utcoffset() == when.astimezone(paris).utcoffset()  # given in Paris time
        assert (when.astimezone(paris).hour, when.minute) == (3, 0)
    assert all(later - earlier <= timedelta(days=1, hours=1) for earlier, later in pairwise(ticks))
    # running by its default status until it is turned off
    yearly = schedules["ticks_yearly"]
    assert (yearly["running"], yearly["default_status"]) == (True, "RUNNING")
    assert yearly["execution_timezone"] == "UTC"

    sensors = listed(api, automation, "sensors")
    requesting = sensors["ticks_requesting"]
    assert requesting == {
        "name": "ticks_requesting",
        "running": False,
        "default_status": "STOPPED",
        "minimum_interval_seconds": 45,
        "sensor_type": "STANDARD",
        "targets": TARGET,
    }
    assert {"ticks_skipping", "ticks_raising"} <= set(sensors)


def test_turned_on_and_off_in_the_instance_across_a_worker_restart(
    api: httpx.Client, automation: dict
) -> None:
    try:
        assert turn(api, automation, "schedules", "ticks_nightly", True)["running"] is True
        assert turn(api, automation, "sensors", "ticks_skipping", True)["running"] is True
        assert turn(api, automation, "schedules", "ticks_yearly", False)["running"] is False
        # turning on what is on changes nothing
        assert turn(api, automation, "schedules", "ticks_nightly", True)["running"] is True

        restarted = api.post(url(automation, "worker/restart"))
        assert restarted.status_code == 200, restarted.text
        schedules = listed(api, automation, "schedules")
        assert schedules["ticks_nightly"]["running"] is True
        assert schedules["ticks_yearly"]["running"] is False
        assert listed(api, automation, "sensors")["ticks_skipping"]["running"] is True

        assert turn(api, automation, "schedules", "ticks_nightly", False)["running"] is False
        assert turn(api, automation, "sensors", "ticks_skipping", False)["running"] is False
        assert turn(api, automation, "schedules", "ticks_yearly", True)["running"] is True
        assert listed(api, automation, "schedules")["ticks_nightly"]["running"] is False
    finally:
        turn(api, automation, "schedules", "ticks_nightly", False)
        turn(api, automation, "sensors", "ticks_skipping", False)
        turn(api, automation, "schedules", "ticks_yearly", True)


def test_a_tick_shows_what_it_would_launch_and_launches_nothing(
    api: httpx.Client, automation: dict
) -> None:
    before = run_count(api, automation)
    schedule = tick(api, automation, "schedules", "ticks_nightly")
    assert schedule["skip_reason"] is None
    [request] = schedule["run_requests"]
    assert request["run_key"] is None
    assert request["job_name"] == "ticks_job"
    assert request["asset_keys"] == ["ticks_a", "ticks_b"]
    assert request["tags"]["dagster/schedule_name"] == "ticks_nightly"

    # the sensor's cursor is left as it was: the same request each time
    for _ in range(2):
        sensor = tick(api, automation, "sensors", "ticks_requesting")
        assert sensor["skip_reason"] is None
        [request] = sensor["run_requests"]
        assert request["run_key"] == "ticks-start"
        assert request["job_name"] == "ticks_job"
        assert request["asset_keys"] == ["ticks_a", "ticks_b"]
        assert request["tags"]["source"] == "ticks"

    skipping = tick(api, automation, "sensors", "ticks_skipping")
    assert skipping == {"run_requests": [], "skip_reason": "nothing new for ticks"}
    assert run_count(api, automation) == before


def test_a_raising_tick_is_a_400_with_the_users_file_and_line(
    api: httpx.Client, automation: dict
) -> None:
    before = run_count(api, automation)
    response = api.post(url(automation, "sensors/ticks_raising/tick"))
    assert response.status_code == 400, response.text
    body = response.json()
    assert "ticks_raising broke on purpose" in body["detail"]
    assert f"{FILE}, line {RAISING_LINE}" in body["detail"]
    [error] = body["errors"]
    assert error["file"].endswith(FILE)
    assert error["line"] == RAISING_LINE
    assert f'{FILE}", line {RAISING_LINE}' in error["detail"]  # the stack
    assert run_count(api, automation) == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("schedules/ticks_missing/state", {"running": True}),
        ("schedules/ticks_missing/tick", None),
        ("sensors/ticks_missing/state", {"running": False}),
        ("sensors/ticks_missing/tick", None),
        ("schedules/ticks_skipping/tick", None),  # a sensor, not a schedule
        ("sensors/ticks_nightly/state", {"running": True}),
    ],
)
def test_an_unknown_name_is_a_404(
    api: httpx.Client, automation: dict, path: str, body: dict | None
) -> None:
    response = api.post(url(automation, path), json=body)
    assert response.status_code == 404, response.text
    kind, name = path.split("/")[:2]
    assert f"no {kind[:-1]} `{name}`" in response.json()["detail"]


def test_a_state_without_running_is_refused(api: httpx.Client, automation: dict) -> None:
    response = api.post(url(automation, "schedules/ticks_nightly/state"), json={"on": True})
    assert response.status_code == 422, response.text
    assert listed(api, automation, "schedules")["ticks_nightly"]["running"] is False


# ----------------------------------------------------------------------------------------------
# Dagster's own webserver and daemon, `dg dev` on the same instance, agree


@contextlib.contextmanager
def dg_dev(project_root: Path) -> Iterator[str]:
    """`dg dev` in the project, on its instance; answers its GraphQL address. It ignores
    SIGTERM, so its process group is killed."""
    port = free_port()
    env = dg_env(project_root)
    env["DAGSTER_HOME"] = str(project_root / ".dagster-designer" / "dagster_home")
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
        graphql = f"http://127.0.0.1:{port}/graphql"
        deadline = time.monotonic() + WEBSERVER_TIMEOUT
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/server_info", timeout=5).is_success:
                    break
            time.sleep(1)
        else:
            raise AssertionError(f"dg dev did not answer:\n{log.read_text()}")
        yield graphql
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)


SCHEDULE = """query ($selector: ScheduleSelector!) {
  scheduleOrError(scheduleSelector: $selector) {
    __typename
    ... on Schedule { id scheduleState { id status } }
  }
}"""
SENSOR = """query ($selector: SensorSelector!) {
  sensorOrError(sensorSelector: $selector) {
    __typename
    ... on Sensor { id sensorState { id status } }
  }
}"""
STOP_SCHEDULE = """mutation ($id: String!) {
  stopRunningSchedule(id: $id) {
    __typename
    ... on ScheduleStateResult { scheduleState { status } }
  }
}"""
START_SENSOR = """mutation ($selector: SensorSelector!) {
  startSensor(sensorSelector: $selector) { __typename ... on Sensor { sensorState { status } } }
}"""


def test_dagsters_webserver_and_the_designer_agree_on_the_state(
    api: httpx.Client, automation: dict, project_root: Path
) -> None:
    # `dg dev` names the code location after the project folder
    where = {"repositoryLocationName": project_root.name, "repositoryName": "__repository__"}
    nightly = {**where, "scheduleName": "ticks_nightly"}
    skipping = {**where, "sensorName": "ticks_skipping"}
    try:
        turn(api, automation, "schedules", "ticks_nightly", True)
        turn(api, automation, "sensors", "ticks_daemon", True)
        with dg_dev(project_root) as address:
            schedule = graphql(address, SCHEDULE, selector=nightly)
            assert schedule["__typename"] == "Schedule", schedule
            # found by its selector: `dg dev` serves the project through a code server of its
            # own, whose origin (its port or socket) changes with every start
            assert schedule["scheduleState"]["status"] == "RUNNING"
            yearly = graphql(address, SCHEDULE, selector={**where, "scheduleName": "ticks_yearly"})
            assert yearly["scheduleState"]["status"] == "RUNNING"  # by its default status

            stopped = graphql(address, STOP_SCHEDULE, id=schedule["scheduleState"]["id"])
            assert stopped["scheduleState"]["status"] == "STOPPED", stopped
            assert listed(api, automation, "schedules")["ticks_nightly"]["running"] is False

            started = graphql(address, START_SENSOR, selector=skipping)
            assert started["sensorState"]["status"] == "RUNNING", started
            assert listed(api, automation, "sensors")["ticks_skipping"]["running"] is True
            turn(api, automation, "sensors", "ticks_skipping", False)
            sensor = graphql(address, SENSOR, selector=skipping)
            assert sensor["sensorState"]["status"] == "STOPPED"

            # the daemon ticks the sensor turned on in the designer: its run is in the history
            run = daemon_run(api, automation)
            status = api.get(url(automation, "asset-status")).json()
            ticks_a = next(s for s in status if s["key"] == "ticks_a")
            assert ticks_a["last_materialization"]["run_id"] == run["run_id"]
    finally:
        turn(api, automation, "schedules", "ticks_nightly", False)
        turn(api, automation, "sensors", "ticks_skipping", False)
        turn(api, automation, "sensors", "ticks_daemon", False)


def daemon_run(api: httpx.Client, project: dict) -> dict:
    """The run `dg dev`'s daemon launched for `ticks_daemon`, once it succeeded (it must end
    before `dg dev` does, or it would be left STARTED in the instance)."""
    deadline = time.monotonic() + WEBSERVER_TIMEOUT
    runs: list[dict] = []
    while time.monotonic() < deadline:
        runs = api.get(url(project, "runs"), params={"job": "ticks_daemon_job"}).json()
        if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            assert len(runs) == 1, runs
            assert runs[0]["status"] == "SUCCESS", runs[0]
            return runs[0]
        time.sleep(1)
    raise AssertionError(f"the daemon's run did not end: {runs}")
