"""A dbt project on DuckDB through dagster-dbt: the same definitions as `dg list defs`, and the
dbt project is parsed again only when its files change."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.dbt_projects import new_dbt_project
from tests.support import (
    Designer,
    dg_env,
    dg_list_defs,
    start_designer,
    stop_designer,
    worker_processes,
)


@pytest.fixture(scope="module")
def dbt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Designer]:
    # parsing a dbt project takes a while on a small machine: a generous load timeout
    server = start_designer(tmp_path_factory.mktemp("dbt") / "workspace", "--load-timeout", "300")
    yield server
    stop_designer(server)


@pytest.fixture(scope="module")
def shop(dbt_server: Designer) -> Iterator[tuple[httpx.Client, dict, Path]]:
    with dbt_server.client() as client:
        project, _dbt_root = new_dbt_project(client, "shop")
        root = Path(project["path"])
        defs = root / project["defs_path"]
        (defs / "reporting.py").write_text(
            "import dagster as dg\n\n\n"
            "@dg.asset(deps=['orders'], group_name='reporting', kinds={'python'})\n"
            "def revenue_report() -> None: ...\n\n\n"
            "@dg.asset_check(asset=revenue_report)\n"
            "def report_not_empty() -> dg.AssetCheckResult:\n"
            "    return dg.AssetCheckResult(passed=True)\n"
        )
        yield client, project, root


def _state_files(root: Path) -> list[Path]:
    return sorted(root.rglob(".local_defs_state/**/state"))


def test_dbt_definitions_equal_dg_list_defs(shop: tuple[httpx.Client, dict, Path]) -> None:
    client, project, root = shop
    ours = client.get(f"/projects/{project['id']}/definitions").json()
    assert ours["errors"] == []
    reference = dg_list_defs(root)
    mine = {
        a["key"]: (tuple(a["deps"]), a["group"], tuple(a["kinds"]), a["is_executable"])
        for a in ours["assets"]
    }
    theirs = {
        a["asset_key"]: (
            tuple(a.get("dependency_keys", [])),
            a.get("group_name"),
            tuple(a.get("kinds", [])),
            a["is_executable"],
        )
        for a in reference["assets"]
    }
    assert mine == theirs
    assert {"orders", "stg_orders", "stg_customers", "revenue_report"} <= set(mine)
    assert sorted(c["key"] for c in ours["asset_checks"]) == sorted(
        c["key"] for c in reference["asset_checks"]
    )
    by_key = {a["key"]: a for a in ours["assets"]}
    assert by_key["orders"]["defs_path"] == "transform"
    assert by_key["revenue_report"]["deps"] == ["orders"]


def _differences(first: object, second: object, where: str = "") -> list[str]:
    """Where two JSON documents differ, as paths to the differing values."""
    if isinstance(first, dict) and isinstance(second, dict):
        keys = sorted(set(first) | set(second))
        return [d for k in keys for d in _differences(first.get(k), second.get(k), f"{where}/{k}")]
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        pairs = enumerate(zip(first, second, strict=True))
        return [d for i, (a, b) in pairs for d in _differences(a, b, f"{where}/{i}")]
    return [] if first == second else [f"{where}: {first!r:.200} != {second!r:.200}"]


def _kept_dbt(server: Designer) -> list[int]:
    """The dbt processes kept warm for this workspace's projects."""
    pids = worker_processes(server.workspace)
    return [p for p in pids if b"warm_dbt_main.py" in Path(f"/proc/{p}/cmdline").read_bytes()]


