"""What the worker knows about the project it serves, handed over by the server at start."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_ENVIRONMENT_DIRS = (".venv", "venv", ".tox")


@dataclass(frozen=True)
class ProjectInfo:
    root: Path
    root_module: str
    defs_module: str
    target_module: str
    defs_root: Path  # the defs folder; a `defs_path` is a path inside it
    registry_modules: tuple[str, ...]
    # the code location `dg dev` makes of the project (see `instigators`)
    location_name: str = ""
    working_directory: Path | None = None
    # the root as written and with symlinks resolved, for fast prefix tests on module files
    _prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        roots = {str(self.root), os.path.realpath(self.root)}
        object.__setattr__(self, "_prefixes", tuple(r.rstrip("/") + "/" for r in roots))

    @classmethod
    def from_json(cls, text: str) -> ProjectInfo:
        data: dict[str, Any] = json.loads(text)
        return cls(
            root=Path(data["root"]),
            root_module=data["root_module"],
            defs_module=data["defs_module"],
            target_module=data["target_module"],
            defs_root=Path(data["defs_root"]),
            registry_modules=tuple(data.get("registry_modules", ())),
            location_name=data.get("location_name") or Path(data["root"]).name,
            working_directory=Path(data.get("working_directory") or data["root"]),
        )

    def relative(self, path: str | Path | None) -> str | None:
        """The project-relative posix path of a file of the project, None for anything else."""
        if not path or not Path(path).is_absolute():
            return None
        try:
            resolved = Path(path).resolve()
            rel = resolved.relative_to(self.root.resolve())
        except (OSError, ValueError):
            return None
        if rel.parts and rel.parts[0] in _ENVIRONMENT_DIRS:
            return None
        return rel.as_posix()

    @property
    def defs_prefix(self) -> str:
        """The defs folder as the string prefix of paths inside it."""
        return str(self.defs_root).rstrip("/") + "/"

    def defs_relative(self, path: str | Path) -> str | None:
        try:
            return Path(path).resolve().relative_to(self.defs_root.resolve()).as_posix()
        except (OSError, ValueError):
            return None

    def owns_module(self, name: str, file: str | None) -> bool:
        """Whether a loaded module belongs to the project and must be re-imported on reload."""
        if name == self.root_module or name.startswith(self.root_module + "."):
            return True
        if not file:
            return False
        for prefix in self._prefixes:  # called for every loaded module: no path resolution
            if file.startswith(prefix):
                return not file[len(prefix) :].startswith(_ENVIRONMENT_DIRS)
        return False
