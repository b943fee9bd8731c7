"""Builders: every builder and variant writes a definition Dagster loads with the properties of
the form (and `dg check defs` accepts), reopens in the form, is rewritten and deleted in place;
bad input is refused before anything is written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.support import all_events, definitions, dg_command, launch, written

BASE = """\
import dagster as dg


@dg.asset(group_name="build", kinds={"python"})
def build_source() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 3})


build_base_job = dg.define_asset_job("build_base_job", selection="build_source")
"""


def tree(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if "__pycache__" not in p.parts}


@pytest.fixture
def base(api: httpx.Client, project: dict, defs_root: Path) -> Iterator[Path]:
    """An asset and a job to build on; what the test's builders write is removed after it."""
    before = tree(defs_root)
    with written(defs_root, {"build_base.py": BASE}):
        assert "build_source" in {a["key"] for a in definitions(api, project)["assets"]}
        yield defs_root
    for path in sorted(tree(defs_root) - before, key=lambda p: len(p.parts)):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    definitions(api, project)


def url(project: dict, path: str = "") -> str:
    return f"/projects/{project['id']}/builders{path}"


def build(api: httpx.Client, project: dict, kind: str, params: dict) -> dict:
    response = api.post(url(project, f"/{kind}"), json={"params": params})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["ok"], result
    return result


def loaded(api: httpx.Client, project: dict, listing: str, name: str) -> dict:
    found = definitions(api, project)
    field = "key" if listing in ("assets", "asset_checks") else "name"
    by_name = {entry[field]: entry for entry in found[listing]}
    assert name in by_name, (name, sorted(by_name), found["errors"])
    return by_name[name]


def holds(reopened: object, given: object) -> bool:
    """Whether the params reopened say what was given (defaults aside; kinds are a set)."""
    if isinstance(given, dict) and isinstance(reopened, dict):
        return all(key in reopened and holds(reopened[key], v) for key, v in given.items())
    if isinstance(given, list) and isinstance(reopened, list) and given != reopened:
        return sorted(map(str, given)) == sorted(map(str, reopened))
    return reopened == given


def test_the_builders_and_their_schemas(api: httpx.Client, project: dict) -> None:
    builders = {b["kind"]: b for b in api.get(url(project)).json()}
    assert {"asset", "schedule", "job", "sensor", "asset_check"} <= set(builders)
    schedule = builders["schedule"]["schema"]
    assert {"name", "cron", "timezone", "target"} <= set(schedule["properties"])
    assert "check_type" in builders["asset_check"]["schema"]["properties"]


VARIANTS: list[tuple[str, str, dict]] = [
    (
        "asset",
        "assets",
        {
            "name": "build_orders",
            "description": "Orders, one row each",
            "group": "build",
            "owners": ["team:data", "ana@example.com"],
            "tags": {"tier": "gold"},
            "kinds": ["python", "pandas"],
            "deps": ["build_source"],
            "partitions": {"type": "daily", "start_date": "2024-01-01"},
            "automation": {"condition": "on_cron", "cron": "0 6 * * *"},
        },
    ),
    (
        "asset",
        "assets",
        {
            "name": "build_regions",
            "partitions": {"type": "static", "values": ["eu", "us"]},
            "automation": {"condition": "eager"},
        },
    ),
    (
        "asset",
        "assets",
        {
            "name": "build_hourly",
            "partitions": {"type": "hourly", "start_date": "2024-05-01"},
        },
    ),
    (
        "sql_asset",
        "assets",
        {
            "name": "build_sales",
            "sql": "select 1 as id, 'eu' as region\nunion all select 2, null",
            "deps": ["build_source"],
            "group": "build",
            "kinds": ["duckdb", "sql"],
        },
    ),
    (
        "schedule",
        "schedules",
        {
            "name": "build_mornings",
            "cron": "0 9 * * 1-5",
            "timezone": "Europe/Paris",
            "target": {"job": "build_base_job"},
            "default_status": "RUNNING",
        },
    ),
    (
        "schedule",
        "schedules",
        {
            "name": "build_hourly_sync",
            "cron": "@hourly",
            "target": {"selection": "group:build"},
        },
    ),
    (
        "job",
        "jobs",
        {
            "name": "build_group_job",
            "selection": "group:build",
            "description": "Everything built",
            "tags": {"team": "data"},
        },
    ),
    (
        "sensor",
        "sensors",
        {
            "name": "build_new_files",
            "sensor_type": "file",
            "path": "data/incoming/*.csv",
            "target": {"job": "build_base_job"},
            "minimum_interval_seconds": 60,
        },
    ),
    (
        "sensor",
        "sensors",
        {
            "name": "build_after_failure",
            "sensor_type": "run_status",
            "run_status": "FAILURE",
            "monitored_jobs": ["build_base_job"],
            "target": {"selection": "build_source"},
        },
    ),
    (
        "sensor",
        "sensors",
        {
            "name": "build_on_source",
            "sensor_type": "asset",
            "asset": "build_source",
            "target": {"job": "build_base_job"},
        },
    ),
    ("sensor", "sensors", {"name": "build_custom", "sensor_type": "custom"}),
    (
        "asset_check",
        "asset_checks",
        {
            "name": "build_has_rows",
            "asset": "build_source",
            "check_type": "row_count",
            "min_rows": 1,
            "blocking": True,
        },
    ),
    (
        "asset_check",
        "asset_checks",
        {
            "name": "build_is_fresh",
            "asset": "build_source",
            "check_type": "freshness",
            "max_age_hours": 6,
            "severity": "WARN",
        },
    ),
    (
        "asset_check",
        "asset_checks",
        {
            "name": "build_columns",
            "asset": "build_source",
            "check_type": "column_schema",
            "columns": {"id": "INTEGER"},
        },
    ),
    (
        "asset_check",
        "asset_checks",
        {
            "name": "build_ids_not_null",
            "asset": "build_source",
            "check_type": "not_null",
            "column_names": ["id"],
        },
    ),
    (
        "asset_check",
        "asset_checks",
        {
            "name": "build_custom_check",
            "asset": "build_source",
            "check_type": "custom",
        },
    ),
]


