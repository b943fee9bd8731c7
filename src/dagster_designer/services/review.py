"""The project review over a session: the definitions it has loaded, the project's YAML and
Python files, the materializations of its instance; and the fixes, shown as a diff first."""

from __future__ import annotations

import contextlib
import difflib
from pathlib import Path
from typing import Any

from ..processes.launch import project_limits
from ..processes.supervisor import Supervisor, WorkerError
from ..project_files.config import ProjectConfig, load_project_config
from ..project_files.dagster_home import dagster_home
from ..project_files.files import read_text, write_text
from ..project_files.paths import confine, nameable, walk
from ..review import fixes, instances
from ..review.finding import place
from ..review.metadata import conventional_owner, folder_group
from ..review.run import review
from ..review.selections import group_of
from ..worker import protocol
from .session import ProjectSession

REVIEWED = (".py", ".yaml", ".yml")
MAX_TEXT_BYTES = 1_000_000  # larger files are data, not definitions
FIXABLE = {"secret", "kinds", "group", "owners", "key-list"}


class NoFix(ValueError):
    """The finding named has no fix, or its place no longer holds what the fix changes."""


def project_texts(root: Path) -> dict[str, str]:
    """The project's YAML and Python files by project-relative path (environments, caches and
    files too large to be definitions left out)."""
    texts = {}
    for rel, entry in walk(root, lambda name: protocol.hidden_dir(name) or not nameable(name)):
        if not rel.endswith(REVIEWED) or not entry.is_file(follow_symlinks=False):
            continue
        try:
            if entry.stat().st_size <= MAX_TEXT_BYTES:
                texts[rel] = Path(entry.path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
    return texts


def _materialized(status: list[dict[str, Any]]) -> set[str]:
    """The keys the instance has materialized, from the worker's `asset_status`."""
    return {s["key"] for s in status if s.get("last_materialization")}


def _reviewed(
    definitions: dict[str, Any], config: ProjectConfig, materialized: set[str] | None
) -> list[dict[str, Any]]:
    defs_folder = config.defs_root.relative_to(config.root).as_posix()
    texts = project_texts(config.root)
    return [f.to_json() for f in review(definitions, texts, materialized, defs_folder)]


async def findings(session: ProjectSession) -> list[dict[str, Any]]:
    definitions = await session.definitions()
    try:
        materialized = _materialized(await session.runs.asset_status())
    except (WorkerError, OSError):  # the instance cannot be read: that rule has nothing
        materialized = None
    return _reviewed(definitions, session.config, materialized)


async def review_folder(root: Path, timeout: float, memory_mb: int) -> list[dict[str, Any]]:
    """The review of a project folder without a server: one worker in the project's `.venv`
    loads the definitions (as the server's does), answers, and is stopped."""
    config = load_project_config(root)
    supervisor = Supervisor(config, project_limits(memory_mb))
    materialized: set[str] | None = None
    try:
        definitions = await supervisor.call("load", {"changed": None}, timeout=timeout)
        # a project that never ran in the designer has no instance: that rule has nothing to
        # read, and a check makes none (it changes nothing in the project)
        if dagster_home(config.root).is_dir():
            with contextlib.suppress(WorkerError):
                status = await supervisor.call("asset_status", {}, timeout=timeout)
                materialized = _materialized(status)
    finally:
        await supervisor.close()
    return _reviewed(definitions, config, materialized)


def _diff(root: Path, changes: dict[str, str]) -> str:
    parts = []
    for rel, new in changes.items():
        path = confine(root, rel)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        parts += difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"a/{rel}" if path.exists() else "/dev/null",
            f"b/{rel}",
        )
    return "".join(parts)


def _folder_group(session: ProjectSession, file: str) -> str:
    """The group named after the folder of the defs folder `file` is written in."""
    path = confine(session.config.root, file)
    defs = session.config.defs_root
    group = folder_group(path.relative_to(defs).as_posix()) if path.is_relative_to(defs) else None
    if group is None:
        raise NoFix(f"{file} is in no folder of the defs folder to name a group after.")
    return group


async def _job_group(session: ProjectSession, file: str, line: int) -> str:
    """The group whose assets are exactly those of the job written at `file:line`."""
    definitions = await session.definitions()
    job = next((j for j in definitions.get("jobs", []) if place(j) == (file, line)), None)
    group = group_of(job.get("asset_keys") or [], definitions.get("assets", [])) if job else None
    if group is None:
        raise NoFix(f"No job at {file}:{line} selects exactly one group's assets.")
    return group


async def _changes(
    session: ProjectSession, rule: str, file: str, text: str, line: int
) -> dict[str, str]:
    """The new texts by file the fix of `rule` at `file:line` writes."""
    if rule == "secret":
        env = confine(session.config.root, ".env")
        env_text = env.read_text(encoding="utf-8") if env.exists() else None
        return fixes.move_secret(file, text, line, env_text)
    if rule == "key-list":
        return fixes.select_group(file, text, line, await _job_group(session, file, line))
    if file.endswith(instances.YAML):
        return await _instance_changes(session, rule, file, text, line)
    if rule == "kinds":
        return fixes.add_kinds(file, text, line)
    if rule == "group":
        return fixes.add_group(file, text, line, _folder_group(session, file))
    return fixes.add_owners(file, text, line, await _owner(session))


async def _owner(session: ProjectSession) -> str:
    owner = conventional_owner((await session.definitions()).get("assets", []))
    if owner is None:
        raise NoFix("No owner is common to the project's assets to copy: name one by hand.")
    return owner


def _instance(
    definitions: dict[str, Any], session: ProjectSession, file: str, text: str, line: int
) -> list[dict[str, Any]]:
    """The assets of the component instance whose document starts at `file:line`."""
    path, defs = confine(session.config.root, file), session.config.defs_root
    starts = instances.document_lines(text)
    found = []
    if path.is_relative_to(defs) and line in starts:
        defs_path = path.parent.relative_to(defs).as_posix()
        found = instances.members(definitions.get("assets", []), defs_path, starts.index(line))
    if not found:
        raise NoFix(f"No component instance at {file}:{line} produces assets.")
    return found


async def _instance_changes(
    session: ProjectSession, rule: str, file: str, text: str, line: int
) -> dict[str, str]:
    """The fix of `rule` for the assets of the YAML component instance written at `file:line`
    that lack what it wants."""
    value = None
    if rule == "group":
        value = _folder_group(session, file)
    elif rule == "owners":
        value = await _owner(session)
    definitions = await session.definitions()
    found = _instance(definitions, session, file, text, line)
    target = instances.target(found, rule)
    if target is None:
        raise NoFix(f"No asset of the component at {file}:{line} lacks {rule}.")
    if rule == "kinds":
        value = instances.kind(definitions, found[0])
    if value is None:
        raise NoFix(f"The component type at {file}:{line} is not known: name its kind by hand.")
    index = found[0].get("defs_index") or 0
    return fixes.give_instance_assets(file, text, index, target, rule, value)


async def fix(session: ProjectSession, rule: str, file: str, line: int, preview: bool) -> dict:
    """Apply (or, with `preview`, only show) the fix of the finding `rule` at `file:line`."""
    if rule not in FIXABLE:
        raise NoFix(f"The rule {rule!r} has no automatic fix.")
    root = session.config.root
    async with session.write_lock:
        text, _ = read_text(root, file)
        try:
            changes = await _changes(session, rule, file, text, line)
        except fixes.FixError as exc:
            raise NoFix(str(exc)) from exc
        diff = _diff(root, changes)
        if not preview:
            for rel, new in changes.items():
                write_text(root, rel, new)
    return {"diff": diff, "applied": not preview}
