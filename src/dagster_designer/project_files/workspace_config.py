"""Read a dg workspace the way `dg` does: `dg.toml` (or pyproject.toml [tool.dg]) with
`directory_type = "workspace"` and one `[[workspace.projects]]` entry per project, its `path`
relative to the workspace root. Each entry is confined to the workspace by the one rule of
`paths.py`: an entry with `..`, an absolute path or a link leading out is refused, with why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import NotAProjectError, read_dg_table
from .paths import PathRejected, confine


class NotAWorkspaceError(Exception):
    """The folder is not a dg workspace, or its config cannot be read; the message says why."""


@dataclass(frozen=True)
class WorkspaceEntry:
    path: str  # as the workspace's config writes it
    root: Path | None  # the project folder, resolved; None when the entry is refused
    refused: str | None = None  # why the entry cannot be opened

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path


@dataclass(frozen=True)
class WorkspaceConfig:
    root: Path
    entries: tuple[WorkspaceEntry, ...]

    @property
    def name(self) -> str:
        """dg names a workspace by its folder (`create-dagster workspace NAME`)."""
        return self.root.name


def load_workspace_config(root: Path) -> WorkspaceConfig:
    root = root.resolve()
    if not root.is_dir():
        raise NotAWorkspaceError(f"{root} is not a folder.")
    if not (root / "dg.toml").exists() and not (root / "pyproject.toml").exists():
        raise NotAWorkspaceError(
            f"{root} has no dg.toml: it is not a dg workspace. `create-dagster workspace NAME` "
            "makes one."
        )
    try:
        dg, source = read_dg_table(root)
    except NotAProjectError as exc:
        raise NotAWorkspaceError(str(exc)) from exc
    if dg.get("directory_type") != "workspace":
        raise NotAWorkspaceError(
            f'{root} is not a dg workspace: {source} does not set directory_type = "workspace".'
        )
    workspace = dg.get("workspace", {})
    if not isinstance(workspace, dict):
        raise NotAWorkspaceError(
            f"In {source}, `workspace` must be a table (a [workspace] section)."
        )
    listed = workspace.get("projects", [])
    if not isinstance(listed, list):
        raise NotAWorkspaceError(
            f"In {source}, `workspace.projects` must be a list of [[workspace.projects]] entries."
        )
    return WorkspaceConfig(root, tuple(_entry(root, raw, source) for raw in listed))


def _entry(root: Path, raw: Any, source: str) -> WorkspaceEntry:
    path = raw.get("path") if isinstance(raw, dict) else None
    if not isinstance(path, str) or not path:
        raise NotAWorkspaceError(
            f'In {source}, every [[workspace.projects]] entry needs a `path` such as "projects/'
            f'my_project"; one has {raw!r:.80}.'
        )
    try:
        real = confine(root, path)
    except PathRejected as exc:
        return WorkspaceEntry(
            path,
            None,
            f"The workspace's project `{path}` is refused: {exc} A workspace opens "
            "only projects inside its folder.",
        )
    return WorkspaceEntry(path, real)