def test_every_variant_loads_with_its_properties_and_reopens(
    api: httpx.Client, project: dict, project_root: Path, base: Path
) -> None:
    for kind, listing, params in VARIANTS:
        result = build(api, project, kind, params)
        name = params["name"]
        folder = {"asset_check": "checks", "sql_asset": "assets"}.get(kind, f"{kind}s")
        assert result["files"][0] == f"{project['defs_path']}/{folder}/{name}.py", result
        key = f"build_source:{name}" if kind == "asset_check" else name
        entry = loaded(api, project, listing, key)
        reopened = api.get(url(project, f"/{kind}/{key}"))
        assert reopened.status_code == 200, reopened.text
        assert holds(reopened.json()["params"], params), (reopened.json(), params)
        if kind == "asset" and name == "build_orders":
            assert entry["group"] == "build"
            assert entry["deps"] == ["build_source"]
            assert entry["kinds"] == ["pandas", "python"]
            assert entry["owners"] == [{"team": "data"}, {"email": "ana@example.com"}]
            assert {"key": "tier", "value": "gold"} in entry["tags"]
            assert entry["description"] == "Orders, one row each"
            assert entry["partitions"] and "Daily" in entry["partitions"]
            assert entry["automation_condition"] is not None
    jobs = {j["name"]: j for j in definitions(api, project)["jobs"]}
    assert "build_source" in jobs["build_group_job"]["asset_keys"]
    schedules = {s["name"]: s for s in definitions(api, project)["schedules"]}
    assert schedules["build_mornings"]["cron_schedule"] == "0 9 * * 1-5"
    assert schedules["build_mornings"]["job_name"] == "build_base_job"
    sensors = {s["name"]: s for s in definitions(api, project)["sensors"]}
    assert sensors["build_new_files"]["job_names"] == ["build_base_job"]
    # Dagster's own check of the project as written
    check = dg_command(project_root, "check", "defs")
    assert check.returncode == 0, check.stdout + check.stderr
    # the state Dagster gives the schedules: the timezone and default status of the form
    states = {s["name"]: s for s in api.get(f"/projects/{project['id']}/schedules").json()}
    assert states["build_mornings"]["execution_timezone"] == "Europe/Paris"
    assert states["build_mornings"]["default_status"] == "RUNNING"


def test_an_edit_rewrites_only_its_definition(
    api: httpx.Client, project: dict, project_root: Path, base: Path
) -> None:
    params = {"name": "build_nightly", "cron": "0 2 * * *", "target": {"job": "build_base_job"}}
    file = project_root / build(api, project, "schedule", params)["files"][0]
    # a hand-written neighbour in the same file, with a comment, must survive byte for byte
    neighbour = "\n\n# kept as it is\nHELPER = {'a':1}  # odd spacing on purpose\n"
    file.write_text(file.read_text() + neighbour)
    changed = {**params, "cron": "30 4 * * *", "timezone": "America/New_York"}
    response = api.put(url(project, "/schedule/build_nightly"), json={"params": changed})
    assert response.status_code == 200, response.text
    assert response.json()["ok"], response.json()
    text = file.read_text()
    assert text.endswith(neighbour)
    assert '"30 4 * * *"' in text and '"0 2 * * *"' not in text
    assert loaded(api, project, "schedules", "build_nightly")["cron_schedule"] == "30 4 * * *"
    assert api.get(url(project, "/schedule/build_nightly")).json()["params"]["timezone"] == (
        "America/New_York"
    )


