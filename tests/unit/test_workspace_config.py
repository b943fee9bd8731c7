"""Reading a dg workspace made by create-dagster: its projects' paths, each confined to the
workspace folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dagster_designer.project_files.workspace_config import (
    NotAWorkspaceError,
    load_workspace_config,
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    create = Path(sys.executable).parent / "create-dagster"
    subprocess.run(
        [str(create), "workspace", "lakehouse", "--no-uv-sync"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "DAGSTER_DG_UPDATE_CHECK_ENABLED": "0"},
        capture_output=True,
        check=True,
        timeout=300,
    )
    return tmp_path / "lakehouse"


def _list(workspace: Path, *paths: str) -> None:
    with (workspace / "dg.toml").open("a") as toml:
        for path in paths:
            toml.write(f'\n[[workspace.projects]]\npath = "{path}"\n')


def test_a_new_workspace_has_no_projects_and_is_named_by_its_folder(workspace: Path) -> None:
    config = load_workspace_config(workspace)
    assert (config.name, config.entries) == ("lakehouse", ())


def test_projects_are_read_in_order_relative_to_the_workspace(workspace: Path) -> None:
    (workspace / "projects" / "sales").mkdir()
    _list(workspace, "projects/sales", "projects/missing")
    sales, missing = load_workspace_config(workspace).entries
    assert (sales.name, sales.root, sales.refused) == ("sales", workspace / "projects/sales", None)
    assert (missing.name, missing.root) == ("missing", workspace / "projects/missing")


def test_an_entry_leading_out_is_refused_with_why(workspace: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (workspace / "projects" / "linked").symlink_to(tmp_path / "elsewhere")
    _list(workspace, "../elsewhere", "projects/linked", str(tmp_path / "elsewhere"))
    dots, linked, absolute = load_workspace_config(workspace).entries
    for entry in (dots, linked, absolute):
        assert entry.root is None
        assert f"`{entry.path}` is refused" in (entry.refused or "")
        assert "only projects inside its folder" in (entry.refused or "")
    assert "`..` is not allowed" in (dots.refused or "")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('directory_type = "workspace"\n[workspace\n', "not valid TOML"),
        ('directory_type = "workspace"\nworkspace = 3\n', "must be a table"),
        ('directory_type = "workspace"\n[workspace]\nprojects = "a"\n', "must be a list"),
        ('directory_type = "workspace"\n[[workspace.projects]]\nname = "a"\n', "needs a `path`"),
        ('directory_type = "project"\n', 'does not set directory_type = "workspace"'),
    ],
)
def test_a_config_dg_cannot_read_says_why(workspace: Path, text: str, says: str) -> None:
    (workspace / "dg.toml").write_text(text)
    with pytest.raises(NotAWorkspaceError, match=says.replace("(", r"\(")):
        load_workspace_config(workspace)


def test_a_folder_without_dg_toml_is_no_workspace(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceError, match="create-dagster workspace NAME"):
        load_workspace_config(tmp_path)
