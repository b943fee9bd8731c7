"""Scaffold a definition with Dagster's own scaffolder, as `dg scaffold defs` does in process."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from .project import ProjectInfo
from .protocol import first_missing_ancestor


class ScaffoldError(Exception):
    """A scaffold request that cannot be carried out, explained for the user."""


def _refuse_links_in_the_way(project: ProjectInfo, target: Path) -> None:
    """A link on the way to the target that leads to no folder (dangling, or to a file): the
    folders Dagster makes cannot be made through it."""
    for above in reversed(target.parents):
        if above.is_relative_to(project.defs_root) and above.is_symlink() and not above.is_dir():
            raise ScaffoldError(
                f"`{_shown(project, above)}` is a link that leads to no folder, so nothing can "
                "be scaffolded under it: remove the link, or choose another path."
            )


def _shown(project: ProjectInfo, path: Path) -> str:
    """A path as the user knows it: relative to the project."""
    return path.relative_to(project.root).as_posix()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


def scaffold(
    project: ProjectInfo,
    typename: str,
    defs_path: str,
    params: dict[str, Any] | None,
    scaffold_format: str,
) -> dict[str, Any]:
    from dagster.components.component_scaffolding import scaffold_object
    from dagster.components.core.package_entry import is_scaffoldable_object_key
    from dagster_shared.serdes.objects import EnvRegistryKey

    try:
        key = EnvRegistryKey.from_typename(typename)
    except Exception as exc:
        raise ScaffoldError(f"`{typename}` is not a type name like `package.TypeName`.") from exc
    if not is_scaffoldable_object_key(key):
        raise ScaffoldError(f"`{typename}` is not a type this project can scaffold.")
    target = project.defs_root / defs_path
    if os.path.lexists(target):
        kind = " as a link" if target.is_symlink() else ""
        raise ScaffoldError(
            f"`{_shown(project, target)}` already exists{kind}: choose another path, or "
            "remove it first."
        )
    _refuse_links_in_the_way(project, target)
    created = first_missing_ancestor(target, project.defs_root)
    try:
        scaffold_object(
            target,
            typename,
            json.dumps(params) if params else None,
            scaffold_format,
            project.root,
        )
    except BaseException:
        _remove(created)  # a failed scaffold must not leave empty or half-written folders
        raise
    files = sorted(p for p in target.rglob("*") if p.is_file()) if target.is_dir() else [target]
    return {
        "path": defs_path,
        "files": [project.defs_relative(f) for f in files if f.exists()],
    }