def test_an_asset_edit_keeps_the_body_written_in_the_editor(
    api: httpx.Client, project: dict, project_root: Path, base: Path
) -> None:
    file = project_root / build(api, project, "asset", {"name": "build_body"})["files"][0]
    body = (
        "    # my own code\n    rows = 7\n    return dg.MaterializeResult(metadata={'n': rows})\n"
    )
    text = file.read_text()
    start = text.index("    # Compute")
    file.write_text(text[:start] + body)
    response = api.put(
        url(project, "/asset/build_body"),
        json={"params": {"name": "build_body", "group": "build", "deps": ["build_source"]}},
    )
    assert response.status_code == 200, response.text
    assert file.read_text().endswith(body)
    entry = loaded(api, project, "assets", "build_body")
    assert entry["group"] == "build" and entry["deps"] == ["build_source"]


CRLF_FILE = (
    "\ufeffimport dagster as dg\r\n\r\n\r\n"
    "# the first\r\n"
    "@dg.asset\r\ndef build_first() -> None: ...\r\n\r\n\r\n"
    "# about the second\r\n"
    "@dg.asset(group_name='build')\r\ndef build_second() -> None: ...\r\n\r\n\r\n"
    "@dg.asset\r\ndef build_third() -> None: ...  # the third\r\n"
)


def test_delete_leaves_the_rest_of_the_file_byte_identical(
    api: httpx.Client, project: dict, base: Path
) -> None:
    with written(base, {"build_three.py": ""}):
        file = base / "build_three.py"
        file.write_bytes(CRLF_FILE.encode())
        loaded(api, project, "assets", "build_second")
        response = api.delete(url(project, "/asset/build_second"))
        assert response.status_code == 204, response.text
        expected = CRLF_FILE.replace(
            "# about the second\r\n@dg.asset(group_name='build')\r\n"
            "def build_second() -> None: ...\r\n\r\n\r\n",
            "",
        )
        assert file.read_bytes() == expected.encode()
        keys = {a["key"] for a in definitions(api, project)["assets"]}
        assert {"build_first", "build_third"} <= keys and "build_second" not in keys
        # the last one: the blank lines before it go with it
        assert api.delete(url(project, "/asset/build_third")).status_code == 204
        assert (
            file.read_bytes()
            == expected.split("\r\n\r\n\r\n@dg.asset\r\ndef build_third")[0].encode() + b"\r\n"
        )


def test_delete_refuses_what_is_still_used_unless_forced(
    api: httpx.Client, project: dict, project_root: Path, base: Path
) -> None:
    job = build(api, project, "job", {"name": "build_used_job", "selection": "build_source"})
    build(
        api,
        project,
        "schedule",
        {
            "name": "build_uses_job",
            "cron": "0 1 * * *",
            "target": {"job": "build_used_job"},
        },
    )
    refused = api.delete(url(project, "/job/build_used_job"))
    assert refused.status_code == 409, refused.text
    assert "schedule `build_uses_job`" in refused.json()["detail"]
    assert (project_root / job["files"][0]).exists()
    # the schedule goes first, then the job can go: its file, left with imports only, goes too
    assert api.delete(url(project, "/schedule/build_uses_job")).status_code == 204
    assert api.delete(url(project, "/job/build_used_job")).status_code == 204
    assert not (project_root / job["files"][0]).exists()
    names = {j["name"] for j in definitions(api, project)["jobs"]}
    assert "build_used_job" not in names


def test_a_check_name_two_assets_share_is_named_with_its_asset(
    api: httpx.Client, project: dict, project_root: Path, base: Path
) -> None:
    build(api, project, "asset", {"name": "build_other"})
    for asset in ("build_source", "build_other"):
        build(
            api,
            project,
            "asset_check",
            {"name": "build_rows", "asset": asset, "check_type": "row_count", "min_rows": 1},
        )
        # the builder names the file after the check: the first moves aside for the second
        (base / "checks" / "build_rows.py").rename(base / "checks" / f"{asset}_rows.py")
    files = {path: path.read_bytes() for path in (base / "checks").glob("*.py")}
    for ambiguous in (api.get, api.delete):
        refused = ambiguous(url(project, "/asset_check/build_rows"))
        assert refused.status_code == 400, refused.text
        detail = refused.json()["detail"]
        assert "`build_source:build_rows`" in detail and "`build_other:build_rows`" in detail
    assert {path: path.read_bytes() for path in (base / "checks").glob("*.py")} == files
    reopened = api.get(url(project, "/asset_check/build_other:build_rows"))
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["params"]["asset"] == "build_other"
    assert api.delete(url(project, "/asset_check/build_other:build_rows")).status_code == 204
    checks = {c["key"] for c in definitions(api, project)["asset_checks"]}
    assert "build_source:build_rows" in checks and "build_other:build_rows" not in checks


