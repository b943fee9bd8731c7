"""Read a dg project's configuration the way `dg` does: pyproject.toml [tool.dg] or dg.toml."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import files
from .paths import PathRejected, confine


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
    # the code location `dg dev` makes of the project: its name (which keys schedule and sensor
    # state in the instance) and the working directory of its module
    location_name: str = ""

    @property
    def location_working_directory(self) -> Path:
        return self.module_path(self.root_module).parent

    @property
    def package_root(self) -> Path:
        """Where the project's modules live: `src/` when it exists, else the root (as dg)."""
        src = self.root / "src"
        return src if src.is_dir() else self.root

    def module_path(self, module: str) -> Path:
        return self.package_root.joinpath(*module.split("."))

    @property
    def defs_root(self) -> Path:
        """The defs folder (absolute); the API's `defs_path` is a path inside it."""
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
                "defs_root": str(self.defs_root),
                "registry_modules": list(self.registry_modules),
                "location_name": self.location_name or self.root.name,
                "working_directory": str(self.location_working_directory),
            }
        )


def _read_toml(root: Path, name: str) -> dict[str, Any]:
    """A config file read by the confinement rule: never through a link out of the project,
    never from a FIFO (which would block opening the project)."""
    try:
        return tomllib.loads(files.read_text(root, name)[0])
    except tomllib.TOMLDecodeError as exc:
        raise NotAProjectError(f"{name} is not valid TOML: {exc}") from exc
    except (OSError, ValueError) as exc:  # refused, too large or not text
        raise NotAProjectError(f"{root / name} cannot be read: {exc}") from exc


def _table(data: dict[str, Any], dotted: str, source: str) -> dict[str, Any]:
    """The table at `dotted` (empty when missing): a file can hold any TOML value there."""
    value = data.get(dotted.rpartition(".")[2], {})
    if not isinstance(value, dict):
        raise NotAProjectError(
            f"In {source}, `{dotted}` must be a table (a [{dotted}] section), not "
            f"{type(value).__name__} {value!r:.60}. Fix it in the file, then open the project "
            "again."
        )
    return value


def _is_module_name(module: object) -> bool:
    return isinstance(module, str) and all(part.isidentifier() for part in module.split("."))


def _check_inside(config: ProjectConfig, module: str) -> None:
    """A module the project names is read and edited by the designer: no link may lead it out
    of the project (nor onto a FIFO)."""
    relative = config.module_path(module).relative_to(config.root).as_posix()
    try:
        confine(config.root, relative)
    except PathRejected as exc:
        raise NotAProjectError(
            f"The project's module `{module}` cannot be opened: {exc} The designer works only "
            "on code inside the project folder."
        ) from exc


def _read_pyproject(root: Path) -> dict[str, Any] | None:
    return _read_toml(root, "pyproject.toml") if (root / "pyproject.toml").exists() else None


def read_dg_table(root: Path) -> tuple[dict[str, Any], str]:
    """The dg config of a folder as dg finds it, `dg.toml` before pyproject.toml [tool.dg],
    and where it was found."""
    if (root / "dg.toml").exists():
        return _read_toml(root, "dg.toml"), "dg.toml"
    py_data = _read_pyproject(root)
    if py_data is None:
        raise NotAProjectError(
            f"{root} has no pyproject.toml or dg.toml: it is not a dg project folder."
        )
    tool = _table(py_data, "tool", "pyproject.toml")
    if "dg" not in tool:
        raise NotAProjectError(
            f"{root} has a pyproject.toml without a [tool.dg] section: it is a Python "
            "project but not a dg project. Create one with New project instead."
        )
    return _table(tool, "tool.dg", "pyproject.toml"), "pyproject.toml [tool.dg]"


def load_project_config(root: Path) -> ProjectConfig:
    root = root.resolve()
    if not root.is_dir():
        raise NotAProjectError(f"{root} is not a folder.")
    dg, source = read_dg_table(root)
    py_data = _read_pyproject(root)
    directory_type = dg.get("directory_type")
    if directory_type == "workspace":
        raise NotAProjectError(
            f"{root} is a dg workspace, not a project: open it as a workspace (all its "
            "projects), or open one of the projects inside it."
        )
    if directory_type != "project":
        raise NotAProjectError(f'{source} must set directory_type = "project".')
    project = _table(dg, "project", source)
    root_module = project.get("root_module")
    if not isinstance(root_module, str) or not root_module:
        raise NotAProjectError(f"{source} does not set project.root_module.")
    defs_module = project.get("defs_module") or f"{root_module}.defs"
    target_module = project.get("code_location_target_module") or f"{root_module}.definitions"
    for module in (root_module, defs_module, target_module):
        if not _is_module_name(module):
            raise NotAProjectError(f"{source} names `{module}`, which is not a Python module name.")
    registry_modules = project.get("registry_modules", [])
    location_name = project.get("code_location_name") or root.name
    if not isinstance(location_name, str):
        raise NotAProjectError(f"{source} sets project.code_location_name to a non-string.")
    if not isinstance(registry_modules, list) or not all(
        isinstance(module, str) for module in registry_modules
    ):
        raise NotAProjectError(
            f"{source} sets project.registry_modules to {registry_modules!r:.60}: it must be a "
            'list of module names, such as ["my_project.components.*"].'
        )
    config = ProjectConfig(
        root=root,
        name=str(_table(py_data or {}, "project", "pyproject.toml").get("name") or root.name),
        root_module=root_module,
        defs_module=defs_module,
        target_module=target_module,
        registry_modules=tuple(registry_modules),
        location_name=location_name,
    )
    for module in (root_module, defs_module):
        _check_inside(config, module)
    return config
