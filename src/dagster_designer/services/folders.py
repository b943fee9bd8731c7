"""The server's folders a user may browse to open a project: the home folder and the workspace,
and nothing outside them (a link that leads out is refused as the path itself would be). Each
folder says whether it is a dg project, with dg's reason when it is not, and a dg workspace lists
its projects, each checked as opening it would check it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..project_files.config import NotAProjectError, load_project_config
from ..project_files.paths import PathRejected, confine
from ..project_files.workspace_config import NotAWorkspaceError, load_workspace_config

MAX_ENTRIES = 500  # a folder with more shows the first ones, by name


class FolderRefused(PermissionError):
    """A path outside the folders a user may browse; the message names those."""


class NoSuchFolder(LookupError):
    """The path is inside a browsable folder but is no folder."""


@dataclass(frozen=True)
class Browsable:
    roots: tuple[Path, ...]  # absolute, resolved

    @classmethod
    def of(cls, workspace: Path) -> Browsable:
        found: list[Path] = []
        for root in (Path.home(), workspace):
            real = root.resolve()
            if real.is_dir() and real not in found:
                found.append(real)
        return cls(tuple(found))

    def _inside(self, path: Path) -> Path:
        """The real folder `path` names, confined to a root; refused otherwise."""
        names = ", ".join(f"`{r}`" for r in self.roots)
        if not path.is_absolute():
            raise FolderRefused(f"`{path}` is not an absolute path: browse from {names}.")
        plain = Path(os.path.normpath(path))
        for root in self.roots:
            if plain == root:
                return root
            if plain.is_relative_to(root):
                try:
                    real = confine(root, plain.relative_to(root).as_posix())
                except PathRejected:
                    continue  # a link out of this root: refused unless another holds it
                if not real.is_dir():
                    raise NoSuchFolder(f"`{path}` is not a folder.")
                return real
        raise FolderRefused(f"`{path}` is outside the folders the designer browses: {names}.")

    def _leads_in(self, child: Path) -> bool:
        """A link listed only when it leads to a browsable folder."""
        real = child.resolve()
        return any(real.is_relative_to(root) for root in self.roots)

    def listing(self, path: Path | None) -> dict[str, Any]:
        folder = self._inside(path) if path is not None else self.roots[0]
        entries = []
        children = sorted(
            (c for c in _children(folder) if not c.name.startswith(".") and self._leads_in(c)),
            key=lambda c: c.name,
        )
        for child in children[:MAX_ENTRIES]:
            kind = _dg_kind(child)
            entries.append(
                {
                    "name": child.name,
                    "path": str(child),
                    "is_project": kind == "project",
                    "is_workspace": kind == "workspace",
                }
            )
        parent = folder.parent
        in_roots = any(parent.is_relative_to(r) for r in self.roots) and folder not in self.roots
        project, reason = _project(folder)
        return {
            "path": str(folder),
            "parent": str(parent) if in_roots else None,
            "roots": [str(r) for r in self.roots],
            "is_project": project,
            "reason": reason,
            "workspace": workspace_listing(folder),
            "entries": entries,
            "truncated": len(children) > MAX_ENTRIES,
        }


def _children(folder: Path) -> list[Path]:
    """The folders in `folder`, links to folders included."""
    try:
        with os.scandir(folder) as found:
            return [Path(e.path) for e in found if _is_dir(e)]
    except PermissionError:
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _dg_kind(folder: Path) -> str | None:
    """A cheap first look for the listing at a dg.toml, or a pyproject.toml that names dg: the
    `project` or `workspace` its directory_type says (a project when it says none), None for
    another kind (a workspace's `deployments/local`)."""
    for name in ("dg.toml", "pyproject.toml"):
        try:
            text = (folder / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if name == "dg.toml" or "[tool.dg" in text:
            found = _DIRECTORY_TYPE.search(text)
            kind = found.group(1) if found else "project"
            return kind if kind in ("project", "workspace") else None
    return None


_DIRECTORY_TYPE = re.compile(r"""^\s*directory_type\s*=\s*["'](\w+)["']""", re.MULTILINE)


def workspace_listing(folder: Path) -> dict[str, Any] | None:
    """A dg workspace's name and projects, each with dg's reason when it cannot be opened;
    None when the folder is no workspace."""
    try:
        workspace = load_workspace_config(folder)
    except NotAWorkspaceError:
        return None
    projects = []
    for entry in workspace.entries:
        is_project, reason = _project(entry.root) if entry.root else (False, entry.refused)
        projects.append(
            {
                "name": entry.name,
                "path": str(entry.root or workspace.root / entry.path),
                "is_project": is_project,
                "reason": reason,
            }
        )
    return {"path": str(workspace.root), "name": workspace.name, "projects": projects}


def _project(folder: Path) -> tuple[bool, str | None]:
    try:
        load_project_config(folder)
    except NotAProjectError as exc:
        return False, str(exc)
    return True, None