@pytest.mark.parametrize(
    ("kind", "params", "says"),
    [
        (
            "schedule",
            {"name": "build_bad", "cron": "0 9 * *", "target": {"job": "build_base_job"}},
            "has 4 fields",
        ),
        (
            "schedule",
            {"name": "build_bad", "cron": "0 0 30 2 *", "target": {"job": "build_base_job"}},
            "never fires",
        ),
        (
            "schedule",
            {
                "name": "build_bad",
                "cron": "0 9 * * *",
                "timezone": "Mars/Olympus",
                "target": {"job": "build_base_job"},
            },
            "not a timezone",
        ),
        (
            "schedule",
            {"name": "build_bad", "cron": "0 9 * * *", "target": {"job": "no_such_job"}},
            "no job `no_such_job`",
        ),
        ("job", {"name": "build_base_job", "selection": "*"}, "is taken"),
        ("asset", {"name": "build_source"}, "is taken"),
        ("asset", {"name": "class"}, "Python keyword"),
        ("asset", {"name": "my asset"}, "not a Python name"),
        ("asset", {"name": "build_bad", "deps": ["no_such_asset"]}, "no asset `no_such_asset`"),
        ("job", {"name": "build_bad", "selection": "group:("}, "is not valid"),
        (
            "asset_check",
            {"name": "build_bad", "asset": "nothing", "check_type": "row_count"},
            "no asset `nothing`",
        ),
        ("asset", {"name": "build_bad", "body": "return (\n"}, "not valid Python"),
        (
            "sensor",
            {"name": "build_bad", "sensor_type": "file", "target": {"job": "build_base_job"}},
            "folder or glob",
        ),
        ("widget", {"name": "build_bad"}, "no builder"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    api: httpx.Client, project: dict, base: Path, kind: str, params: dict, says: str
) -> None:
    before = {p: p.read_bytes() for p in tree(base) if p.is_file()}
    response = api.post(url(project, f"/{kind}"), json={"params": params})
    assert response.status_code in (400, 404), response.text
    assert says in response.json()["detail"], response.json()
    assert {p: p.read_bytes() for p in tree(base) if p.is_file()} == before


def test_a_selection_that_matches_nothing_is_a_warning(
    api: httpx.Client, project: dict, base: Path
) -> None:
    result = build(
        api, project, "job", {"name": "build_empty_job", "selection": "tag:nothing=here"}
    )
    assert any("matches no asset" in w for w in result["warnings"]), result


def test_hand_written_code_opens_in_the_editor_but_literal_code_reopens(
    api: httpx.Client, project: dict, base: Path
) -> None:
    hand = (
        "import dagster as dg\n\n"
        "build_hand_job = dg.define_asset_job(\n"
        "    name='build_hand_job',\n"
        "    selection='build_source',  # a comment the form could not keep\n"
        ")\n\n"
        "build_literal_job = dg.define_asset_job(name='build_literal_job', selection='*')\n"
    )
    with written(base, {"build_hand.py": hand}):
        # Dagster records no place for a job: the designer finds its statement by name
        where = loaded(api, project, "jobs", "build_hand_job")["source"]
        assert where == f"{project['defs_path']}/build_hand.py:3"
        assert api.get(url(project, "/job/build_hand_job")).status_code == 404
        literal = api.get(url(project, "/job/build_literal_job"))
        assert literal.status_code == 200, literal.text
        assert literal.json()["params"]["selection"] == "*"
        assert api.get(url(project, "/job/no_such_job")).status_code == 404


def test_generated_checks_and_sensors_run(
    api: httpx.Client, project: dict, project_root: Path, base: Path
) -> None:
    build(
        api,
        project,
        "asset_check",
        {
            "name": "build_counted",
            "asset": "build_source",
            "check_type": "row_count",
            "min_rows": 2,
        },
    )
    build(
        api,
        project,
        "asset_check",
        {
            "name": "build_too_many",
            "asset": "build_source",
            "check_type": "row_count",
            "min_rows": 0,
            "max_rows": 2,
            "severity": "WARN",
        },
    )
    run_id = launch(api, project, selection="build_source")
    events = all_events(api, project, run_id)
    evaluations = {e["message"] for e in events if e["event_type"] == "ASSET_CHECK_EVALUATION"}
    assert any("build_counted" in m and "passed" in m.lower() for m in evaluations), evaluations
    assert any("build_too_many" in m and "did not pass" in m for m in evaluations), evaluations

    # the file sensor asks for a run per new file, and not again for the same file
    build(
        api,
        project,
        "sensor",
        {
            "name": "build_watch",
            "sensor_type": "file",
            "path": "build_incoming",
            "target": {"job": "build_base_job"},
        },
    )
    incoming = project_root / "build_incoming"
    incoming.mkdir()
    try:
        (incoming / "a.csv").write_text("id\n1\n")
        tick = api.post(f"/projects/{project['id']}/sensors/build_watch/tick")
        assert tick.status_code == 200, tick.text
        requests = tick.json()["run_requests"]
        assert len(requests) == 1 and "a.csv" in requests[0]["run_key"], tick.json()
    finally:
        shutil.rmtree(incoming)


def test_cron_in_words_with_the_next_fire_times(api: httpx.Client) -> None:
    answer = api.get("/cron", params={"expr": "0 9 * * 1-5", "timezone": "America/New_York"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "09:00" in body["description"] and "Monday through Friday" in body["description"]
    times = [datetime.fromisoformat(t) for t in body["next"]]
    assert len(times) == 5 and times == sorted(times)
    for moment in times:
        local = moment.astimezone(ZoneInfo("America/New_York"))
        assert (local.hour, local.minute) == (9, 0) and local.weekday() < 5
    assert api.get("/cron", params={"expr": "@daily"}).json()["description"] == "At 12:00 AM"
    bad = api.get("/cron", params={"expr": "61 * * * *"})
    assert bad.status_code == 400 and "not a cron expression" in bad.json()["detail"]
    zone = api.get("/cron", params={"expr": "0 9 * * *", "timezone": "Nowhere/City"})
    assert zone.status_code == 400 and "not a timezone" in zone.json()["detail"]


@pytest.fixture
def warehouse(project_root: Path) -> Iterator[Path]:
    """The DuckDB file the SQL builder's resource writes, removed after the test."""
    data = project_root / "data"
    existed = data.exists()
    yield data / "warehouse.duckdb"
    if not existed:
        shutil.rmtree(data, ignore_errors=True)


def test_a_sql_asset_makes_its_table_and_duckdb_checks_query_it(
    api: httpx.Client, project: dict, base: Path, warehouse: Path
) -> None:
    made = build(
        api,
        project,
        "sql_asset",
        {
            "name": "build_regions_table",
            "sql": "select 1 as id, 'eu' as region union all select 2, null",
            "deps": ["build_source"],
        },
    )
    # the project had no DuckDB resource: the builder made one, a file in the project
    resources = f"{project['defs_path']}/resources.py"
    assert made["files"] == [f"{project['defs_path']}/assets/build_regions_table.py", resources]
    assert "duckdb" in {r["name"] for r in definitions(api, project)["resources"]}
    for check_type, columns in (("not_null", ["id"]), ("unique", ["id"]), ("not_null", ["region"])):
        build(
            api,
            project,
            "asset_check",
            {
                "name": f"build_{check_type}_{columns[0]}",
                "asset": "build_regions_table",
                "check_type": check_type,
                "column_names": columns,
            },
        )
    run_id = launch(api, project, selection="build_regions_table")
    events = all_events(api, project, run_id)
    evaluations = {e["message"] for e in events if e["event_type"] == "ASSET_CHECK_EVALUATION"}
    assert any("build_not_null_id" in m and "passed" in m for m in evaluations), evaluations
    assert any("build_unique_id" in m and "passed" in m for m in evaluations), evaluations
    assert any("build_not_null_region" in m and "did not pass" in m for m in evaluations)
    status = {s["key"]: s for s in api.get(f"/projects/{project['id']}/asset-status").json()}
    recorded = {
        m["label"]: m for m in status["build_regions_table"]["last_materialization"]["metadata"]
    }
    assert recorded["dagster/row_count"]["value"] == "2"
    assert "region" in recorded["dagster/column_schema"]["value"]
    assert warehouse.is_file()
    # the SQL form reopens it; the Python asset form leaves it to the SQL one
    assert api.get(url(project, "/asset/build_regions_table")).status_code == 404
    sql = api.get(url(project, "/sql_asset/build_regions_table")).json()["params"]["sql"]
    assert sql.startswith("select 1 as id")
