"""Where top-level definitions start: one parse per version of a file answers for every name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dagster_designer.worker import statement_lines, top_level
from dagster_designer.worker.project import ProjectInfo

MODULE = """import dagster as dg


@dg.asset
def first() -> None: ...


@dg.asset(name="renamed")
def second() -> None: ...


daily = dg.ScheduleDefinition("daily_schedule", cron_schedule="@daily", target="*")
first = None
"""


@pytest.fixture
def project(tmp_path: Path) -> ProjectInfo:
    defs = tmp_path / "src" / "p" / "defs"
    defs.mkdir(parents=True)
    return ProjectInfo(tmp_path, "p", "p.defs", "p.definitions", defs, ())


def test_first_lines_agree_with_definition_named_for_every_name() -> None:
    lines = top_level.first_lines(MODULE)
    assert lines == {"first": 4, "second": 8, "renamed": 8, "daily": 12, "daily_schedule": 12}
    for name, line in lines.items():
        found = top_level.definition_named(MODULE, name)
        assert found is not None and found.start == line


def test_a_module_is_parsed_once_per_version(
    project: ProjectInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = project.defs_root / "assets.py"
    file.write_text(MODULE)
    parses = []
    real = top_level.first_lines
    monkeypatch.setattr(top_level, "first_lines", lambda s: parses.append(1) or real(s))
    placed = [statement_lines.statement_line(project, file, n) for n in ("first", "renamed")]
    assert placed == ["src/p/defs/assets.py:4", "src/p/defs/assets.py:8"]
    assert statement_lines.statement_line(project, file, "nothing") is None
    assert len(parses) == 1


def test_an_edit_that_keeps_size_and_mtime_is_read_again(project: ProjectInfo) -> None:
    file = project.defs_root / "same.py"
    file.write_text(MODULE)
    before = file.stat()
    assert statement_lines.statement_line(project, file, "first") == "src/p/defs/same.py:4"
    edited = MODULE.replace("def first", "def frist").replace("first = None", "frist = None")
    file.write_text(edited)
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert file.stat().st_size == before.st_size
    assert statement_lines.statement_line(project, file, "first") is None
    assert statement_lines.statement_line(project, file, "frist") == "src/p/defs/same.py:4"


def test_a_broken_or_missing_module_places_nothing(project: ProjectInfo) -> None:
    broken = project.defs_root / "broken.py"
    broken.write_text("def oops(:\n")
    assert statement_lines.statement_line(project, broken, "oops") is None
    assert statement_lines.statement_line(project, project.defs_root / "gone.py", "x") is None
