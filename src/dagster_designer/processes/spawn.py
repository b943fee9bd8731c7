"""The one place that starts subprocesses.

Every child gets an argument list (never a shell string), an environment built from the
server's minus what must not leak (the designer's token, an activated virtualenv), its own
session and process group so it can be stopped with all its children, kernel limits chosen by
its caller (the processes that run a project's code get a memory cap that they cannot lift),
and a timeout. What a child writes is read in bounded chunks: an endless line or a flood of
output costs the server a fixed amount of memory, never the child's output size.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
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
    extra: Mapping[str, str] | None = None,
    path_prefix: Sequence[Path] = (),
    path_suffix: Sequence[Path] = (),
) -> dict[str, str]:
    """The server's environment minus `_DROPPED_VARIABLES`, with `extra` set and folders put
    before the PATH (they win) or after it (the user's own tools win)."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_VARIABLES}
    env.setdefault("DAGSTER_DG_UPDATE_CHECK_ENABLED", "0")
    env.setdefault("UV_COMPILE_BYTECODE", "1")
    if path_prefix or path_suffix:
        folders = [*map(str, path_prefix), env.get("PATH", ""), *map(str, path_suffix)]
        env["PATH"] = os.pathsep.join(folders)
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


@dataclass(frozen=True)
class Limits:
    """Kernel limits of a child and of everything it starts; 0 is none. Soft and hard limits
    are set alike, so the child cannot raise them again."""

    memory_mb: int = 0  # address space (RLIMIT_AS)
    cpu_seconds: int = 0  # processor time (RLIMIT_CPU): a bound that holds without the server
    # how far it yields the processor (its nice value): background work the user does not wait
    # on gives way to the browser drawing beside it on the same machine; it cannot take it back
    niceness: int = 0


NO_LIMITS = Limits()

# Sets the limits, then becomes the command (same pid, session and group). A small program of
# the designer's own Python rather than a `preexec_fn`, which is unsafe in a threaded server.
# With `keep`, it stays as the group's leader instead, the command its child: the kernel tells
# it when the server dies (even by SIGKILL), and it kills the whole group then. Otherwise it
# exits as the command did, and ignores the SIGTERM sent to the group (the command decides).
_LIMITED = """\
import os, resource, signal, sys
for kind, arg in ((resource.RLIMIT_AS, 1), (resource.RLIMIT_CPU, 2)):
    value = int(sys.argv[arg])
    if value > 0:
        hard = resource.getrlimit(kind)[1]
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))
if int(sys.argv[5]) > 0:
    os.nice(int(sys.argv[5]))
command = sys.argv[6:]
if sys.argv[3] == "keep":
    import ctypes
    signal.signal(signal.SIGUSR2, lambda *_: os.killpg(0, signal.SIGKILL))
    ctypes.CDLL(None).prctl(1, signal.SIGUSR2)  # PR_SET_PDEATHSIG
    if os.getppid() != int(sys.argv[4]):
        os.killpg(0, signal.SIGKILL)  # the server died before: nobody to run for
    child = os.fork()
    if child:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        status = os.waitpid(child, 0)[1]
        if os.WIFSIGNALED(status):  # ended by the same signal
            if os.WTERMSIG(status) != signal.SIGKILL:
                signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
            os.kill(os.getpid(), os.WTERMSIG(status))
        sys.exit(os.waitstatus_to_exitcode(status))
    signal.signal(signal.SIGUSR2, signal.SIG_DFL)
try:
    os.execvp(command[0], command)
except OSError as exc:
    sys.stderr.write(f"could not start {command[0]}: {exc}\\n")
    sys.exit(127)
"""


def limited_argv(argv: Sequence[str], limits: Limits, keep: bool = False) -> list[str]:
    if limits == NO_LIMITS and not keep:
        return list(argv)
    memory = limits.memory_mb * 1024 * 1024
    mode = "keep" if keep else "exec"
    settings = [str(memory), str(limits.cpu_seconds), mode, str(os.getpid()), str(limits.niceness)]
    return [sys.executable, "-I", "-S", "-c", _LIMITED, *settings, *argv]


async def spawn(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    limits: Limits,
    stdin: int | None = asyncio.subprocess.DEVNULL,
    stdout: int | None = asyncio.subprocess.PIPE,
    stderr: int | None = asyncio.subprocess.PIPE,
    die_with_server: bool = False,
) -> asyncio.subprocess.Process:
    """Start a child in its own session and process group, so it can be stopped with all of
    its children, under `limits` (every caller says which); argv is a list, never a shell
    string. Its output is read in bounded pieces (`read_lines`, `read_at_most`, the worker's
    frames), never as lines of unbounded length. A child that reads nothing from the server
    (no end of its input tells it the server is gone) and starts processes of its own is
    started `die_with_server`: its group is killed when the server dies, even by SIGKILL."""
    return await asyncio.create_subprocess_exec(
        *limited_argv(argv, limits, die_with_server),
        cwd=cwd,
        env=dict(env),
        stdin=stdin,
        stdout=stdout,
        stderr=stderr,
        start_new_session=True,
    )


# ----------------------------------------------------------------------------------------------
# reading what a child writes, in bounded memory

CHUNK = 64 * 1024
MAX_LINE = 4096  # bytes of one line kept; the rest is counted, not kept


def _line(kept: bytearray, dropped: int) -> str:
    text = kept.decode(errors="replace").rstrip("\r")
    return f"{text}… [{dropped} more bytes of this line left out]" if dropped else text


async def read_lines(stream: asyncio.StreamReader, max_line: int = MAX_LINE) -> AsyncIterator[str]:
    """The lines of a child's output, each cut at `max_line` bytes with a marker saying how
    much was left out: a line of any length costs at most one chunk and `max_line`."""
    kept = bytearray()
    dropped = 0
    while chunk := await stream.read(CHUNK):
        pieces = chunk.split(b"\n")
        for index, piece in enumerate(pieces):
            room = max(0, max_line - len(kept))
            kept += piece[:room]
            dropped += max(0, len(piece) - room)
            if index < len(pieces) - 1:  # a newline ended this piece
                yield _line(kept, dropped)
                kept, dropped = bytearray(), 0
    if kept or dropped:
        yield _line(kept, dropped)


class OutputTail:
    """The last lines of a child's output, at most `max_lines` and `max_chars` in all."""

    def __init__(self, max_lines: int = 400, max_chars: int = 256 * 1024) -> None:
        self.lines: deque[str] = deque()
        self.count = 0  # every line ever added
        self._max_lines, self._max_chars, self._chars = max_lines, max_chars, 0

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.count += 1
        self._chars += len(line)
        while len(self.lines) > self._max_lines or (
            self._chars > self._max_chars and len(self.lines) > 1
        ):
            self._chars -= len(self.lines.popleft())

    def since(self, count: int) -> list[str]:
        """The lines added after `count` lines had been (those still kept)."""
        fresh = self.count - count
        return list(self.lines)[-fresh:] if fresh > 0 else []

    def text(self, lines: int | None = None) -> str:
        kept = list(self.lines)
        left_out = self.count - len(kept)
        kept = kept if lines is None else kept[-lines:]
        head = [f"[{left_out} earlier lines left out]"] if lines is None and left_out else []
        return "\n".join(head + kept)


class OutputTooLarge(Exception):
    """A child wrote more than the caller accepts."""


async def _discard(stream: asyncio.StreamReader) -> None:
    while await stream.read(CHUNK):
        pass


async def read_at_most(stream: asyncio.StreamReader, limit: int) -> bytes:
    """All of a stream, or `OutputTooLarge` as soon as it passes `limit` bytes."""
    data = bytearray()
    while chunk := await stream.read(CHUNK):
        data += chunk
        if len(data) > limit:
            raise OutputTooLarge(f"more than {limit // (1024 * 1024)} MB")
    return bytes(data)


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
    limits: Limits,
    on_line: Callable[[str], None] | None = None,
) -> Completed:
    """Run a command to completion, streaming its merged output lines to `on_line`; the output
    kept is its last megabyte or so."""
    process = await spawn(argv, cwd=cwd, env=env, limits=limits, stderr=asyncio.subprocess.STDOUT)
    lines = OutputTail(max_lines=20_000, max_chars=1024 * 1024)

    async def pump() -> None:
        assert process.stdout is not None
        async for line in read_lines(process.stdout):
            lines.add(line)
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
        return Completed(-1, lines.text(), timed_out=True)
    return Completed(process.returncode or 0, lines.text())


