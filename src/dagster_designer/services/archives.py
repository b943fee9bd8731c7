"""Export a project as a ZIP and import one as a new project of the workspace.

An import checks the whole archive first (`project_files.archive.plan`), unpacks it into a
hidden folder beside its target, checks that it is a dg project, and only then renames it into
place: a refused or failed import leaves nothing in the workspace. The new project is then
opened as a created one is: its environment built with `uv sync`.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from ..project_files.archive import open_archive, plan, stream_zip, unpack
from ..project_files.config import load_project_config
from ..project_files.names import InvalidName
from .manager import Project, ProjectManager


def export(manager: ProjectManager, project_id: str) -> tuple[str, Iterator[bytes]]:
    """The file name and the streamed ZIP of a project."""
    project = manager.get(project_id)
    if not project.path.is_dir():
        raise FileNotFoundError(str(project.path))
    return f"{project.name}.zip", stream_zip(project.path)


def _place(upload: Path, target: Path) -> None:
    """Check, unpack beside `target`, check it is a project, rename into place; on any refusal
    or error nothing stays."""
    with open_archive(upload) as archive:
        entries = plan(archive)
        staging = target.parent / f".import-{target.name}-{secrets.token_hex(4)}"
        try:
            unpack(archive, entries, staging)
            load_project_config(staging)
            if target.exists():
                raise InvalidName(
                    f"A folder named `{target.name}` already exists in the workspace."
                )
            staging.rename(target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


async def import_archive(manager: ProjectManager, name: str, upload: Path) -> Project:
    """The project `name` made from the ZIP at `upload`, opened and its environment being
    built."""
    target = manager.settings.workspace / manager.new_name(name)
    await asyncio.to_thread(_place, upload, target)
    return await manager.open_placed(name, target)
