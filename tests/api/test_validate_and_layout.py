"""`dg check defs` from the designer, and canvas positions in .dagster-designer/."""

from __future__ import annotations

import json
from pathlib import Path

import httpx


def test_validate_runs_dg_check_defs(api: httpx.Client, project: dict, defs_root: Path) -> None:
    ok = api.post(f"/projects/{project['id']}/validate").json()
    assert ok["ok"] is True, ok["output"]
    assert "All definitions loaded successfully" in ok["output"]
    bad = defs_root / "typo.py"
    bad.write_text("import dagster as dg\n\n\n@dg.assett\ndef x(): ...\n")
    try:
        failed = api.post(f"/projects/{project['id']}/validate").json()
    finally:
        bad.unlink()
    assert failed["ok"] is False
    assert any(
        e["file"] and e["file"].endswith("typo.py") and e["line"] == 4 for e in failed["errors"]
    )


def test_positions_persist_in_a_mergeable_file(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    url = f"/projects/{project['id']}/layout"
    api.put(url, json={"positions": {"b_node": {"x": 10, "y": 20}, "a_node": {"x": 1.5, "y": -3}}})
    api.put(url, json={"positions": {"c_node": {"x": 0, "y": 0}, "b_node": None}})
    assert api.get(url).json()["positions"] == {
        "a_node": {"x": 1.5, "y": -3},
        "c_node": {"x": 0, "y": 0},
    }
    text = (project_root / ".dagster-designer" / "layout.json").read_text()
    assert json.loads(text)["version"] == 1
    # one node per line, sorted: concurrent edits of different nodes merge in git
    lines = [line.strip() for line in text.splitlines() if '"x"' in line]
    assert lines == ['"a_node": {"x": 1.5, "y": -3},', '"c_node": {"x": 0, "y": 0}']
    bad = api.put(url, json={"positions": {"n": {"x": "left"}}})
    assert bad.status_code == 422
