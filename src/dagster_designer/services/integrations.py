"""The integration library: the catalogue of Dagster's integrations shipped with the designer
(built by scripts/integrations_catalogue.py from package metadata, so it works offline), what
a project has installed (read from its environment's metadata, third-party component libraries
included), and adding or removing one with uv, pinned to the project's Dagster.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ..project_files.packages import Installed, installed, normalized, site_packages
from . import project_tasks
from .creation import CreationFailed, add_packages, remove_packages
from .manager import Project, ProjectManager
from .session import ProjectSession

CATALOGUE = "services/integrations.json"  # inside the package
INSTALL_TIMEOUT = 900.0
# Dagster itself and its tools: in every project, never offered or removed as integrations.
CORE = frozenset(
    {
        "dagster",
        "dagster-cloud-cli",
        "dagster-dg-cli",
        "dagster-dg-core",
        "dagster-graphql",
        "dagster-pipes",
        "dagster-rest-resources",
        "dagster-shared",
        "dagster-webserver",
        "create-dagster",
    }
)
# Released with Dagster under Dagster's own version number, though not catalogued (what a
# deploy to Dagster+ needs).
RELEASED_AS_DAGSTER = frozenset({"dagster-cloud"})
# A distribution name as PEP 508 allows it: nothing that uv could read as an option or a path.
_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_REQUIREMENT_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


class IntegrationError(ValueError):
    """A request the library cannot act on, in words a user can act on."""


def library_version(dagster: str) -> str:
    """The version of the libraries released with Dagster `dagster` (1.13.27 -> 0.29.27)."""
    major, minor, patch = [*dagster.split("."), "0", "0"][:3]
    if major != "1" or not minor.isdigit():
        raise IntegrationError(f"Dagster {dagster} has no known library versions.")
    return f"0.{int(minor) + 16}.{patch}"


@cache
def catalogue() -> dict[str, Any]:
    """The shipped catalogue: `{"dagster": version, "integrations": [...]}`."""
    path = Path(__file__).resolve().parent.parent / CATALOGUE
    return json.loads(path.read_text(encoding="utf-8"))


def entries() -> list[dict[str, Any]]:
    return catalogue()["integrations"]


def _catalogued() -> dict[str, dict[str, Any]]:
    return {entry["package"]: entry for entry in entries()}


def _environment(project: Project) -> dict[str, Installed]:
    venv = project.session.config.venv if project.session else project.path / ".venv"
    return installed(site_packages(venv))


def _project_dagster(found: dict[str, Installed]) -> str:
    if "dagster" not in found:
        raise IntegrationError("The project's environment has no `dagster`; run `uv sync` first.")
    return found["dagster"].version


def _pinned_version(entry: dict[str, Any], dagster: str) -> str | None:
    """The version of a catalogued library that goes with Dagster `dagster`; None for a
    community library, which the resolver matches to the project's Dagster."""
    shipped = catalogue()["dagster"]
    if entry["version"] == library_version(shipped):
        return library_version(dagster)
    if entry["version"] == shipped:
        return dagster
    return None


def project_entries(project: Project) -> list[dict[str, Any]]:
    """The catalogue as it is for this project: versions pinned to its Dagster (a community
    library's as catalogued), `installed` with the installed version and what it provides, and
    every other installed integration (a `dagster-*` library, or any package that registers
    component types with dg)."""
    found = _environment(project)
    dagster = found["dagster"].version if "dagster" in found else catalogue()["dagster"]
    own = normalized(project.session.config.name) if project.session else ""
    out = []
    for entry in entries():
        have = found.get(entry["package"])
        out.append(
            entry
            | {
                "installed": have is not None,
                "version": have.version
                if have
                else _pinned_version(entry, dagster) or entry["version"],
                "provides": have.provides().as_dict() if have else entry["provides"],
            }
        )
    catalogued = _catalogued()
    for name, have in sorted(found.items()):
        if name in catalogued or name in CORE or name == own:
            continue
        if not (name.startswith("dagster-") or have.registry_modules):
            continue
        out.append(
            {
                "package": name,
                "title": name,
                "category": "Third-party",
                "summary": have.summary,
                "version": have.version,
                "community": True,
                "docs": f"https://pypi.org/project/{name}/",
                "provides": have.provides().as_dict(),
                "installed": True,
            }
        )
    return out


def _valid_name(package: str) -> str:
    if not isinstance(package, str) or not _NAME.fullmatch(package):
        raise IntegrationError(
            f"`{package}` is not a package name: letters, digits, `-`, `_` and `.` only."
        )
    name = normalized(package)
    if name in CORE:
        raise IntegrationError(f"`{name}` is part of Dagster itself, not an integration.")
    return name


def _dependencies(project: Project) -> set[str]:
    """The normalized names of the project's declared dependencies."""
    try:
        data = tomllib.loads((project.path / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise IntegrationError(f"The project's pyproject.toml cannot be read: {exc}") from None
    names = set()
    for requirement in data.get("project", {}).get("dependencies", []):
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.add(normalized(match.group(1)))
    return names


_UV = {"add": add_packages, "remove": remove_packages}


def start_uv(
    manager: ProjectManager,
    session: ProjectSession,
    project: Project,
    action: str,
    arguments: list[str],
    package: str,
    timeout: float = INSTALL_TIMEOUT,
) -> dict[str, Any]:
    """Run `uv add` or `uv remove` with `arguments` as the project's task: its lines go to the
    project's progress and its state to `integration` (`package` is what that state names)."""
    project_tasks.check_idle(project)
    project.integration = {"package": package, "action": action}

    async def work(on_line: Callable[[str], None]) -> None:
        await _UV[action](
            session.config,
            arguments,
            linked_bin=session.settings.linked_bin,
            timeout=timeout,
            on_line=on_line,
        )

    return project_tasks.start(
        manager,
        project,
        " ".join(["uv", action, *arguments]),
        project.integration,
        work,
        failures=(CreationFailed,),
    )


def install(manager: ProjectManager, project_id: str, package: str) -> dict[str, Any]:
    """Start `uv add` of an integration, the libraries released with Dagster pinned to the
    version that goes with the project's Dagster."""
    name = _valid_name(package)
    entry = _catalogued().get(name)
    if entry is None and not name.startswith("dagster-"):
        raise IntegrationError(
            f"`{name}` is not a Dagster integration: its name must start with `dagster-`."
        )
    session = manager.session(project_id)
    project = manager.get(project_id)
    found = _environment(project)
    if name in RELEASED_AS_DAGSTER:
        pinned: str | None = _project_dagster(found)
    else:
        pinned = _pinned_version(entry, _project_dagster(found)) if entry else None
    spec = f"{name}=={pinned}" if pinned else name
    return start_uv(manager, session, project, "add", [spec], spec)


def uninstall(manager: ProjectManager, project_id: str, package: str) -> dict[str, Any]:
    """Start `uv remove` of a package the project depends on."""
    name = _valid_name(package)
    session = manager.session(project_id)
    project = manager.get(project_id)
    if name not in _dependencies(project):
        raise IntegrationError(
            f"`{name}` is not a dependency in the project's pyproject.toml, so there is "
            "nothing to remove."
        )
    return start_uv(manager, session, project, "remove", [name], name)
