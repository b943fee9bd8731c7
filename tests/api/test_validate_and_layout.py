"""`dg check defs` from the designer, and canvas positions in .dagster-designer/."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest


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


# A number JSON cannot hold and a body of too many values are refused by the server's body gate
# (400) before the route reads them; the route refuses the rest (422).
@pytest.mark.parametrize(
    ("positions", "status"),
    [
        ({"n": {"x": 1e400, "y": 0}}, 400),
        ({"n": {"x": 0, "y": -1e400}}, 400),
        ({"n": {"x": 1e300, "y": 0}}, 422),
        ({"x" * 1001: {"x": 0, "y": 0}}, 422),
        ({"": {"x": 0, "y": 0}}, 422),
        ({f"n{i}": {"x": i, "y": 0} for i in range(20_001)}, 400),
    ],
    ids=["infinite", "minus-infinite", "huge", "long-id", "empty-id", "too-many"],
)
def test_positions_that_cannot_be_read_back_are_refused(
    api: httpx.Client, project: dict, project_root: Path, positions: dict, status: int
) -> None:
    url = f"/projects/{project['id']}/layout"
    assert api.put(url, json={"positions": {"kept": {"x": 5, "y": 6}}}).status_code == 200
    layout = project_root / ".dagster-designer" / "layout.json"
    before = layout.read_bytes()
    body = json.dumps({"positions": positions}).replace("Infinity", "1e400")
    refused = api.put(url, content=body, headers={"Content-Type": "application/json"})
    assert refused.status_code == status, refused.text
    assert refused.json()["detail"]
    assert layout.read_bytes() == before
    assert api.get(url).json()["positions"]["kept"] == {"x": 5, "y": 6}


def test_large_coordinates_read_back_exactly(api: httpx.Client, project: dict) -> None:
    url = f"/projects/{project['id']}/layout"
    positions = {"far": {"x": 123456789.5, "y": -987654.3}, "near": {"x": 0.25, "y": 1e-9}}
    api.put(url, json={"positions": positions})
    got = api.get(url).json()["positions"]
    assert got["far"] == {"x": 123456789.5, "y": -987654.3}
    assert got["near"] == {"x": 0.2, "y": 0}


@pytest.mark.parametrize(
    "text",
    [
        '{"version": 1, "positions": {"a": {"x": inf, "y": 0}}}\n',
        "<<<<<<< HEAD\n",
        '["not", "positions"]\n',
        '{"version": 1, "positions": {"a": {"x": "left", "y": 0}}}\n',
        '{"version": 1, "positions": {}, "viewport": {"zoom": 2}}\n',
    ],
    ids=["inf", "merge-conflict", "list", "bad-position", "unknown-key"],
)
def test_a_layout_file_that_does_not_read_is_never_replaced_by_a_save(
    api: httpx.Client, project: dict, project_root: Path, text: str
) -> None:
    url = f"/projects/{project['id']}/layout"
    layout = project_root / ".dagster-designer" / "layout.json"
    layout.parent.mkdir(exist_ok=True)
    layout.write_text(text)
    try:
        for answer in (api.get(url), api.put(url, json={"positions": {"b": {"x": 1, "y": 2}}})):
            assert answer.status_code == 409, answer.text
            assert ".dagster-designer/layout.json" in answer.json()["detail"]
        assert layout.read_text() == text
    finally:
        layout.unlink()
    # without the file a save starts a new one
    assert api.put(url, json={"positions": {"b": {"x": 1, "y": 2}}}).status_code == 200
    assert api.get(url).json()["positions"] == {"b": {"x": 1, "y": 2}}
