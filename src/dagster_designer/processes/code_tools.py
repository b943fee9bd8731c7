"""Code intelligence for Python files of a project: ruff (lint, format) and jedi (completion).

ruff runs as a command on the text sent by the editor, in the project folder so that the
project's own ruff configuration applies; jedi runs in a supervised process per project.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ruff.__main__ import find_ruff_bin

from ..project_files.config import ProjectConfig
from . import spawn
from .launch import project_limits
from .supervisor import Supervisor

TIMEOUT = 20.0
# jedi infers Dagster's namespace before it answers: seconds idle, far more on a busy machine
COMPLETION_START_TIMEOUT = 60.0


class CodeToolError(ValueError):
    """ruff could not handle the text; the message says why."""


async def _ruff(config: ProjectConfig, args: list[str], source: str) -> spawn.Captured:
    return await spawn.capture(
        [find_ruff_bin(), *args],
        cwd=config.root,
        env=spawn.child_environment(),
        timeout=TIMEOUT,
        limits=spawn.NO_LIMITS,  # ruff reads the text, it runs none of it
        input=source.encode(),
    )


def stdin_filename(path: str) -> str:
    """The name ruff gives the text it reads, joined to its flag: a separate value that starts
    with '-' (a file named `-rf`) is read as one of ruff's own options."""
    return f"--stdin-filename={path}"


async def format_source(config: ProjectConfig, path: str, source: str) -> str:
    result = await _ruff(config, ["format", stdin_filename(path), "-"], source)
    if result.timed_out or result.returncode != 0:
        lines = result.stderr.strip().splitlines()
        raise CodeToolError(lines[-1] if lines else "ruff format failed")
    return result.stdout.decode()


async def lint_source(config: ProjectConfig, path: str, source: str) -> list[dict[str, Any]]:
    args = ["check", "--output-format", "json", "--exit-zero", "--no-cache"]
    result = await _ruff(config, [*args, stdin_filename(path), "-"], source)
    if result.timed_out:
        raise CodeToolError("ruff did not answer in time")
    try:
        found = json.loads(result.stdout or b"[]")
    except ValueError as exc:
        raise CodeToolError(result.stderr.strip() or "ruff gave no result") from exc
    return [
        {
            "line": item["location"]["row"],
            "column": item["location"]["column"],
            "end_line": item["end_location"]["row"],
            "end_column": item["end_location"]["column"],
            "message": item["message"],
            "code": item.get("code"),
            # syntax errors are errors; rule findings are warnings the code still runs with
            "severity": "error" if item.get("code") in (None, "invalid-syntax") else "warning",
        }
        for item in found
    ]


def completion_supervisor(config: ProjectConfig, memory_mb: int) -> Supervisor:
    """jedi, under the limits of the project's code: to complete names it imports the
    project's compiled modules in the project's Python."""

    def command() -> tuple[list[str], dict[str, str]]:
        module = "dagster_designer.processes.completion_process"
        argv = [sys.executable, "-m", module, str(config.root), str(config.python)]
        return argv, spawn.child_environment()

    return Supervisor(
        config, project_limits(memory_mb), command=command, start_timeout=COMPLETION_START_TIMEOUT
    )
