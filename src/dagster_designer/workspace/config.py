"""Read a dg project's configuration the way `dg` does: pyproject.toml [tool.dg] or dg.toml."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class NotAProjectError(Exception):
    """The folder is not a dg project; the message says why and what to do."""


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    name: str
    root_module: str
    defs_module: str
    target_module: str
    registry_modules: tuple[str, ...]

    @property
    def package_root(self) -> Path:
        """Where the project's modules live: `src/` when it exists, else the root (as dg)."""
        src = self.root / "src"
        return src if src.is_dir() else self.root

    def module_path(self, module: str) -> Path:
        return self.package_root.joinpath(*module.split("."))

    @property
    def defs_path(self) -> Path:
        return self.module_path(self.defs_module)

    @property
    def venv(self) -> Path:
        return self.root / ".venv"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def state_dir(self) -> Path:
        """The designer's own small, mergeable files inside the project."""
        return self.root / ".dagster-designer"

    def worker_json(self) -> str:
        return json.dumps(
            {
                "root": str(self.root),
                "root_module": self.root_module,
                "defs_module": self.defs_module,
                "target_module": self.target_module,
                "defs_path": str(self.defs_path),
                "registry_modules": list(self.registry_modules),
            }
        )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise NotAProjectError(f"{path.name} is not valid TOML: {exc}") from exc
    except OSError as exc:
        raise NotAProjectError(f"{path} cannot be read: {exc}") from exc


def load_project_config(root: Path) -> ProjectConfig:
    root = root.resolve()
    if not root.is_dir():
        raise NotAProjectError(f"{root} is not a folder.")
    dg_toml = root / "dg.toml"
    pyproject = root / "pyproject.toml"
    if dg_toml.exists():
        data = _read_toml(dg_toml)
        dg, source = data, "dg.toml"
    elif pyproject.exists():
        data = _read_toml(pyproject)
        dg, source = data.get("tool", {}).get("dg"), "pyproject.toml [tool.dg]"
        if dg is None:
            raise NotAProjectError(
                f"{root} has a pyproject.toml without a [tool.dg] section: it is a Python "
                "project but not a dg project. Create one with New project instead."
            )
    else:
        raise NotAProjectError(
            f"{root} has no pyproject.toml or dg.toml: it is not a dg project folder."
        )
    directory_type = dg.get("directory_type")
    if directory_type == "workspace":
        raise NotAProjectError(
            f"{root} is a dg workspace, not a project: open one of the projects inside it."
        )
    if directory_type != "project":
        raise NotAProjectError(f'{source} must set directory_type = "project".')
    project = dg.get("project", {})
    root_module = project.get("root_module")
    if not isinstance(root_module, str) or not root_module:
        raise NotAProjectError(f"{source} does not set project.root_module.")
    name = str(
        (_read_toml(pyproject).get("project", {}).get("name") if pyproject.exists() else None)
        or root.name
    )
    return ProjectConfig(
        root=root,
        name=name,
        root_module=root_module,
        defs_module=project.get("defs_module") or f"{root_module}.defs",
        target_module=project.get("code_location_target_module") or f"{root_module}.definitions",
        registry_modules=tuple(project.get("registry_modules", ())),
    )
