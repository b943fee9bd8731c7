"""Paths the file system cannot take, and moves that would take the project apart: clear 4xx
answers that change nothing, never a 500."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

LONG_NAME = "n" * 300
LONG_PATH = "/".join(["deep"] * 1100)  # every name short, the path over 4096 bytes


@pytest.mark.parametrize("path", [LONG_NAME, f"notes/{LONG_NAME}.md", LONG_PATH])
def test_too_long_paths_are_refused_by_every_route(
    api: httpx.Client, project: dict, project_root: Path, path: str
) -> None:
    base = f"/projects/{project['id']}"
    answers = {
        "read": api.get(f"{base}/files/{path}"),
        "write": api.put(f"{base}/files/{path}", content="x"),
        "create": api.put(f"{base}/files/{path}", content="x", headers={"If-None-Match": "*"}),
        "delete": api.delete(f"{base}/files/{path}"),
        "folder": api.post(f"{base}/folders/{path}"),
        "move from": api.post(f"{base}/moves", json={"from": path, "to": "x"}),
        "move to": api.post(f"{base}/moves", json={"from": "README.md", "to": path}),
        "instance": api.get(f"{base}/defs/{path}"),
        "format": api.post(f"{base}/python/format", json={"path": path, "source": "x = 1\n"}),
    }
    for route, answer in answers.items():
        assert answer.status_code == 400, (route, answer.text)
        assert "too long" in answer.json()["detail"], (route, answer.text)
    assert (project_root / "README.md").is_file() and not (project_root / "deep").exists()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (".", "x"),
        ("./", "x"),
        ("src/..", "x"),
        ("README.md", "."),
        ("README.md", ".git/README.md"),
        ("README.md", ".venv/README.md"),
        ("src", "src/inner/src"),
    ],
)
def test_moves_that_would_take_the_project_apart_are_refused(
    api: httpx.Client, project: dict, project_root: Path, source: str, target: str
) -> None:
    before = sorted(p.name for p in project_root.iterdir())
    moved = api.post(f"/projects/{project['id']}/moves", json={"from": source, "to": target})
    assert moved.status_code in (400, 409), moved.text
    assert moved.json()["detail"]
    assert sorted(p.name for p in project_root.iterdir()) == before
    assert (project_root / "README.md").is_file()


def test_the_project_folder_cannot_be_deleted_or_made(api: httpx.Client, project: dict) -> None:
    for path in ("%2E", "."):
        deleted = api.delete(f"/projects/{project['id']}/files/{path}?recursive=true")
        assert deleted.status_code in (400, 404, 405), deleted.text
        made = api.post(f"/projects/{project['id']}/folders/{path}")
        assert made.status_code in (400, 404, 405), made.text
    assert Path(project["path"], "pyproject.toml").is_file()


def test_a_defs_file_that_is_not_utf8_is_listed_with_its_error(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "latin1_component"
    folder.mkdir()
    (folder / "defs.yaml").write_bytes(b"type: dagster.PythonScriptComponent\n# caf\xe9\n")
    try:
        listed = api.get(f"/projects/{project['id']}/defs")
        assert listed.status_code == 200, listed.text
        instance = next(i for i in listed.json() if i["path"] == "latin1_component")
        assert "utf-8" in instance["error"].lower()
    finally:
        shutil.rmtree(folder)


def test_names_that_are_not_utf8_do_not_break_listings(
    api: httpx.Client, project: dict, project_root: Path, defs_root: Path
) -> None:
    odd_name = os.fsdecode(b"caf\xe9")
    odd_file = project_root / f"{odd_name}.txt"
    odd_component = defs_root / odd_name
    odd_file.write_text("odd\n")
    odd_component.mkdir()
    (odd_component / "defs.yaml").write_text("type: dagster.PythonScriptComponent\n")
    base = f"/projects/{project['id']}"
    try:
        for url in (f"{base}/files", f"{base}/defs", f"{base}/search?q=odd"):
            answer = api.get(url)
            assert answer.status_code == 200, (url, answer.text)
    finally:
        odd_file.unlink()
        shutil.rmtree(odd_component)
