"""What Dagster loads from a commit of the project, and how the working tree differs from it.

The commit's files are written into a temporary folder and loaded there by a one-shot worker
with the project's own Python. The project's package is installed editable in its `.venv`, so
a plain import would find the working tree's modules: the commit's package folder goes first on
`PYTHONPATH`, ahead of the environment's `.pth` entries, so the commit's code is what loads. The
folder is removed after, whatever happened. A commit never changes, so its load is kept in
memory by commit (a few of them), and a second comparison costs only the comparison.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from collections import OrderedDict, defaultdict
from pathlib import Path
from typing import Any

from ..processes import spawn
from ..processes.git import tree as git_tree
from ..processes.launch import project_environment, project_limits, worker_argv
from ..project_files.config import NotAProjectError, ProjectConfig, load_project_config
from ..settings import Settings
from ..worker import protocol
from . import definitions_diff

# A one-shot worker imports Dagster before it loads: time on top of the load's own timeout.
START_ALLOWANCE = 120.0
# Loads kept: each holds the descriptions of one commit's definitions.
CACHE_SIZE = 8

_cache: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()
# one load at a time per project: the same commit asked twice is loaded once
_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)


class LoadFailed(Exception):
    """The commit's definitions could not be loaded; the message says why."""


async def diff_against(
    config: ProjectConfig, settings: Settings, ref: str, current: dict[str, Any]
) -> dict[str, Any]:
    """The contract's `definitions-diff` body: what the working tree (`current`, the live
    definitions) adds, removes and changes against `ref`."""
    commit = await git_tree.resolve(config, ref)
    answer: dict[str, Any] = {"ref": ref, "commit": commit, "error": None}
    if current.get("errors"):
        return {
            **answer,
            **definitions_diff.empty(),
            "error": "The project's definitions do not load now, so there is nothing to "
            f"compare: {_first_error(current['errors'])}",
        }
    try:
        before = await definitions_at(config, settings, commit) if commit else {}
    except LoadFailed as exc:
        return {**answer, **definitions_diff.empty(), "error": str(exc)}
    return {**answer, **definitions_diff.compare(before, current)}


async def definitions_at(config: ProjectConfig, settings: Settings, commit: str) -> dict[str, Any]:
    """The definitions of `commit` (only the kinds compared), or LoadFailed."""
    key = (str(config.root), commit)
    async with _locks[key[0]]:
        if key in _cache:
            _cache.move_to_end(key)
            found = _cache[key]
        else:
            found = await _load(config, settings, commit)
            _cache[key] = found
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    if found.get("errors"):
        raise LoadFailed(
            f"The definitions of {commit[:12]} do not load: {_first_error(found['errors'])}"
        )
    return found


async def _load(config: ProjectConfig, settings: Settings, commit: str) -> dict[str, Any]:
    """Raises LoadFailed for what may go otherwise next time (a timeout, a crash); answers
    the load (with its errors when the commit's code fails), which a later load repeats."""
    with tempfile.TemporaryDirectory(prefix="dagster-designer-commit-") as temporary:
        into = Path(temporary)
        folder = await git_tree.materialise(config, commit, into)
        if folder is None:  # the project is not in that commit: everything is added
            return {kind: [] for kind in definitions_diff.KINDS} | {"errors": []}
        try:
            ref_config = load_project_config(folder)
        except NotAProjectError as exc:
            return {"errors": [{"message": f"It is not a dg project there: {exc}"}]}
        reply = await _run_worker(config, ref_config, settings, into / "dagster_home")
    kept = {kind: reply.get(kind) or [] for kind in (*definitions_diff.KINDS, "errors")}
    # paths inside the temporary folder read as the same paths in the project
    text = json.dumps(kept)
    for written in {str(folder), os.path.realpath(folder)}:
        text = text.replace(json.dumps(written)[1:-1], json.dumps(str(config.root))[1:-1])
    return json.loads(text)


async def _run_worker(
    config: ProjectConfig, ref_config: ProjectConfig, settings: Settings, home: Path
) -> dict[str, Any]:
    if not config.python.exists():
        raise LoadFailed(f"The project has no environment at {config.venv}: run `uv sync`.")
    home.mkdir()
    timeout = settings.load_timeout + START_ALLOWANCE
    # the project's Python, the commit's files and a throwaway instance
    argv = [str(config.python), *worker_argv(ref_config, "call", "load")[1:]]
    env = project_environment(
        config.venv,
        {
            "PYTHONSAFEPATH": "1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": str(ref_config.package_root),
            "DAGSTER_HOME": str(home),
        },
    )
    result = await spawn.capture(
        argv,
        cwd=ref_config.root,
        env=env,
        timeout=timeout,
        limits=project_limits(settings.worker_memory_mb, timeout),
        max_stdout=protocol.MAX_MESSAGE_BYTES + 64,
    )
    if result.timed_out:
        raise LoadFailed(f"Loading the commit's definitions did not finish within {timeout:g} s.")
    tail = "\n".join(result.stderr.splitlines()[-15:]) or "no output"
    try:
        reply = protocol.read_bytes(result.stdout)
    except ValueError:
        raise LoadFailed(f"Loading the commit's definitions failed: {tail}") from None
    if not reply.get("ok"):
        error = reply.get("error") or {}
        raise LoadFailed(f"Loading the commit's definitions failed: {error.get('message', tail)}")
    return reply["result"]


def _first_error(errors: list[dict[str, Any]]) -> str:
    first = errors[0]
    where = f" ({first['file']}:{first.get('line')})" if first.get("file") else ""
    more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
    return f"{first.get('message', 'unknown error')}{where}{more}"