def test_dbt_parses_in_one_kept_process_and_reports_its_own_errors(
    dbt_server: Designer, shop: tuple[httpx.Client, dict, Path]
) -> None:
    client, project, root = shop
    url = f"/projects/{project['id']}/definitions"
    models = root / "dbt_shop" / "models"
    first, second = models / "kept_orders.sql", models / "kept_customers.sql"
    try:
        first.write_text("select * from {{ ref('orders') }}\n")
        loaded = client.get(url).json()
        assert loaded["errors"] == [] and "kept_orders" in {a["key"] for a in loaded["assets"]}
        kept = _kept_dbt(dbt_server)
        assert len(kept) == 1, kept
        second.write_text("select * from {{ ref('stg_customers') }}\n")
        assert "kept_customers" in {a["key"] for a in client.get(url).json()["assets"]}
        assert _kept_dbt(dbt_server) == kept  # the same process parsed again
        # dbt fails: the parse is dagster-dbt's own again, with dbt's error as `dg` shows it
        second.write_text("select * from {{ ref('no_such_model') }}\n")
        errors = client.get(url).json()["errors"]
        assert any("no_such_model" in f"{e['message']} {e.get('detail')}" for e in errors), errors
    finally:
        first.unlink(missing_ok=True)
        second.unlink(missing_ok=True)
    recovered = client.get(url).json()
    assert recovered["errors"] == []
    assert not {"kept_orders", "kept_customers"} & {a["key"] for a in recovered["assets"]}
    assert len(_kept_dbt(dbt_server)) == 1  # started again after the failure


def test_two_loads_of_an_unchanged_dbt_project_give_the_same_definitions(
    shop: tuple[httpx.Client, dict, Path],
) -> None:
    client, project, _root = shop
    loads = []
    for _ in range(2):  # each by a new worker process, from the same files
        restarted = client.post(f"/projects/{project['id']}/worker/restart")
        assert restarted.status_code == 200, restarted.text
        loads.append(client.get(f"/projects/{project['id']}/definitions").json())
    first, second = loads
    assert first["errors"] == [] and first["assets"]
    for how_it_loaded in ("duration_ms", "mode", "reason"):
        first.pop(how_it_loaded, None)
        second.pop(how_it_loaded, None)
    assert _differences(first, second) == [], "\n".join(_differences(first, second))


def test_dbt_is_parsed_again_only_when_its_files_change(
    shop: tuple[httpx.Client, dict, Path],
) -> None:
    client, project, root = shop
    url = f"/projects/{project['id']}/definitions"
    client.get(url)
    states = _state_files(root)
    assert states, "the dbt component's state was built"
    built = [s.stat().st_mtime_ns for s in states]
    # a Python edit elsewhere: the definitions follow, the dbt project is not parsed again
    report = root / project["defs_path"] / "reporting.py"
    report.write_text(report.read_text().replace("'reporting'", "'finance'"))
    after_edit = client.get(url).json()
    assert (
        next(a for a in after_edit["assets"] if a["key"] == "revenue_report")["group"] == "finance"
    )
    assert [s.stat().st_mtime_ns for s in _state_files(root)] == built
    # a new dbt model: parsed again, and the model appears
    model = root / "dbt_shop" / "models" / "big_orders.sql"
    model.write_text("select * from {{ ref('orders') }} where amount > 100\n")
    try:
        keys = {a["key"] for a in client.get(url).json()["assets"]}
        assert "big_orders" in keys
        assert [s.stat().st_mtime_ns for s in _state_files(root)] != built
    finally:
        model.unlink()
    assert "big_orders" not in {a["key"] for a in client.get(url).json()["assets"]}


def test_an_edge_into_a_dbt_model_goes_through_post_processing(
    shop: tuple[httpx.Client, dict, Path],
) -> None:
    client, project, root = shop
    defs = root / project["defs_path"]
    (defs / "events.py").write_text(
        "import dagster as dg\n\n\n@dg.asset\ndef events() -> None: ...\n"
    )
    component = defs / "transform" / "defs.yaml"
    original = component.read_text()
    try:
        response = client.post(
            f"/projects/{project['id']}/lineage",
            json={
                "action": "add",
                "edges": [{"upstream": "events", "downstream": "stg_customers"}],
            },
        )
        assert response.status_code == 200, response.text
        assert response.json()["edits"][0]["how"] == "post_processing deps"
        assert "post_processing:" in component.read_text()
        reference = {
            a["asset_key"]: a.get("dependency_keys", []) for a in dg_list_defs(root)["assets"]
        }
        assert reference["stg_customers"] == ["events", "raw/customers"]
        # the dependency the dbt project itself declares cannot be removed from here
        native = client.post(
            f"/projects/{project['id']}/lineage",
            json={
                "action": "remove",
                "edges": [{"upstream": "raw/customers", "downstream": "stg_customers"}],
            },
        )
        assert native.status_code == 400 and "SQL" in native.json()["detail"]
        removed = client.post(
            f"/projects/{project['id']}/lineage",
            json={
                "action": "remove",
                "edges": [{"upstream": "events", "downstream": "stg_customers"}],
            },
        )
        assert removed.status_code == 200, removed.text
        assert component.read_text() == original
    finally:
        component.write_text(original)
        (defs / "events.py").unlink()


