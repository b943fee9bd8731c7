"""The one place that starts subprocesses.

Every child gets an argument list (never a shell string), an environment built from the
server's minus what must not leak (the designer's token, an activated virtualenv), its own
session and process group so it can be stopped with all its children, and a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# Variables that would point a child at the designer's environment, or leak its secret.
_DROPPED_VARIABLES = (
    "VIRTUAL_ENV",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONSTARTUP",
    "CONDA_PREFIX",
    "UV_PROJECT_ENVIRONMENT",
    "DAGSTER_DESIGNER_TOKEN",
    "DAGSTER_IS_DEV_CLI",
)


def child_environment(
    extra: Mapping[str, str] | None = None, path_prefix: Sequence[Path] = ()
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_VARIABLES}
    env.setdefault("DAGSTER_DG_UPDATE_CHECK_ENABLED", "0")
    env.setdefault("UV_COMPILE_BYTECODE", "1")
    if path_prefix:
        env["PATH"] = os.pathsep.join([*map(str, path_prefix), env.get("PATH", "")])
    if extra:
        env.update(extra)
    return env


def kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    """Signal a child's whole process group; gone already is fine."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


async def stop_process(process: asyncio.subprocess.Process, grace: float = 3.0) -> None:
    """SIGTERM the group, give it `grace` seconds, then SIGKILL, and reap the child."""
    if process.returncode is None:
        kill_group(process.pid, signal.SIGTERM)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)
    kill_group(process.pid, signal.SIGKILL)  # grandchildren may outlive a child that exited
    if process.returncode is None:
        await process.wait()


async def spawn(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    stdin: int | None = asyncio.subprocess.DEVNULL,
    stdout: int | None = asyncio.subprocess.PIPE,
    stderr: int | None = asyncio.subprocess.PIPE,
    limit: int = 2**16,
) -> asyncio.subprocess.Process:
    """Start a child in its own session and process group, so it can be stopped with all of
    its children; argv is a list, never a shell string."""
    return await asyncio.create_subprocess_exec(
        *argv,
        cwd=cwd,
        env=dict(env),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,
        limit=limit,
    )


@dataclass(frozen=True)
class Completed:
    returncode: int
    output: str
    timed_out: bool = False


async def run(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    on_line: Callable[[str], None] | None = None,
) -> Completed:
    """Run a command to completion, streaming its merged output lines to `on_line`."""
    process = await spawn(argv, cwd=cwd, env=env, stderr=asyncio.subprocess.STDOUT)
    lines: list[str] = []

    async def pump() -> None:
        assert process.stdout is not None
        async for raw in process.stdout:
            line = raw.decode(errors="replace").rstrip("\n")
            lines.append(line)
            if on_line is not None:
                on_line(line)

    pumping = asyncio.create_task(pump())
    timed_out = False
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except TimeoutError:
        timed_out = True
        await stop_process(process)
    except BaseException:  # cancelled: nothing may be left running
        await asyncio.shield(stop_process(process))
        pumping.cancel()
        raise
    kill_group(process.pid)  # a grandchild could hold the pipe open after the child exits
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(pumping, 5)
    if timed_out:
        return Completed(-1, "\n".join(lines), timed_out=True)
    return Completed(process.returncode or 0, "\n".join(lines))


@dataclass(frozen=True)
class Captured:
    returncode: int
    stdout: bytes
    stderr: str
    timed_out: bool = False


async def capture(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    input: bytes | None = None,
) -> Captured:
    """Run a command to completion, keeping stdout (bytes) and stderr (text) apart."""
    stdin = asyncio.subprocess.PIPE if input is not None else asyncio.subprocess.DEVNULL
    process = await spawn(argv, cwd=cwd, env=env, stdin=stdin)
    try:
        stdout, stderr = await asyncio.wait_for(process.communicate(input), timeout)
    except TimeoutError:
        await stop_process(process)
        return Captured(-1, b"", "", timed_out=True)
    except BaseException:
        await asyncio.shield(stop_process(process))
        raise
    kill_group(process.pid)
    return Captured(process.returncode or 0, stdout, stderr.decode(errors="replace"))
