"""The project's git status, for badges in the file tree."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..workspace.config import ProjectConfig
from . import processes

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


async def status(config: ProjectConfig) -> dict[str, Any]:
    git = shutil.which("git")
    if git is None:
        return {"repository": False, "branch": None, "files": {}}
    env = processes.child_environment({"GIT_OPTIONAL_LOCKS": "0"})
    top = await processes.capture(
        [git, "rev-parse", "--show-toplevel"],
        cwd=config.root,
        env=env,
        timeout=30,
        limits=processes.NO_LIMITS,
    )
    if top.timed_out or top.returncode != 0:
        return {"repository": False, "branch": None, "files": {}}
    # the project may be a folder of a larger repository: paths come relative to its top
    toplevel = Path(top.stdout.decode().strip()).resolve()
    result = await processes.capture(
        [git, "status", "--porcelain=v1", "-z", "--branch", "--untracked-files=all", "--", "."],
        cwd=config.root,
        env=env,
        timeout=30,
        limits=processes.NO_LIMITS,
    )
    if result.timed_out or result.returncode != 0:
        return {"repository": False, "branch": None, "files": {}}
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
