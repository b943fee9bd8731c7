"""What the stat snapshot of a project names as changed between two scans."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dagster_designer.processes.snapshot import changed_paths, scan

SECOND = 1_000_000_000  # in nanoseconds


def _names(root: Path, paths: list[str]) -> list[str]:
    return [Path(path).relative_to(root).as_posix() for path in paths]


def _changes(root: Path, before: dict[str, tuple[int, int]]) -> list[str]:
    return _names(root, changed_paths(before, scan(root)))


def test_files_added_removed_and_modified_by_time_or_size_are_named(tmp_path: Path) -> None:
    defs = tmp_path / "defs"
    defs.mkdir()
    for name in ("kept.py", "gone.py", "touched.py", "grown.py"):
        (defs / name).write_text("x = 1\n")
    before = scan(tmp_path)
    (defs / "new.py").write_text("x = 1\n")
    (defs / "gone.py").unlink()
    touched = (defs / "touched.py").stat()
    os.utime(defs / "touched.py", ns=(touched.st_atime_ns, touched.st_mtime_ns + SECOND))
    grown = (defs / "grown.py").stat()
    (defs / "grown.py").write_text("x = 10\n")  # a new size in the same instant
    os.utime(defs / "grown.py", ns=(grown.st_atime_ns, grown.st_mtime_ns))
    assert _changes(tmp_path, before) == [
        "defs/gone.py",
        "defs/grown.py",
        "defs/new.py",
        "defs/touched.py",
    ]
    assert changed_paths(scan(tmp_path), scan(tmp_path)) == []


def test_a_file_replaced_by_a_folder_is_gone_and_the_folder_content_is_new(
    tmp_path: Path,
) -> None:
    (tmp_path / "assets.py").write_text("x = 1\n")
    before = scan(tmp_path)
    (tmp_path / "assets.py").unlink()
    (tmp_path / "assets.py").mkdir()
    (tmp_path / "assets.py" / "inner.py").write_text("x = 1\n")
    assert _changes(tmp_path, before) == ["assets.py", "assets.py/inner.py"]
    before = scan(tmp_path)
    shutil.rmtree(tmp_path / "assets.py")
    (tmp_path / "assets.py").write_text("x = 1\n")
    assert _changes(tmp_path, before) == ["assets.py", "assets.py/inner.py"]


def test_a_link_is_stamped_as_itself_and_never_walked_into(tmp_path: Path) -> None:
    root, outside = tmp_path / "project", tmp_path / "outside"
    (root / "defs").mkdir(parents=True)
    outside.mkdir()
    (outside / "far.py").write_text("x = 1\n")
    for name in ("target1.py", "target2.py"):
        (root / "defs" / name).write_text("x = 1\n")
    (root / "defs" / "alias.py").symlink_to("target1.py")
    (root / "defs" / "here").symlink_to(root / "defs")
    (root / "defs" / "away").symlink_to(outside)
    before = scan(root)
    assert sorted(_names(root, list(before))) == [
        "defs/alias.py",
        "defs/away",
        "defs/here",
        "defs/target1.py",
        "defs/target2.py",
    ]
    # the target changes at its own place; the link, a name for it, does not
    (root / "defs" / "target1.py").write_text("x = 100\n")
    (outside / "far.py").write_text("x = 100\n")
    (outside / "near.py").write_text("x = 1\n")
    assert _changes(root, before) == ["defs/target1.py"]
    # a link pointed elsewhere is a changed file, even with a name of the same length
    before = scan(root)
    (root / "defs" / "alias.py").unlink()
    (root / "defs" / "alias.py").symlink_to("target2.py")
    stamp = os.lstat(root / "defs" / "alias.py")
    old_mtime = before[str(root / "defs" / "alias.py")][0]
    os.utime(
        root / "defs" / "alias.py",
        ns=(stamp.st_atime_ns, old_mtime + SECOND),
        follow_symlinks=False,
    )
    assert _changes(root, before) == ["defs/alias.py"]


IGNORED = [
    ".venv/lib/site.py",
    "venv/lib/site.py",
    ".git/HEAD",
    "__pycache__/assets.cpython-311.pyc",
    "node_modules/x/index.js",
    ".dagster-designer/layout.json",
    ".tmp_dagster_home_1/storage.db",
    "dbt/target/manifest.json",
    "dbt/logs/dbt.log",
    "defs/assets.pyc",
    "defs/.assets.py.swp",
    "defs/assets.py~",
    "defs/.#assets.py",
    "defs/.assets.py.1234.tmp",
    "warehouse.duckdb",
    "run.log",
]


def test_environments_caches_and_tool_outputs_are_never_scanned(tmp_path: Path) -> None:
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "assets.py").write_text("x = 1\n")
    for name in IGNORED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("1")
    before = scan(tmp_path)
    assert _names(tmp_path, list(before)) == ["defs/assets.py"]
    for name in IGNORED:
        (tmp_path / name).write_text("changed")
    (tmp_path / ".venv" / "lib" / "added.py").write_text("1")
    assert _changes(tmp_path, before) == []


@pytest.mark.parametrize("outer", ["logs", "target", ".venv", "node_modules"])
def test_a_project_inside_a_folder_of_an_ignored_name_is_scanned(
    tmp_path: Path, outer: str
) -> None:
    root = tmp_path / outer / "project"
    (root / "defs").mkdir(parents=True)
    before = scan(root)
    (root / "defs" / "assets.py").write_text("x = 1\n")
    assert _changes(root, before) == ["defs/assets.py"]
