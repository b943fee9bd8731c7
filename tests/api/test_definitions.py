"""What Dagster loads, as the designer reports it: equal to `dg list defs`, errors as data."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import dg_list_defs, written

PIPELINE = """
import dagster as dg


@dg.asset(group_name="sales", kinds={"duckdb", "python"}, owners=["team:data", "alice@example.com"],
          tags={"domain": "sales"}, code_version="v2", description="Raw sales.")
def raw_sales() -> None: ...


@dg.asset(group_name="sales", deps=[raw_sales])
def clean_sales() -> None: ...


@dg.asset_check(asset=clean_sales, description="No negative amounts")
def clean_sales_non_negative() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


@dg.asset(deps=[clean_sales, dg.AssetKey(["raw", "external_thing"])],
          automation_condition=dg.AutomationCondition.eager(),
          partitions_def=dg.DailyPartitionsDefinition(start_date="2024-01-01"))
def sales_report() -> None: ...


sales_job = dg.define_asset_job("sales_job", selection=["raw_sales", "clean_sales"])
hourly = dg.ScheduleDefinition(job=sales_job, cron_schedule="0 * * * *")
"""


@pytest.fixture
def pipeline(defs_root: Path) -> Iterator[Path]:
    path = defs_root / "handwritten" / "pipeline.py"
    path.parent.mkdir(exist_ok=True)
    path.write_text(PIPELINE)
    yield path
    path.unlink()


def _definitions(api: httpx.Client, project: dict) -> dict:
    response = api.get(f"/projects/{project['id']}/definitions")
    assert response.status_code == 200
    return response.json()


def test_definitions_equal_dg_list_defs(
    api: httpx.Client, project: dict, project_root: Path, pipeline: Path
) -> None:
    ours = _definitions(api, project)
    assert ours["errors"] == []
    reference = dg_list_defs(project_root)
    assert {a["key"]: a["deps"] for a in ours["assets"]} == {
        a["asset_key"]: a.get("dependency_keys", []) for a in reference["assets"]
    }
    for theirs in reference["assets"]:
        mine = next(a for a in ours["assets"] if a["key"] == theirs["asset_key"])
        assert mine["group"] == theirs.get("group_name")
        assert mine["kinds"] == theirs.get("kinds", [])
        assert mine["owners"] == theirs.get("owners", [])
        assert mine["tags"] == theirs.get("tags", [])
        assert mine["is_executable"] == theirs["is_executable"]
        assert mine["description"] == theirs.get("description")
    assert sorted(c["key"] for c in ours["asset_checks"]) == sorted(
        c["key"] for c in reference["asset_checks"]
    )
    assert [j["name"] for j in ours["jobs"]] == sorted(j["name"] for j in reference["jobs"])
    assert {s["name"]: s["cron_schedule"] for s in ours["schedules"]} == {
        s["name"]: s["cron_schedule"] for s in reference["schedules"]
    }
    assert sorted(s["name"] for s in ours["sensors"]) == sorted(
        s["name"] for s in reference["sensors"]
    )


def test_definitions_carry_what_the_cli_leaves_out(
    api: httpx.Client, project: dict, pipeline: Path
) -> None:
    assets = {a["key"]: a for a in _definitions(api, project)["assets"]}
    assert assets["raw_sales"]["code_version"] == "v2"
    assert assets["raw_sales"]["defs_path"] == "handwritten/pipeline.py"
    assert "Daily" in assets["sales_report"]["partitions"]
    assert assets["sales_report"]["automation_condition"]["label"] == "eager"
    assert assets["raw/external_thing"]["is_executable"] is False
    assert assets["raw/external_thing"]["defs_path"] is None
    checks = _definitions(api, project)["asset_checks"]
    assert checks[0]["key"] == "clean_sales:clean_sales_non_negative"
    assert checks[0]["defs_path"] == "handwritten/pipeline.py"
    schedule = next(
        s for s in _definitions(api, project)["schedules"] if s["name"] == "sales_job_schedule"
    )
    assert schedule["job_name"] == "sales_job"
    assert schedule["defs_path"] == "handwritten/pipeline.py"
    job = next(j for j in _definitions(api, project)["jobs"] if j["name"] == "sales_job")
    assert job["defs_path"] == "handwritten/pipeline.py"
    assert job["asset_keys"] == ["clean_sales", "raw_sales"]


@pytest.mark.parametrize(
    ("source", "kind", "line", "words"),
    [
        ("import dagster as dg\n\n@dg.asset\ndef x(:\n    ...\n", "syntax", 4, "SyntaxError"),
        ("import dagster as dg\nimport dagster_dbt\n", "import", 2, "uv add dagster-dbt"),
        ("import dagster as dg\nimport sklearn.linear_model\n", "import", 2, "scikit-learn"),
        ("import dagster as dg\n\n@dg.assett\ndef x(): ...\n", "error", 3, "assett"),
        ("import sys\n\nsys.exit(3)\n", "exit", 3, "sys.exit"),
        ("def f():\n    return 1 / 0\n\n\nf()\n", "error", 2, "ZeroDivisionError"),
    ],
)
def test_load_errors_point_at_file_and_line_with_a_fix(
    api: httpx.Client,
    project: dict,
    defs_root: Path,
    source: str,
    kind: str,
    line: int,
    words: str,
) -> None:
    bad = defs_root / "broken_module.py"
    bad.write_text(source)
    try:
        errors = _definitions(api, project)["errors"]
    finally:
        bad.unlink()
    assert len(errors) == 1, errors
    error = errors[0]
    assert error["kind"] == kind
    assert error["file"].endswith("defs/broken_module.py")
    assert error["line"] == line
    assert words in f"{error['message']} {error.get('hint')}"
    # the next good load recovers
    assert _definitions(api, project)["errors"] == []


def test_unknown_component_type_names_its_file_and_package(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "needs_sling"
    folder.mkdir()
    (folder / "defs.yaml").write_text(
        "type: dagster_sling.SlingReplicationCollectionComponent\nattributes: {}\n"
    )
    try:
        errors = _definitions(api, project)["errors"]
    finally:
        (folder / "defs.yaml").unlink()
        folder.rmdir()
    assert errors[0]["file"].endswith("needs_sling/defs.yaml")
    assert "uv add dagster-sling" in errors[0]["hint"]


def test_an_endless_import_times_out_and_the_worker_recovers(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    loop = defs_root / "endless.py"
    loop.write_text("import time\n\nwhile True:\n    time.sleep(0.01)\n")
    started = time.monotonic()
    try:
        errors = _definitions(api, project)["errors"]
    finally:
        loop.unlink()
    assert time.monotonic() - started < 90  # the server's load timeout is 30 s in tests
    assert errors[0]["kind"] == "timeout"
    assert errors[0]["file"].endswith("defs/endless.py") and errors[0]["line"] == 4
    assert _definitions(api, project)["errors"] == []
    worker = api.get(f"/projects/{project['id']}").json()["worker"]
    assert worker["state"] == "ready" and worker["restarts"] >= 1


def test_a_killed_worker_is_restarted(api: httpx.Client, project: dict, defs_root: Path) -> None:
    _definitions(api, project)
    worker = api.get(f"/projects/{project['id']}").json()["worker"]
    os.kill(worker["pid"], signal.SIGKILL)
    # the server notices by itself and starts a new worker
    deadline = time.monotonic() + 60
    after = worker
    while time.monotonic() < deadline:
        after = api.get(f"/projects/{project['id']}").json()["worker"]
        if after["state"] == "ready" and after["pid"] not in (None, worker["pid"]):
            break
        time.sleep(0.1)
    assert after["pid"] != worker["pid"] and after["restarts"] > worker["restarts"]
    # and it serves the next change
    touched = defs_root / "after_restart.py"
    touched.write_text("import dagster as dg\n\n\n@dg.asset\ndef after_restart() -> None: ...\n")
    try:
        keys = {a["key"] for a in _definitions(api, project)["assets"]}
    finally:
        touched.unlink()
    assert "after_restart" in keys


def test_a_module_that_kills_its_process_is_reported(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    bad = defs_root / "kills_itself.py"
    bad.write_text("import os\n\nos._exit(7)\n")
    try:
        errors = _definitions(api, project)["errors"]
    finally:
        bad.unlink()
    assert errors[0]["kind"] == "crash"
    assert "exited with code 7" in errors[0]["message"]
    assert _definitions(api, project)["errors"] == []


def test_ops_of_the_same_name_are_reported_as_dagster_does(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folders = [defs_root / "same_op_a", defs_root / "same_op_b"]
    for folder in folders:
        folder.mkdir()
        (folder / "run.py").write_text("")
        (folder / "defs.yaml").write_text(
            "type: dagster.PythonScriptComponent\nattributes:\n"
            f"  execution: {{path: run.py}}\n  assets: [{{key: {folder.name}}}]\n"
        )
    try:
        errors = _definitions(api, project)["errors"]
    finally:
        for folder in folders:
            for child in folder.iterdir():
                child.unlink()
            folder.rmdir()
    assert "conflicting node definitions" in errors[0]["message"]
    assert "execution.name" in errors[0]["hint"]
    # each component that makes an op of that name is shown, at its `execution`
    places = {
        (e["defs_path"], e["file"].split("defs/", 1)[1], e["line"], e["field"]) for e in errors
    }
    assert places == {
        (name, f"{name}/defs.yaml", 3, "execution.name") for name in ("same_op_a", "same_op_b")
    }


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ("group:sales", {"raw_sales", "clean_sales"}),
        ('key:"clean_sales"+', {"clean_sales", "sales_report"}),
        ("kind:duckdb and group:sales", {"raw_sales"}),
        ("tag:domain=sales", {"raw_sales"}),
        ('owner:"team:data"', {"raw_sales"}),
        ("*clean_sales", {"raw_sales", "clean_sales"}),
    ],
)
def test_selections_are_evaluated_by_dagster(
    api: httpx.Client, project: dict, pipeline: Path, selection: str, expected: set[str]
) -> None:
    result = api.get(f"/projects/{project['id']}/selection", params={"q": selection}).json()
    assert result["error"] is None
    assert set(result["keys"]) == expected


def test_a_selection_dagster_would_misread_is_reported(
    api: httpx.Client, project: dict, pipeline: Path
) -> None:
    result = api.get(f"/projects/{project['id']}/selection", params={"q": "tag:daily kind:dbt"})
    assert result.status_code == 200
    assert result.json()["keys"] == []
    assert "and" in result.json()["error"]


def test_heavy_metadata_is_summarised_and_served_whole_on_request(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    module = (
        "import dagster as dg\n\n\n"
        "@dg.asset(key=['raw', 'big_sample'], metadata={\n"
        "    'rows': 12,\n"
        "    'sample': 'x' * 50_000,\n"
        "    'columns': dg.TableSchema(columns=[dg.TableColumn('id', 'int')]),\n"
        "    'document': dg.MetadataValue.json({'values': list(range(20_000))}),\n"
        "})\n"
        "def big_sample() -> None: ...\n"
    )
    with written(defs_root, {"big_sample.py": module}):
        asset = next(
            a for a in _definitions(api, project)["assets"] if a["key"] == "raw/big_sample"
        )
        full = api.get(f"/projects/{project['id']}/assets/raw/big_sample/metadata")
    metadata = asset["metadata"]
    assert metadata["rows"] == 12
    assert metadata["columns"]["columns"][0]["name"] == "id"
    assert metadata["sample"] == {"summary": "text, 48.8 KB", "bytes": 50_002}
    assert metadata["document"]["bytes"] > 100_000
    assert len(json.dumps(asset)) < 2048
    assert full.status_code == 200, full.text
    whole = full.json()
    assert whole["key"] == "raw/big_sample"
    assert whole["metadata"]["sample"] == "x" * 50_000
    assert whole["metadata"]["document"] == {"values": list(range(20_000))}
    assert whole["metadata"]["rows"] == 12


def test_the_metadata_of_an_unknown_asset_is_not_found(api: httpx.Client, project: dict) -> None:
    response = api.get(f"/projects/{project['id']}/assets/no/such/asset/metadata")
    assert response.status_code == 404
    assert "`no/such/asset`" in response.json()["detail"]
