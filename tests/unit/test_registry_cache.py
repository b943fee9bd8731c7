"""The component types are listed once per state of the project's environment: kept in memory
and on disk, listed again when the environment changes, once however many ask at a time."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dagster_designer.processes import spawn
from dagster_designer.project_files.config import ProjectConfig
from dagster_designer.services.registry_cache import RegistryCache
from tests.support import run_async

FAKE_WORKER = Path(__file__).resolve().parent.parent / "fake_worker.py"
TYPES = [{"key": "fake.Component"}]
SECOND = 1_000_000_000  # in nanoseconds


class Project:
    """A project folder with an environment, and a registry cache over it whose one-shot
    process is the fake worker, counting its runs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / ".venv" / "lib" / "python3.11" / "site-packages"
        self.site.mkdir(parents=True)
        (root / "pyproject.toml").write_text("[tool.dg]\n")
        (root / "proj" / "defs").mkdir(parents=True)
        (root / "proj" / "components.py").write_text("x = 1\n")
        (root / "proj" / "defs" / "assets.py").write_text("x = 1\n")
        self.config = ProjectConfig(root, "proj", "proj", "proj.defs", "proj.definitions", ())
        self.cache_dir = root.parent / "cache"
        self.runs_file = root.parent / "runs"
        self.runs_file.touch()

    def cache(self) -> RegistryCache:
        return RegistryCache(
            self.config,
            self.cache_dir,
            timeout=60,
            memory_mb=0,
            command=lambda: (
                [sys.executable, "-I", "-S", str(FAKE_WORKER), "registry", str(self.runs_file)],
                spawn.child_environment(),
            ),
        )

    @property
    def runs(self) -> int:
        return len(self.runs_file.read_text().splitlines())


def _later(path: Path) -> None:
    """A new modification time, as an install or an edit gives."""
    stamp = path.stat()
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + SECOND))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "project").mkdir()
    return Project(tmp_path / "project")


def test_the_types_are_listed_once_while_the_environment_is_unchanged(project: Project) -> None:
    cache = project.cache()
    assert run_async(cache.types()) == TYPES
    assert run_async(cache.types()) == TYPES
    assert project.runs == 1
    # a new server reads them from disk
    assert run_async(project.cache().types()) == TYPES
    assert project.runs == 1
    # the project's definitions are not its environment
    (project.root / "proj" / "defs" / "assets.py").write_text("x = 2222\n")
    assert run_async(cache.types()) == TYPES
    assert project.runs == 1


CHANGES: dict[str, Callable[[Project], None]] = {
    "a package installed": lambda p: _later(p.site),
    "pyproject.toml edited": lambda p: _later(p.root / "pyproject.toml"),
    "uv.lock written": lambda p: (p.root / "uv.lock").write_text("version = 1\n"),
    "a component module edited": lambda p: (p.root / "proj" / "components.py").write_text(
        "x = 22\n"
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_the_types_are_listed_again_after_the_environment_changes(
    project: Project, change: str
) -> None:
    cache = project.cache()
    run_async(cache.types())
    CHANGES[change](project)
    assert run_async(cache.types()) == TYPES
    assert project.runs == 2
    assert run_async(project.cache().types()) == TYPES  # the new state is on disk
    assert project.runs == 2


def test_a_corrupt_cache_file_is_ignored_and_written_again(project: Project) -> None:
    run_async(project.cache().types())
    cache_file = project.cache_dir / "registry.json"
    cache_file.write_text('{"fingerprint": "truncat')
    assert run_async(project.cache().types()) == TYPES
    assert project.runs == 2
    assert json.loads(cache_file.read_text())["types"] == TYPES
    run_async(project.cache().types())
    assert project.runs == 2


def test_requests_at_the_same_time_list_the_types_once(project: Project) -> None:
    cache = project.cache()

    async def together() -> list[list[dict]]:
        return await asyncio.gather(*(cache.types() for _ in range(5)))

    assert run_async(together()) == [TYPES] * 5
    assert project.runs == 1
