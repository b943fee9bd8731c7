"""Project names, definition paths and path confinement."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dagster_designer.project_files.names import (
    InvalidName,
    module_name,
    validate_defs_path,
    validate_project_name,
)
from dagster_designer.project_files.paths import PathRejected, confine, walk


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


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A project with links of every kind, beside a folder outside it."""
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "a.py").write_text("a = 1\n")
    (root / ".git" / "hooks").mkdir(parents=True)
    (root / ".venv").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("secret\n")
    for name, target in {
        "to_src": "src",
        "to_file": "src/a.py",
        "to_root": ".",
        "dangling_in": "missing.txt",
        "to_outside": str(tmp_path / "outside"),
        "dangling_out": str(tmp_path / "outside" / "missing.txt"),
        "to_git": ".git",
        "hooks": ".git/hooks",
        "to_venv": ".venv",
        "loop_a": "loop_b",
        "loop_b": "loop_a",
    }.items():
        (root / name).symlink_to(target)
    return root


@pytest.mark.parametrize(
    ("path", "real"),
    [
        ("to_src", "src"),
        ("to_src/a.py", "src/a.py"),
        ("to_file", "src/a.py"),
        ("to_root/src/a.py", "src/a.py"),
        ("dangling_in", "missing.txt"),
        ("to_src/new/b.py", "src/new/b.py"),
    ],
)
def test_links_that_stay_inside_are_followed(linked: Path, path: str, real: str) -> None:
    assert confine(linked, path) == linked.resolve() / real


@pytest.mark.parametrize(
    "path",
    [
        "to_outside",
        "to_outside/secret.txt",
        "dangling_out",
        "to_git",
        "to_git/config",
        "hooks/pre-commit",
        "to_venv/bin/python",
        "to_root/.git/config",
        "loop_a",
        "loop_b/x",
    ],
)
def test_links_that_leave_are_never_followed(linked: Path, path: str) -> None:
    with pytest.raises(PathRejected):
        confine(linked, path)


@pytest.mark.parametrize(
    "name", ["to_outside", "dangling_out", "to_git", "hooks", "to_venv", "loop_a", "to_root"]
)
def test_without_following_a_link_is_an_object_of_its_own(linked: Path, name: str) -> None:
    assert confine(linked, name, follow=False) == linked.resolve() / name
    with pytest.raises(PathRejected):
        confine(linked, f"{name}/.git/x" if name == "to_root" else f"{name}/x", follow=False)


def test_special_files_are_refused_and_never_walked(linked: Path) -> None:
    os.mkfifo(linked / "pipe")
    (linked / "to_pipe").symlink_to("pipe")
    for path in ("pipe", "to_pipe"):
        with pytest.raises(PathRejected, match="FIFO"):
            confine(linked, path)
    assert confine(linked, "pipe", follow=False) == linked.resolve() / "pipe"
    walked = {relative for relative, _entry in walk(linked, lambda name: name == ".git")}
    assert "pipe" not in walked and "to_pipe" in walked
    # links are listed, never walked into: no loop, nothing from outside
    assert walked == {
        "src",
        "src/a.py",
        ".venv",
        "to_pipe",
        *(p.name for p in linked.iterdir() if p.is_symlink() and p.name != "to_pipe"),
    }


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("n" * 256, "too long"),
        ("/".join(["d"] * 2100), "too long"),
        (".", "project folder itself"),
        ("./", "project folder itself"),
        ("src/a.py/b", "is a file, not a folder"),
        ("src/a.py/b/c", "is a file, not a folder"),
        ("x\udc80", "not valid text"),
    ],
)
def test_paths_the_file_system_cannot_take_are_refused(linked: Path, path: str, words: str) -> None:
    for follow in (True, False):
        with pytest.raises(PathRejected, match=words):
            confine(linked, path, follow=follow)
