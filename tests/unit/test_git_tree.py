"""A commit's files, read with real git in throwaway repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_designer.processes.git import tree as git_tree
from dagster_designer.project_files.config import ProjectConfig
from tests.support import git, run_async


def config_of(root: Path) -> ProjectConfig:
    root.mkdir(parents=True, exist_ok=True)
    return ProjectConfig(
        root=root,
        name=root.name,
        root_module="p",
        defs_module="p.defs",
        target_module="p.definitions",
        registry_modules=(),
    )


def test_a_folder_that_is_no_repository(tmp_path: Path) -> None:
    with pytest.raises(git_tree.NotARepository, match="not in a git repository"):
        run_async(git_tree.resolve(config_of(tmp_path / "p"), "HEAD"))


def test_head_before_the_first_commit_names_none_and_other_refs_nothing(tmp_path: Path) -> None:
    config = config_of(tmp_path / "p")
    git(config.root, "init", "--initial-branch=main")
    assert run_async(git_tree.resolve(config, "HEAD")) is None
    with pytest.raises(git_tree.UnknownRef, match="`main` names no commit"):
        run_async(git_tree.resolve(config, "main"))


def test_the_commit_files_not_the_working_tree(tmp_path: Path) -> None:
    config = config_of(tmp_path / "repo" / "project")
    top = config.root.parent
    git(top, "init", "--initial-branch=main")
    (top / "elsewhere.txt").write_text("not the project's\n")
    git(top, "add", "-A")
    git(top, "commit", "-m", "Before the project")
    first = git(top, "rev-parse", "HEAD")
    (config.root / "src").mkdir()
    (config.root / "src" / "module.py").write_text("VALUE = 1\n")
    git(top, "add", "-A")
    git(top, "commit", "-m", "The project")
    (config.root / "src" / "module.py").write_text("VALUE = 2\n")
    (config.root / "untracked.py").write_text("")
    commit = run_async(git_tree.resolve(config, "HEAD"))
    assert commit == git(top, "rev-parse", "HEAD")
    into = tmp_path / "into"
    into.mkdir()
    folder = run_async(git_tree.materialise(config, commit, into))
    assert folder == into / "project"
    assert (folder / "src" / "module.py").read_text() == "VALUE = 1\n"
    # only the project's folder, and nothing of the working tree or the archive
    assert sorted(p.relative_to(into).as_posix() for p in into.rglob("*")) == [
        "project",
        "project/src",
        "project/src/module.py",
    ]
    # a commit from before the project came into the repository has none of it
    other = tmp_path / "other"
    other.mkdir()
    assert run_async(git_tree.materialise(config, first, other)) is None
    assert list(other.iterdir()) == []