def test_a_near_miss_key_is_found_and_aligned(shop: tuple[httpx.Client, dict, Path]) -> None:
    client, project, root = shop
    folder = root / project["defs_path"] / "ingest"
    folder.mkdir()
    (folder / "ingest.py").write_text("")
    (folder / "defs.yaml").write_text(
        "type: dagster.PythonScriptComponent\nattributes:\n  execution: {path: ingest.py}\n"
        "  assets:\n    - key: raw_customers\n"
    )
    try:
        misses = client.get(f"/projects/{project['id']}/key-alignment").json()
        miss = next(m for m in misses if m["missing"] == "raw/customers")
        assert miss["used_by"] == ["stg_customers"]
        assert miss["candidates"][0]["key"] == "raw_customers"
        fixed = client.post(
            f"/projects/{project['id']}/key-alignment",
            json={"missing": "raw/customers", "candidate": "raw_customers"},
        )
        assert fixed.status_code == 200, fixed.text
        assets = {
            a["key"]: a
            for a in client.get(f"/projects/{project['id']}/definitions").json()["assets"]
        }
        assert (
            assets["raw/customers"]["is_executable"]
            and assets["raw/customers"]["defs_path"] == "ingest"
        )
        assert "raw_customers" not in assets
        assert "raw/customers" not in {
            m["missing"] for m in client.get(f"/projects/{project['id']}/key-alignment").json()
        }
    finally:
        shutil.rmtree(folder)


def test_a_load_while_dbt_is_parsed_again_reads_a_whole_state(
    shop: tuple[httpx.Client, dict, Path],
) -> None:
    """The designer rebuilds the dbt component's state after each model edit; a load of the
    project's definitions running meanwhile reads the state before or after, never one half
    written. The reader is `dagster definitions validate`, which reads the state as it is: every
    `dg` command rebuilds the state itself first, in place (`DAGSTER_IS_DEV_CLI`), so two of them
    at once, or one beside any other writer, can meet each other's half-done folders whatever
    the designer does."""
    client, project, root = shop
    url = f"/projects/{project['id']}/definitions"
    definitions = root / project["defs_path"].rpartition("/")[0] / "definitions.py"
    assert definitions.is_file(), definitions
    stop = threading.Event()
    runs: list[tuple[int, str]] = []

    def load_in_a_loop() -> None:
        env = {k: v for k, v in dg_env(root).items() if k != "DAGSTER_IS_DEV_CLI"}
        command = [str(root / ".venv" / "bin" / "dagster"), "definitions", "validate"]
        while not stop.is_set():
            result = subprocess.run(
                [*command, "-f", str(definitions)],
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            runs.append((result.returncode, (result.stdout + result.stderr)[-2000:]))

    reader = threading.Thread(target=load_in_a_loop)
    reader.start()
    model = root / "dbt_shop" / "models" / "rebuilt_often.sql"
    try:
        edit = 0
        # edits go on until the reader has overlapped several rebuilds
        deadline = time.monotonic() + 900
        while edit < 4 or len(runs) < 8:
            edit += 1
            model.write_text(f"select {edit} as edit from {{{{ ref('orders') }}}}\n")
            answer = client.get(url).json()
            assert "rebuilt_often" in {a["key"] for a in answer["assets"]}, answer["errors"]
            assert time.monotonic() < deadline, f"{len(runs)} loads in {edit} edits"
    finally:
        stop.set()
        reader.join(timeout=900)
        model.unlink(missing_ok=True)
    failures = [stderr for code, stderr in runs if code != 0]
    assert not failures, f"{len(failures)} of {len(runs)} failed; the first:\n{failures[0]}"
