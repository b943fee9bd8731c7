"""Project names, definition paths and path confinement."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_designer.workspace.names import (
    InvalidName,
    module_name,
    validate_defs_path,
    validate_project_name,
)
from dagster_designer.workspace.paths import PathRejected, confine


@pytest.mark.parametrize("name", ["sales_analytics", "Sales2", "my-pipeline", "a"])
def test_good_project_names(tmp_path: Path, name: str) -> None:
    assert validate_project_name(name, tmp_path) == name


def test_hyphens_become_underscores_in_the_module() -> None:
    assert module_name("my-pipeline") == "my_pipeline"


@pytest.mark.parametrize(
    "name", ["", " x", "a b", "../x", "x/y", "..", "def", "os", "dagster_dbt", "_x", "é"]
)
def test_bad_project_names(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidName):
        validate_project_name(name, tmp_path)


def test_existing_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(InvalidName, match="already exists"):
        validate_project_name("taken", tmp_path)


@pytest.mark.parametrize("path", ["ingest", "ingest/orders", "assets/orders.py", "a_1/b_2.py"])
def test_good_defs_paths(path: str) -> None:
    assert validate_defs_path(path, python_file=path.endswith(".py")) == path


@pytest.mark.parametrize(
    "path", ["", "/abs", "a//b", "a/../b", "has space", "1abc", "class/x", "ü", "a\\b"]
)
def test_bad_defs_paths(path: str) -> None:
    with pytest.raises(InvalidName):
        validate_defs_path(path, python_file=False)


def test_confine_accepts_inner_paths(tmp_path: Path) -> None:
    assert confine(tmp_path, "a/b.txt") == (tmp_path / "a" / "b.txt").resolve()


@pytest.mark.parametrize(
    "path", ["../x", "a/../../x", "/etc/passwd", "~/x", "", "a\x00b", ".git/config", ".venv/x"]
)
def test_confine_refuses_escapes(tmp_path: Path, path: str) -> None:
    with pytest.raises(PathRejected):
        confine(tmp_path, path)


def test_confine_refuses_symlinks_out(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "out").symlink_to(tmp_path)
    with pytest.raises(PathRejected, match="symlink"):
        confine(root, "out/secret")
