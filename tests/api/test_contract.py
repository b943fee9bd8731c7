"""Real answers and pushed messages of a real project, validated against the models the OpenAPI
document declares for them. What the server sends as it is (the worker's definitions, websocket
messages) is not validated on its way out: here it is, key by key, so the document cannot
promise what the server does not send, nor leave out what it does."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel
from websockets.sync.client import ClientConnection, connect

from dagster_designer.server.models import (
    AssetMetadata,
    Definitions,
    LiveDefinitions,
    LiveMessage,
    ProjectOut,
    ServerEvent,
    TerminalClientMessage,
    TerminalServerMessage,
    Validation,
    WorkerStatus,
)
from tests.api.test_live import live, wait_for
from tests.api.test_terminals import attach, new_terminal
from tests.support import Designer, definitions, written

TIMEOUT = 60.0

# Every kind of definition, with every optional part set somewhere.
EVERYTHING = """import dagster as dg


@dg.asset(group_name="sales", kinds={"duckdb"}, owners=["team:data", "alice@example.com"],
          tags={"domain": "sales"}, code_version="v2", description="Raw sales.",
          metadata={"rows": 12, "sample": "x" * 50_000})
def contract_raw() -> None: ...


@dg.asset(deps=[contract_raw, "contract_missing"],
          automation_condition=dg.AutomationCondition.eager(),
          partitions_def=dg.DailyPartitionsDefinition(start_date="2024-01-01"))
def contract_report() -> None: ...


@dg.asset_check(asset=contract_report, additional_deps=[contract_raw])
def contract_report_rows() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


contract_job = dg.define_asset_job("contract_job", selection=["contract_raw"])
contract_schedule = dg.ScheduleDefinition(job=contract_job, cron_schedule="0 * * * *")


@dg.sensor(job=contract_job)
def contract_sensor(context: dg.SensorEvaluationContext) -> None: ...

"""
# a module with a `Definitions` gives only those: its own file
RESOURCES = """import dagster as dg


@dg.definitions
def contract_resources() -> dg.Definitions:
    return dg.Definitions(resources={"contract_db": dg.ResourceDefinition.none_resource()})
"""
SCRIPT_COMPONENT = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: gone.py
  assets:
    - key: contract_scripted
"""
BROKEN = "import dagster as dg\nimport contract_no_such_module\n"


def _exact(model: type[BaseModel], value: object) -> None:
    """`value` has the model's shape exactly (its models forbid extra keys)."""
    model.model_validate(value)


@pytest.fixture
def everything(defs_root: Path) -> Iterator[Path]:
    files = {
        "contract/everything.py": EVERYTHING,
        "contract/resources.py": RESOURCES,
        "contract/scripted/defs.yaml": SCRIPT_COMPONENT,
    }
    with written(defs_root, files):
        yield defs_root / "contract"


def test_definitions_and_metadata_are_what_the_document_declares(
    api: httpx.Client, project: dict, everything: Path
) -> None:
    loaded = definitions(api, project)
    _exact(Definitions, loaded)
    assert loaded["errors"] == []
    for kind in ("assets", "asset_checks", "jobs", "schedules", "sensors", "resources"):
        assert loaded[kind], f"no {kind}: the check would prove nothing"
    assert loaded["components"] and loaded["mode"]
    assert {w["kind"] for w in loaded["warnings"]} == {"dangling_key", "missing_file"}
    report = next(a for a in loaded["assets"] if a["key"] == "contract_report")
    assert report["automation_condition"] and report["partitions"]

    whole = api.get(f"/projects/{project['id']}/assets/contract_raw/metadata")
    assert whole.status_code == 200, whole.text
    _exact(AssetMetadata, whole.json())

    with written(everything, {"broken.py": BROKEN}):
        failed = definitions(api, project)
    _exact(Definitions, failed)
    [error] = failed["errors"]
    assert error["file"].endswith("contract/broken.py") and error["hint"] and error["detail"]


def test_a_save_answers_its_validation_with_problems_and_warnings(
    api: httpx.Client, project: dict, everything: Path
) -> None:
    url = f"/projects/{project['id']}/defs/contract/scripted"
    attributes = api.get(url).json()["attributes"]
    warned = api.put(url, json={"attributes": attributes})  # its script is missing
    refused = api.put(url, json={"attributes": {**attributes, "not_an_attribute": 1}})
    for saved in (warned, refused):
        assert saved.status_code == 200, saved.text
        _exact(Validation, saved.json())
    assert warned.json()["warnings"] and refused.json()["errors"]


def test_live_messages_are_what_the_document_declares(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    with live(designer, project) as ws:
        _exact(LiveDefinitions, ws.raw)  # the first message is whole
        with written(defs_root, {"contract_live.py": BROKEN}):
            message = wait_for(ws, lambda d: bool(d["errors"]))
            _exact(LiveMessage, ws.raw)
            assert ws.raw["type"] == "definitions_delta"
            _exact(Definitions, message["definitions"])
    assert message["changed"]


@contextlib.contextmanager
def _events(designer: Designer) -> Iterator[ClientConnection]:
    url = f"ws://127.0.0.1:{designer.port}/api/v1/events"
    with connect(url, additional_headers={"Authorization": f"Bearer {designer.token}"}) as ws:
        yield ws


def _until(ws: ClientConnection, seen: list[dict], done: Callable[[list[dict]], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not done(seen):
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"not every event came: {[e['type'] for e in seen]}"
        with contextlib.suppress(TimeoutError):
            seen.append(json.loads(ws.recv(timeout=remaining)))


EVENT_TYPES = {"hello", "project", "worker", "definitions", "project_removed"}


def _failed(event: dict) -> bool:
    return event["type"] == "project" and event["project"]["status"] == "error"


def test_server_events_are_what_the_document_declares(
    designer: Designer, api: httpx.Client, project: dict, defs_root: Path, tmp_path: Path
) -> None:
    # a project that fails to open (no environment) gives the project events
    folder = tmp_path / "contract_no_env"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "contract_no_env"\n[tool.dg]\ndirectory_type = "project"\n'
        '[tool.dg.project]\nroot_module = "contract_no_env"\n'
    )
    seen: list[dict] = []
    with _events(designer) as ws:
        opened = api.post("/projects", json={"path": str(folder)}).json()
        restarted = api.post(f"/projects/{project['id']}/worker/restart")
        assert restarted.status_code == 200, restarted.text
        _exact(WorkerStatus, restarted.json())
        with written(defs_root, {"contract_event.py": "import dagster as dg\n"}):
            definitions(api, project)
        _until(ws, seen, lambda s: any(_failed(e) for e in s))
        api.delete(f"/projects/{opened['id']}")
        _until(ws, seen, lambda s: {e["type"] for e in s} >= EVENT_TYPES)
    for event in seen:
        _exact(ServerEvent, event)
    for listed in api.get("/projects").json():
        _exact(ProjectOut, listed)


def test_terminal_messages_are_what_the_document_declares(
    designer: Designer, api: httpx.Client, project: dict
) -> None:
    url = f"/projects/{project['id']}/terminals"
    terminal = new_terminal(api, url)
    try:
        with attach(designer, project["id"], terminal["id"]) as shell:
            resize = {"type": "resize", "cols": 100, "rows": 30}
            _exact(TerminalClientMessage, resize)
            shell.send(resize)
            shell.send({"type": "paste", "data": "x"})
            _exact(TerminalServerMessage, shell.message("error"))
            shell.type("exit 3")
            _exact(TerminalServerMessage, shell.message("exit"))
    finally:
        api.delete(f"{url}/{terminal['id']}")
