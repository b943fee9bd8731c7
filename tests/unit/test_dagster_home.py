"""The project's Dagster instance folder is made once and kept out of git, losslessly."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_designer.project_files.dagster_home import DAGSTER_HOME, ignore_in_git, prepare


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b".venv\n# caches\n", b".venv\n# caches\n.dagster-designer/dagster_home\n"),
        (b".venv", b".venv\n.dagster-designer/dagster_home\n"),
        (b".venv\r\n", b".venv\r\n.dagster-designer/dagster_home\r\n"),
        (b"", b".dagster-designer/dagster_home\n"),
        (b"x\n/.dagster-designer/\n", b"x\n/.dagster-designer/\n"),
        (b".dagster-designer/dagster_home\n", b".dagster-designer/dagster_home\n"),
    ],
)
def test_the_instance_line_is_appended_once(tmp_path: Path, before: bytes, after: bytes) -> None:
    gitignore = tmp_path / ".gitignore"
    gitignore.write_bytes(before)
    ignore_in_git(gitignore)
    ignore_in_git(gitignore)
    assert gitignore.read_bytes() == after


def test_no_gitignore_gets_none_and_a_link_is_not_written_through(tmp_path: Path) -> None:
    ignore_in_git(tmp_path / ".gitignore")
    assert not (tmp_path / ".gitignore").exists()
    target = tmp_path / "elsewhere"
    target.write_bytes(b".venv\n")
    (tmp_path / ".gitignore").symlink_to(target)
    ignore_in_git(tmp_path / ".gitignore")
    assert target.read_bytes() == b".venv\n"


def test_prepare_makes_the_folder_with_an_empty_config(tmp_path: Path) -> None:
    home = prepare(tmp_path)
    assert home == tmp_path / DAGSTER_HOME
    assert (home / "dagster.yaml").read_text() == ""
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    prepare(tmp_path)
    assert (home / "dagster.yaml").read_text() == "telemetry:\n  enabled: false\n"
