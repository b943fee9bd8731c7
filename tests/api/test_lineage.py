"""Drawing and deleting edges edits the files the way Dagster supports it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import dg_list_defs, written

ASSETS = """import dagster as dg


@dg.asset
def lin_a() -> None: ...


@dg.asset(group_name="lineage")  # keep this comment
def lin_b() -> None: ...


@dg.asset(deps=[lin_a])
def lin_c() -> None: ...
"""
COMPONENT = """type: dagster.PythonScriptComponent

# the script that builds lin_y
attributes:
  execution:
    path: lin_script.py
  assets:
    - key: lin_y
      kinds: [python]
"""


@pytest.fixture
def lineage(defs_root: Path) -> Iterator[Path]:
    files = {
        "lineage/assets.py": ASSETS,
        "lineage/script/lin_script.py": "",
        "lineage/script/defs.yaml": COMPONENT,
    }
    with written(defs_root, files):
        yield defs_root / "lineage"


def _edit(api: httpx.Client, project: dict, action: str, *edges: tuple[str, str]) -> httpx.Response:
    return api.post(
        f"/projects/{project['id']}/lineage",
        json={"action": action, "edges": [{"upstream": u, "downstream": d} for u, d in edges]},
    )


def _deps(api: httpx.Client, project: dict, key: str) -> list[str]:
    assets = api.get(f"/projects/{project['id']}/definitions").json()["assets"]
    return next(a["deps"] for a in assets if a["key"] == key)


def test_python_and_yaml_edges_are_drawn_and_deleted(
    api: httpx.Client, project: dict, project_root: Path, lineage: Path
) -> None:
    response = _edit(api, project, "add", ("lin_b", "lin_c"), ("lin_a", "lin_y"))
    assert response.status_code == 200, response.text
    assert [e["how"] for e in response.json()["edits"]] == ["python deps", "asset spec deps"]
    source = (lineage / "assets.py").read_text()
    assert "@dg.asset(deps=[lin_a, lin_b])" in source
    assert "# keep this comment" in source
    assert "      deps: [lin_a]\n" in (lineage / "script" / "defs.yaml").read_text()
    assert "# the script that builds lin_y" in (lineage / "script" / "defs.yaml").read_text()
    assert _deps(api, project, "lin_c") == ["lin_a", "lin_b"]
    assert _deps(api, project, "lin_y") == ["lin_a"]
    # what Dagster's own CLI sees
    reference = {
        a["asset_key"]: a.get("dependency_keys", []) for a in dg_list_defs(project_root)["assets"]
    }
    assert reference["lin_c"] == ["lin_a", "lin_b"] and reference["lin_y"] == ["lin_a"]

    response = _edit(api, project, "remove", ("lin_a", "lin_c"), ("lin_a", "lin_y"))
    assert response.status_code == 200, response.text
    assert _deps(api, project, "lin_c") == ["lin_b"]
    assert _deps(api, project, "lin_y") == []
    assert (lineage / "script" / "defs.yaml").read_text() == COMPONENT


@pytest.mark.parametrize(
    ("action", "edge", "words"),
    [
        ("add", ("lin_c", "lin_a"), "cycle"),
        ("add", ("lin_a", "lin_a"), "itself"),
        ("add", ("nope", "lin_c"), "no asset `nope`"),
        ("remove", ("lin_b", "lin_a"), "does not depend"),
    ],
)
def test_impossible_edges_are_refused_and_change_nothing(
    api: httpx.Client, project: dict, lineage: Path, action: str, edge: tuple[str, str], words: str
) -> None:
    response = _edit(api, project, action, edge)
    assert response.status_code == 400
    assert words in response.json()["detail"]
    assert (lineage / "assets.py").read_text() == ASSETS


def test_a_batch_is_all_or_nothing(api: httpx.Client, project: dict, lineage: Path) -> None:
    response = _edit(api, project, "add", ("lin_a", "lin_b"), ("lin_b", "lin_a"))
    assert response.status_code == 400
    assert (lineage / "assets.py").read_text() == ASSETS
