"""A dependency or a check on a key nothing produces is a warning where it is written, with the
keys that look alike and both fixes; a script component whose script is missing is one too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.test_live import live, wait_for
from tests.support import Designer, definitions, written

PRODUCER = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: ingest.py
  assets:
    - key: raw_orders
"""
PYTHON_CONSUMERS = """import dagster as dg


@dg.asset
def orders_clean() -> None: ...


@dg.asset(
    group_name="reports",  # keep this comment
    deps=["raw_order"],
)
def report() -> None: ...


@dg.asset_check(asset='orders_cleen')
def has_rows() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)
"""
YAML_CONSUMERS = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: build.py
  # the summary reads the raw orders
  assets:
    - key: summary
      deps: [raw_order]
  checks:
    - asset: "summary"
      name: not_empty
"""


@pytest.fixture
def dangling(defs_root: Path) -> Iterator[Path]:
    files = {
        "dangling/ingest/defs.yaml": PRODUCER,
        "dangling/ingest/ingest.py": "",
        "dangling/consumers.py": PYTHON_CONSUMERS,
        "dangling/summary/defs.yaml": YAML_CONSUMERS,
        "dangling/summary/build.py": "",
    }
    with written(defs_root, files):
        yield defs_root / "dangling"


def _warnings(api: httpx.Client, project: dict) -> dict[tuple[str, str], dict]:
    loaded = definitions(api, project)
    assert loaded["errors"] == []
    return {(w["key"], w["missing"]): w for w in loaded["warnings"] if w["kind"] == "dangling_key"}


def _place(warning: dict) -> tuple[str, int, str | None, str, int | None]:
    file = warning["file"].split("defs/", 1)[1]
    return file, warning["line"], warning["field"], warning["defs_path"], warning["defs_index"]


def test_dangling_references_are_warnings_where_they_are_written(
    api: httpx.Client, project: dict, dangling: Path
) -> None:
    warnings = _warnings(api, project)
    python_dep = warnings[("report", "raw_order")]
    assert _place(python_dep) == ("dangling/consumers.py", 10, None, "dangling/consumers.py", None)
    assert python_dep["candidates"][0] == {"key": "raw_orders", "score": 0.9}
    assert [(f["fix"], f["candidate"]) for f in python_dep["fixes"]] == [
        ("reference", "raw_orders"),
        ("producer", "raw_orders"),
    ]
    assert "did you mean `raw_orders`" in python_dep["message"]
    python_check = warnings[("orders_cleen:has_rows", "orders_cleen")]
    assert _place(python_check)[:2] == ("dangling/consumers.py", 15)
    assert python_check["candidates"][0]["key"] == "orders_clean"
    # orders_clean is a Python asset: only the reference can be changed by the designer
    assert [f["fix"] for f in python_check["fixes"]] == ["reference"]

    yaml_dep = warnings[("summary", "raw_order")]
    assert _place(yaml_dep) == (
        "dangling/summary/defs.yaml",
        8,
        "assets.0.deps.0",
        "dangling/summary",
        0,
    )
    assert all(w["hint"] for w in warnings.values())


def test_a_saved_form_with_only_warnings_is_ok(
    api: httpx.Client, project: dict, dangling: Path
) -> None:
    response = api.put(
        f"/projects/{project['id']}/defs/dangling/summary",
        json={
            "attributes": {
                "execution": {"path": "build.py"},
                "assets": [{"key": "summary", "deps": ["raw_order"]}],
                "checks": [{"asset": "summary", "name": "not_empty"}],
            }
        },
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["ok"] is True and result["errors"] == []
    assert {(w["key"], w["missing"]) for w in result["warnings"]} >= {
        ("summary", "raw_order"),
        ("report", "raw_order"),
    }


def test_the_reference_fix_renames_what_is_written_and_nothing_else(
    api: httpx.Client, project: dict, dangling: Path
) -> None:
    fixed = api.post(
        f"/projects/{project['id']}/key-alignment",
        json={"missing": "raw_order", "candidate": "raw_orders", "fix": "reference"},
    )
    assert fixed.status_code == 200, fixed.text
    assert sorted(f.split("defs/", 1)[1] for f in fixed.json()["files"]) == [
        "dangling/consumers.py",
        "dangling/summary/defs.yaml",
    ]
    assert (dangling / "consumers.py").read_text() == PYTHON_CONSUMERS.replace(
        '"raw_order"', '"raw_orders"'
    )
    assert (dangling / "summary" / "defs.yaml").read_text() == YAML_CONSUMERS.replace(
        "[raw_order]", "[raw_orders]"
    )
    assets = {a["key"]: a for a in definitions(api, project)["assets"]}
    assert "raw_orders" in assets["report"]["deps"] and "raw_orders" in assets["summary"]["deps"]
    assert "raw_order" not in assets
    remaining = {(w["key"], w["missing"]) for w in definitions(api, project)["warnings"]}
    assert ("report", "raw_order") not in remaining and ("summary", "raw_order") not in remaining


def test_the_producer_fix_renames_the_produced_key(
    api: httpx.Client, project: dict, dangling: Path
) -> None:
    fixed = api.post(
        f"/projects/{project['id']}/key-alignment",
        json={"missing": "raw_order", "candidate": "raw_orders"},
    )
    assert fixed.status_code == 200, fixed.text
    assert "- key: raw_order\n" in (dangling / "ingest" / "defs.yaml").read_text()
    loaded = definitions(api, project)
    assets = {a["key"]: a for a in loaded["assets"]}
    assert assets["raw_order"]["is_executable"] and "raw_orders" not in assets
    assert "raw_order" not in {w.get("missing") for w in loaded["warnings"]}


def test_a_reference_fix_dagster_refuses_is_undone(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    # the only look-alike of the missing key is the asset itself: the fix would make a cycle
    source = (
        "import dagster as dg\n\n\n@dg.asset(deps=['loops_bak'])\ndef loops_back() -> None: ...\n"
    )
    with written(defs_root, {"loops.py": source}):
        fixed = api.post(
            f"/projects/{project['id']}/key-alignment",
            json={"missing": "loops_bak", "candidate": "loops_back", "fix": "reference"},
        )
        assert fixed.status_code == 400, fixed.text
        assert "undone" in fixed.json()["detail"]
        assert (defs_root / "loops.py").read_text() == source
        assert definitions(api, project)["errors"] == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"missing": "nobody_refers", "candidate": "raw_orders", "fix": "reference"}, "Nothing"),
        ({"missing": "raw_order", "candidate": "no_such_asset", "fix": "reference"}, "no asset"),
    ],
)
def test_an_impossible_fix_is_refused_and_changes_nothing(
    api: httpx.Client, project: dict, dangling: Path, body: dict, words: str
) -> None:
    response = api.post(f"/projects/{project['id']}/key-alignment", json=body)
    assert response.status_code == 400, response.text
    assert words in response.json()["detail"]
    assert (dangling / "consumers.py").read_text() == PYTHON_CONSUMERS


def test_an_unknown_fix_is_refused(api: httpx.Client, project: dict) -> None:
    response = api.post(
        f"/projects/{project['id']}/key-alignment",
        json={"missing": "a", "candidate": "b", "fix": "both"},
    )
    assert response.status_code == 422
    assert "detail" in response.json()


def test_a_missing_script_is_a_warning_on_its_instance(
    designer: Designer, api: httpx.Client, project: dict, defs_root: Path
) -> None:
    component = PRODUCER.replace("ingest.py", "gone.py").replace("raw_orders", "scripted")
    with live(designer, project) as ws, written(defs_root, {"scripted/defs.yaml": component}):
        message = wait_for(ws, lambda d: any(w["kind"] == "missing_file" for w in d["warnings"]))
    [warning] = [w for w in message["definitions"]["warnings"] if w["kind"] == "missing_file"]
    assert _place(warning) == ("scripted/defs.yaml", 4, "execution.path", "scripted", 0)
    assert warning["key"] == "scripted"
    assert "defs/scripted/gone.py" in warning["message"]
    assert warning["path"].endswith("defs/scripted/gone.py") and warning["path"].startswith("src/")
    assert message["definitions"]["errors"] == []
