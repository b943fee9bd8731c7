"""Rules for the name of a new project: a folder name that is also a good Python package name."""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

MAX_LENGTH = 64
_VALID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Top-level packages every Dagster project imports; a project module of the same name would
# shadow them.
_TAKEN_PACKAGES = {"dagster", "dg", "pydantic", "yaml", "sqlalchemy", "pandas", "src", "tests"}


class InvalidName(ValueError):
    """The name cannot be used; the message says why and what would work."""


def module_name(name: str) -> str:
    """The Python package create-dagster makes for a project name."""
    return name.replace("-", "_")


def validate_project_name(name: str, workspace: Path) -> str:
    if not name or not name.strip():
        raise InvalidName("Enter a name for the project.")
    if "/" in name or "\\" in name or name in (".", "..") or ".." in name:
        raise InvalidName("A project name is a single folder name, not a path.")
    if any(c.isspace() for c in name):
        suggestion = re.sub(r"\s+", "_", name.strip())
        raise InvalidName(f"Use underscores instead of spaces, for example `{suggestion}`.")
    if len(name) > MAX_LENGTH:
        raise InvalidName(f"Keep the name under {MAX_LENGTH} characters.")
    if not _VALID.match(name):
        raise InvalidName(
            "Use letters, digits, underscores and hyphens, starting with a letter "
            "(for example `sales_analytics`)."
        )
    module = module_name(name)
    if keyword.iskeyword(module):
        raise InvalidName(f"`{name}` is a Python keyword and cannot name a package.")
    lowered = module.lower()
    if lowered in sys.stdlib_module_names:
        raise InvalidName(f"`{name}` would shadow Python's standard module `{lowered}`.")
    if lowered in _TAKEN_PACKAGES or lowered.startswith("dagster_"):
        raise InvalidName(f"`{name}` would shadow the package `{lowered}` the project imports.")
    if (workspace / name).exists():
        raise InvalidName(f"A folder named `{name}` already exists in the workspace.")
    return name


def validate_defs_path(path: str, python_file: bool) -> str:
    """A path for a new definition inside the defs folder: importable module names only.

    Dagster imports every folder and file of the defs folder as a Python module, so each part
    must be an identifier (a Python file ends in `.py`).
    """
    if not path or path.startswith("/") or "\\" in path:
        raise InvalidName("Give a path inside the defs folder, such as `ingest/orders`.")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise InvalidName(f"`{path}` is not a plain path inside the defs folder.")
    if python_file and not parts[-1].endswith(".py"):
        raise InvalidName(f"`{path}` must name a Python file (ending in `.py`).")
    for i, part in enumerate(parts):
        stem = part[:-3] if (python_file and i == len(parts) - 1) else part
        if any(c.isspace() for c in stem):
            raise InvalidName(f"`{part}` contains spaces: use underscores instead.")
        if not stem.isidentifier() or not stem.isascii():
            raise InvalidName(
                f"`{part}` is not a valid module name: use letters, digits and underscores, "
                "not starting with a digit."
            )
        if keyword.iskeyword(stem):
            raise InvalidName(f"`{stem}` is a Python keyword and cannot name a module.")
    return path
