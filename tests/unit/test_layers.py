"""The package's rooms import only downwards, and nothing outside the worker imports a worker
module but the two it shares with the server (the worker runs in each project's environment)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import dagster_designer

PACKAGE = Path(dagster_designer.__file__).parent
ROOT = "dagster_designer"
# The modules the worker shares with the server: the standard library only.
SHARED = {
    f"{ROOT}.worker.protocol",
    f"{ROOT}.worker.near_miss",
    f"{ROOT}.worker.top_level",
    f"{ROOT}.worker.definitions_delta",
}
# Bottom first: a room imports its own modules and those of the rooms of lower rank.
RANKS = {
    ROOT: 0,  # the version
    "settings": 0,
    "shared": 0,
    "edits": 0,
    "builders": 1,
    "review": 1,
    "project_files": 1,
    "processes": 2,
    "starters": 2,
    "services": 3,
    "server": 4,
    "cli": 5,
}


def module_names() -> dict[str, Path]:
    found = {}
    for file in PACKAGE.rglob("*.py"):
        parts = file.relative_to(PACKAGE).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        found[".".join((ROOT, *parts))] = file
    return found


MODULES = module_names()


def room(module: str) -> str:
    if module in SHARED:
        return "shared"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def imports(module: str, source: str) -> list[tuple[str, bool]]:
    """Every module `module` imports, resolved, and whether it was written as an absolute
    import of the designer. `from package import name` counts as the submodule when there is
    one."""
    is_package = MODULES.get(module, Path()).name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, alias.name.split(".")[0] == ROOT) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            absolute = not node.level and base.split(".")[0] == ROOT
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append((candidate if candidate in MODULES else base, absolute))
    return found


def violations(module: str, source: str) -> list[str]:
    own = room(module)
    in_worker = own in ("worker", "shared")
    wrong = []
    for target, absolute in imports(module, source):
        top = target.split(".")[0]
        if top != ROOT:
            if own == "shared" and top not in sys.stdlib_module_names and top != "__future__":
                wrong.append(f"{module} is shared with the worker but imports {target}")
            continue
        if in_worker and absolute:
            wrong.append(
                f"{module} imports {target} by the designer's name: the worker is "
                "loaded under another one, so it imports its own modules relatively"
            )
        other = room(target)
        if own == "worker":
            if other not in ("worker", "shared"):
                wrong.append(f"{module} runs in the project's environment but imports {target}")
        elif own == "shared":
            if other != "shared":
                wrong.append(f"{module} is shared with the server but imports {target}")
        elif other == "worker":
            wrong.append(
                f"{module} imports {target}: only {sorted(SHARED)} of the worker are "
                "imported from outside it"
            )
        elif other != own and RANKS[other] >= RANKS[own]:
            wrong.append(f"{module} ({own}) imports {target} ({other}), a room not below it")
    return wrong


def test_every_module_belongs_to_a_room() -> None:
    assert len(MODULES) > 50
    unknown = {room(m) for m in MODULES} - set(RANKS) - {"worker"}
    assert not unknown, f"rooms without a rank in this test: {sorted(unknown)}"


def test_no_import_runs_back_up() -> None:
    wrong = [v for module, file in MODULES.items() for v in violations(module, file.read_text())]
    assert wrong == []


def test_every_package_says_what_it_holds_and_may_import() -> None:
    packages = [m for m, file in MODULES.items() if file.name == "__init__.py"]
    silent = [m for m in packages if not ast.get_docstring(ast.parse(MODULES[m].read_text()))]
    assert silent == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        (f"{ROOT}.processes.spawn", "from ..services import session"),
        (f"{ROOT}.project_files.config", "from ..processes.spawn import run"),
        (f"{ROOT}.edits.line_patch", "from ..project_files import files"),
        (f"{ROOT}.services.lineage", "from ..worker import hints"),
        (f"{ROOT}.server.app", f"from {ROOT}.worker.loader import describe"),
        (f"{ROOT}.worker.loader", "from ..settings import Settings"),
        (f"{ROOT}.worker.loader", f"from {ROOT}.worker import protocol"),
        (f"{ROOT}.worker.protocol", "import yaml"),
        (f"{ROOT}.worker.protocol", "from . import loader"),
    ],
)
def test_an_import_against_the_layers_is_found(module: str, source: str) -> None:
    assert violations(module, source)


@pytest.mark.parametrize(
    ("module", "source"),
    [
        (f"{ROOT}.services.lineage", "from ..worker import near_miss"),
        (f"{ROOT}.project_files.files", "from ..worker import protocol"),
        (f"{ROOT}.worker.loader", "from . import protocol\nimport dagster"),
        (f"{ROOT}.server.routes.health", "from ... import __version__"),
    ],
)
def test_an_import_downwards_is_allowed(module: str, source: str) -> None:
    assert violations(module, source) == []


# What a session owns for talking to its processes; routes ask the session's services instead.
WORKER_HANDLES = {"supervisor", "completion"}


def test_routes_talk_to_services_never_to_a_worker() -> None:
    found = [
        f"{file.name}:{node.lineno} uses `.{node.attr}`"
        for file in sorted((PACKAGE / "server" / "routes").glob("*.py"))
        for node in ast.walk(ast.parse(file.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in WORKER_HANDLES
    ]
    assert not found, found