@dataclass(frozen=True)
class Captured:
    returncode: int
    stdout: bytes
    stderr: str
    timed_out: bool = False
    too_large: bool = False  # stdout passed `max_stdout`: the command was stopped


async def capture(
    argv: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float,
    limits: Limits,
    input: bytes | None = None,
    max_stdout: int = 128 * 1024 * 1024,
) -> Captured:
    """Run a command to completion, keeping stdout (bytes, at most `max_stdout`) and the tail
    of stderr (text) apart."""
    stdin = asyncio.subprocess.PIPE if input is not None else asyncio.subprocess.DEVNULL
    process = await spawn(argv, cwd=cwd, env=env, limits=limits, stdin=stdin)
    assert process.stdout is not None and process.stderr is not None
    stderr = OutputTail()

    async def feed() -> None:
        # a process that exited before this runs has its pipe closed already, and a write to a
        # closed pipe raises (uvloop: RuntimeError); one that exits while it is written to
        # resets the pipe
        if process.stdin is not None and not process.stdin.is_closing():
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                process.stdin.write(input or b"")
                await process.stdin.drain()
                process.stdin.close()

    async def drain_stderr(stream: asyncio.StreamReader) -> None:
        async for line in read_lines(stream):
            stderr.add(line)

    async def read_and_wait(stream: asyncio.StreamReader) -> bytes:
        data = await read_at_most(stream, max_stdout)
        await process.wait()
        return data

    helpers = [asyncio.create_task(feed()), asyncio.create_task(drain_stderr(process.stderr))]
    stdout, timed_out, too_large = b"", False, False
    try:
        stdout = await asyncio.wait_for(read_and_wait(process.stdout), timeout)
    except TimeoutError:
        timed_out = True
    except OutputTooLarge:
        too_large = True
    except BaseException:
        await asyncio.shield(stop_process(process))
        for helper in helpers:
            helper.cancel()
        raise
    if timed_out or too_large:
        await stop_process(process)
    kill_group(process.pid)  # a grandchild could hold the pipes open after the child exits
    helpers[0].cancel()
    if timed_out or too_large:  # read to the end, so that the pipe closes
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_discard(process.stdout), 5)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(helpers[1], 5)
    with contextlib.suppress(asyncio.CancelledError):
        await helpers[0]
    returncode = -1 if timed_out or too_large else process.returncode or 0
    return Captured(returncode, stdout, stderr.text(), timed_out=timed_out, too_large=too_large)
