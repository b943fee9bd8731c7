"""The project's git status, for badges in the file tree."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from ..project_files.config import ProjectConfig
from . import spawn

_STATUS = {
    "M": "modified",
    "A": "added",
    "D": "deleted",
    "R": "renamed",
    "C": "added",
    "T": "modified",
}


def _status_of(code: str) -> str:
    if code == "??":
        return "untracked"
    if "U" in code or code in ("AA", "DD"):
        return "conflicted"
    index, tree = code[0], code[1]
    return _STATUS.get(tree if tree != " " else index, "modified")


# Config for every call: a repository's own config must not make reading it run commands it
# chose. `git status` would run a file-system monitor command, and the filter drivers of files
# whose times changed (turned off by name in `_filters_off`); hooks are shut off too. Status
# runs no diff, so neither external diff nor textconv drivers.
_SAFE_CONFIG = {
    "core.fsmonitor": "false",
    "core.untrackedCache": "false",
    "core.hooksPath": os.devnull,
}
_FILTER_COMMAND = re.compile(r"filter\.(.+)\.(?:clean|smudge|process)", re.DOTALL)


def _environment(config: dict[str, str]) -> dict[str, str]:
    """`config` as git's GIT_CONFIG_COUNT variables: they win over every config file, like `-c`,
    and take any key (a `-c` option cannot name a driver whose name holds `=`)."""
    variables = {"GIT_OPTIONAL_LOCKS": "0", "GIT_CONFIG_COUNT": str(len(config))}
    for index, (key, value) in enumerate(config.items()):
        variables[f"GIT_CONFIG_KEY_{index}"] = key
        variables[f"GIT_CONFIG_VALUE_{index}"] = value
    return spawn.child_environment(variables)


async def _read(
    git: str, config: ProjectConfig, *args: str, extra: dict[str, str] | None = None
) -> spawn.Captured | None:
    """A read-only git command in the project under the safe config; None when it failed."""
    result = await spawn.capture(
        [git, *args],
        cwd=config.root,
        env=_environment({**_SAFE_CONFIG, **(extra or {})}),
        timeout=30,
        limits=spawn.NO_LIMITS,
    )
    return None if result.timed_out or result.returncode != 0 else result


async def _filters_off(git: str, config: ProjectConfig) -> dict[str, str]:
    """Each filter driver the repository's config defines, turned off: their names are the
    repository's choice, so they are found by reading its config."""
    found = await _read(git, config, "config", "-z", "--name-only", "--get-regexp", r"^filter\.")
    keys = found.stdout.decode("utf-8", "surrogateescape").split("\0") if found else []
    names = {match.group(1) for key in keys if (match := _FILTER_COMMAND.fullmatch(key))}
    off: dict[str, str] = {}
    for name in sorted(names):
        off |= {f"filter.{name}.{command}": "" for command in ("clean", "smudge", "process")}
        off[f"filter.{name}.required"] = "false"
    return off


async def status(config: ProjectConfig) -> dict[str, Any]:
    not_a_repository = {"repository": False, "branch": None, "files": {}}
    git = shutil.which("git")
    if git is None:
        return not_a_repository
    top = await _read(git, config, "rev-parse", "--show-toplevel")
    if top is None:
        return not_a_repository
    # the project may be a folder of a larger repository: paths come relative to its top
    toplevel = Path(top.stdout.decode().strip()).resolve()
    result = await _read(
        git,
        config,
        *("status", "--porcelain=v1", "-z", "--branch", "--untracked-files=all", "--", "."),
        extra=await _filters_off(git, config),
    )
    if result is None:
        return not_a_repository
    entries = result.stdout.decode(errors="replace").split("\0")
    branch = None
    files: dict[str, str] = {}
    skip_next = False
    for entry in entries:
        if skip_next:  # the original path of a rename
            skip_next = False
            continue
        if not entry:
            continue
        if entry.startswith("## "):
            branch = entry[3:].split("...")[0].replace("No commits yet on ", "")
            continue
        code, path = entry[:2], entry[3:]
        skip_next = code[0] in "RC"
        try:
            relative = (toplevel / path).relative_to(config.root).as_posix()
        except ValueError:
            continue
        files[relative] = _status_of(code)
    return {"repository": True, "branch": branch, "files": files}
