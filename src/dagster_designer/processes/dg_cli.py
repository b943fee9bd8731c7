"""`dg check defs` in the project's own environment: Dagster's full verdict on the project."""

from __future__ import annotations

import re
import time
from typing import Any

from ..project_files.config import ProjectConfig
from . import spawn, tracebacks
from .launch import project_limits, worker_env

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_YAML_ERROR = re.compile(r"^(?P<file>\S+\.ya?ml):(?P<line>\d+) - (?P<message>.+)$")
_EXCEPTION = re.compile(r"^(?P<type>[A-Za-z_][\w.]*(Error|Exception|Exit)): (?P<message>.*)$")


def parse_errors(config: ProjectConfig, output: str) -> list[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    last_frame: tuple[str, int] | None = None
    for line in output.splitlines():
        if match := _YAML_ERROR.match(line.strip()):
            errors.append(
                {
                    "message": match.group("message"),
                    "file": tracebacks.project_file(config, match.group("file")),
                    "line": int(match.group("line")),
                    "kind": "schema",
                }
            )
        elif frame := tracebacks.project_frame(config, line):
            last_frame = frame
        elif match := _EXCEPTION.match(line.strip()):
            file, number = last_frame if last_frame else (None, None)
            entry = {"message": line.strip(), "file": file, "line": number, "kind": "load"}
            if entry not in errors:
                errors.append(entry)
            last_frame = None
    return errors


async def check_defs(config: ProjectConfig, timeout: float, memory_mb: int) -> dict[str, Any]:
    """`dg check defs`, under the limits of the project's code (`memory_mb` of address space)."""
    dg = config.venv / "bin" / "dg"
    if not dg.exists():
        message = (
            "`dg` is not installed in the project's environment: run "
            "`uv add --dev dagster-dg-cli` in the project folder."
        )
        return {"ok": False, "output": message, "errors": [{"message": message}], "duration_ms": 0}
    started = time.perf_counter()
    result = await spawn.run(
        [str(dg), "check", "defs"],
        cwd=config.root,
        env=worker_env(config),
        timeout=timeout,
        limits=project_limits(memory_mb, timeout),
    )
    output = _ANSI.sub("", result.output)
    duration = round((time.perf_counter() - started) * 1000, 1)
    if result.timed_out:
        message = f"`dg check defs` did not finish within {timeout:g} s and was stopped."
        return {
            "ok": False,
            "output": output,
            "errors": [{"message": message, "kind": "timeout"}],
            "duration_ms": duration,
        }
    errors = parse_errors(config, output) if result.returncode else []
    if result.returncode and not errors:
        errors = [{"message": output.strip().splitlines()[-1] if output.strip() else "failed"}]
    return {
        "ok": result.returncode == 0,
        "output": output,
        "errors": errors,
        "duration_ms": duration,
    }
