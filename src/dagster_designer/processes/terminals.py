"""Interactive shells in a project's folder, each on its own pseudo-terminal.

A terminal is a shell (`$SHELL` when it is bash, zsh or sh, else bash, else sh) started in the
project root with the project's environment activated, on a PTY whose master end the server reads
with `loop.add_reader` and writes without blocking. The shell is started without `os.fork` (a
threaded asyncio server must not fork): a tiny Python bootstrap, started in a new session with
the PTY slave as its stdin, stdout and stderr, makes the slave its controlling terminal (so job
control, Ctrl-C and SIGWINCH work), makes itself a child subreaper (orphans of what the shell
starts are re-parented to the shell, not to init) and `exec`s the shell, which keeps its pid.

Output is kept in a ring buffer (the last 64 KB, replayed to every socket that attaches) and
fanned out to the attached sockets. A terminal ends when its shell exits, when it is ended (SIGHUP,
SIGTERM, SIGKILL to all its processes, with short grace periods, as terminado does), when no
socket has been attached for `idle_timeout` seconds, when its project is removed, and at server
shutdown. A terminal's processes are its shell's session (background jobs included, which job
control puts in process groups of their own), everything that carries the terminal's mark in
its environment (inherited through fork, exec and `setsid`, so what moved to a session of its
own is found), whatever holds its PTY, and every descendant of these (the subreaper keeps
orphans among them while the shell runs, even those that cleared their environment).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import logging
import os
import re
import secrets
import shutil
import signal
import struct
import sys
import termios
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import spawn
from .launch import project_environment

log = logging.getLogger(__name__)

MAX_PER_PROJECT = 8
MAX_TOTAL = 24
IDLE_TIMEOUT = 15 * 60.0
SCROLLBACK_BYTES = 64 * 1024
# Seconds each of SIGHUP, SIGTERM and SIGKILL may take: the waits end as soon as the processes
# are gone, and a busy machine needs this long for exit handlers (a start-up script's lock file).
GRACE = 3.0
READ_CHUNK = 64 * 1024
# Input not yet accepted by the PTY beyond which writers wait (a huge paste into a busy shell).
INPUT_LIMIT = 1024 * 1024
# Output queued for one socket beyond which that socket is dropped (it may reattach and replay).
SUBSCRIBER_LIMIT = 8 * 1024 * 1024
MAX_SIZE = 1000

# Makes the PTY (fd 0) the controlling terminal of the new session and this process a child
# subreaper (PR_SET_CHILD_SUBREAPER, kept across exec), then becomes the shell.
_BOOTSTRAP = """\
import ctypes, fcntl, os, sys, termios
try:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
except OSError:
    pass
try:
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)
except (AttributeError, OSError):
    pass
os.execv(sys.argv[1], sys.argv[1:])
"""
# The variable that marks a terminal's processes; its value is the terminal's id.
MARK = "DAGSTER_DESIGNER_TERMINAL"

# bash reads this instead of ~/.bashrc: the user's usual start-up first, then the project's
# environment on top of whatever it changed. Values come from the environment, never from text
# pasted into the file, and prompt expansion does not re-expand them.
_BASHRC = """\
# Written by Dagster Designer for its terminals.
if [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi
if [ -n "$VIRTUAL_ENV" ]; then
  case "$PATH" in
    "$VIRTUAL_ENV/bin:"*) ;;
    *) PATH="$VIRTUAL_ENV/bin:$PATH"; export PATH ;;
  esac
fi
case "$PS1" in
  "(${VIRTUAL_ENV_PROMPT}) "*) ;;
  *) PS1='(${VIRTUAL_ENV_PROMPT}) '"${PS1:-\\w \\$ }" ;;
esac
hash -r
"""

# Variables of the server's own terminal that would lie to the shell about its terminal.
_TERMINAL_VARIABLES = ("COLUMNS", "LINES", "TERM_PROGRAM", "TERM_PROGRAM_VERSION", "TMUX", "STY")


class TerminalError(Exception):
    """A terminal could not be started."""


class TerminalLimit(TerminalError):
    pass


class TerminalNotFound(KeyError):
    def __init__(self, project_id: str, terminal_id: str) -> None:
        super().__init__(terminal_id)
        self.project_id = project_id
        self.terminal_id = terminal_id

    def __str__(self) -> str:
        return f"No terminal `{self.terminal_id}` in project `{self.project_id}`."


# ------------------------------------------------------------------------------------------------
# the processes of a terminal


def _process_table() -> dict[int, tuple[int, int, int]]:
    """{pid: (parent, process group, session)} of the live processes (Linux /proc)."""
    table: dict[int, tuple[int, int, int]] = {}
    try:
        entries = os.listdir("/proc")  # noqa: PTH208 - scanned often: plain strings
    except OSError:
        return table
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:  # noqa: PTH123 - hot loop
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 4 or fields[0] in (b"Z", b"X"):
            continue
        table[int(name)] = (int(fields[1]), int(fields[2]), int(fields[3]))
    return table


def _marked(pid: int, mark: bytes) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:  # noqa: PTH123 - hot loop
            return mark in b"\0" + handle.read()
    except OSError:  # gone, or another user's
        return False


def _holding(pid: int, tty: int) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")  # noqa: PTH208 - scanned often: plain strings
    except OSError:
        return False
    for fd in fds:
        with contextlib.suppress(OSError):
            if os.stat(f"/proc/{pid}/fd/{fd}").st_rdev == tty:  # noqa: PTH116 - hot loop
                return True
    return False


def terminal_processes(
    shell: int, terminal_id: str, known: Iterable[int] = (), tty: int | None = None
) -> dict[int, int]:
    """{pid: process group} of the live processes of a terminal: its shell's session, those
    marked with its id, those of `known` still alive, with `tty` (the PTY's device, a slower
    scan) those holding its PTY, and the descendants of all. Never this server itself."""
    table = _process_table()
    mark = f"\0{MARK}={terminal_id}\0".encode()
    members = {pid for pid, (_, _, session) in table.items() if session == shell}
    members |= table.keys() & set(known)
    members |= {pid for pid in table.keys() - members if _marked(pid, mark)}
    if tty is not None:
        members |= {pid for pid in table.keys() - members if _holding(pid, tty)}
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in table.items():
        children.setdefault(parent, []).append(pid)
    stack = list(members)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in members:
                members.add(child)
                stack.append(child)
    members.discard(os.getpid())
    return {pid: table[pid][1] for pid in members}


def _signal(members: dict[int, int], sig: int) -> None:
    """Send `sig` to each process and to its process group (which catches a child forked since
    the scan); stopped jobs get SIGCONT too, so they see a SIGHUP or SIGTERM."""
    groups = set(members.values()) - {os.getpgrp()}
    for group in groups:
        spawn.kill_group(group, sig)
    for pid in members:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)
    if sig in (signal.SIGHUP, signal.SIGTERM):
        for group in groups:
            spawn.kill_group(group, signal.SIGCONT)


# ------------------------------------------------------------------------------------------------
# the shell and its environment


def pick_shell() -> str:
    candidate = os.environ.get("SHELL", "")
    if Path(candidate).name in ("bash", "zsh", "sh") and os.access(candidate, os.X_OK):
        return candidate
    return shutil.which("bash") or shutil.which("sh") or "/bin/sh"


def _prompt_name(name: str) -> str:
    return re.sub(r"[^\w.-]", "_", name) or "project"


def shell_environment(
    root: Path, name: str, shell: str, extra_path: Sequence[Path] = ()
) -> dict[str, str]:
    """The server's environment minus its secrets, with the project's .venv activated."""
    venv = root / ".venv"
    label = _prompt_name(name)
    prompt = {"sh": f"({label}) $ ", "zsh": f"({label}) %~ %# "}.get(
        Path(shell).name, f"({label}) \\w \\$ "
    )
    variables = {
        "VIRTUAL_ENV_PROMPT": label,
        "PS1": prompt,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
    }
    # the designer's linked executables after the user's own PATH: their tools win
    env = project_environment(venv, variables, path_suffix=extra_path)
    for variable in _TERMINAL_VARIABLES:
        env.pop(variable, None)
    return env


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _exit_code(returncode: int | None) -> int:
    """The shell's convention: 128 + N for a shell killed by signal N."""
    if returncode is None:
        return -1
    return 128 - returncode if returncode < 0 else returncode


# ------------------------------------------------------------------------------------------------
# one terminal


@dataclass(frozen=True)
class Closing:
    """The last item a socket's queue receives: close it with this code and reason."""

    code: int = 1000
    reason: str = ""


class Subscriber:
    """One attached socket: output bytes and JSON messages in order, ending with `Closing`."""

    def __init__(self) -> None:
        self._items: deque[bytes | dict[str, Any] | Closing] = deque()
        self._ready = asyncio.Event()
        self.pending = 0  # output bytes queued

    def put(self, item: bytes | dict[str, Any] | Closing) -> None:
        if isinstance(item, bytes):
            self.pending += len(item)
        self._items.append(item)
        self._ready.set()

    async def get(self, join_up_to: int = 256 * 1024) -> bytes | dict[str, Any] | Closing:
        """The next item; consecutive output is joined into one frame of up to `join_up_to`."""
        while not self._items:
            self._ready.clear()
            await self._ready.wait()
        item = self._items.popleft()
        if isinstance(item, bytes):
            parts = [item]
            size = len(item)
            while self._items and isinstance(self._items[0], bytes) and size < join_up_to:
                following = self._items.popleft()
                assert isinstance(following, bytes)
                parts.append(following)
                size += len(following)
            self.pending -= size
            item = b"".join(parts) if len(parts) > 1 else item
        return item

    def drop(self, closing: Closing) -> None:
        """Forget what is queued and close: the socket could not keep up."""
        self._items.clear()
        self.pending = 0
        self.put(closing)


class Terminal:
    def __init__(
        self,
        *,
        terminal_id: str,
        project_id: str,
        process: asyncio.subprocess.Process,
        master: int,
        tty: int,
        shell: str,
        cols: int,
        rows: int,
        scrollback: int,
        grace: float,
        idle_timeout: float,
        on_idle: Callable[[Terminal], None],
        on_closed: Callable[[Terminal], None],
    ) -> None:
        self.id = terminal_id
        self.project_id = project_id
        self.process = process
        self.pid = process.pid
        self.shell = shell
        self.cols = cols
        self.rows = rows
        self.created_at = datetime.now(UTC)
        self.returncode: int | None = None
        self._master = master
        self._tty = tty  # the device number of the PTY's slave end
        self._found: set[int] = set()  # processes found to be the terminal's, once
        self._scrollback = scrollback
        self._grace = grace
        self._idle_timeout = idle_timeout
        self._on_idle = on_idle
        self._on_closed = on_closed
        self._loop = asyncio.get_running_loop()
        self._buffer = bytearray()
        self._trimmed = False
        self._subscribers: set[Subscriber] = set()
        self._input = bytearray()
        self._writing = False
        self._drained = asyncio.Event()
        self._drained.set()
        self._eof = asyncio.Event()
        self._closed = asyncio.Event()
        self._idle_timer: asyncio.TimerHandle | None = None
        self._ending: asyncio.Task[None] | None = None
        self._loop.add_reader(master, self._on_readable)
        self._reading = True
        self._watcher = asyncio.create_task(self._watch(), name=f"terminal-{self.id}")
        self._arm_idle_timer()

    # -- public state ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    @property
    def attached(self) -> int:
        return len(self._subscribers)

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "project_id": self.project_id,
            "pid": self.pid,
            "shell": self.shell,
            "cols": self.cols,
            "rows": self.rows,
            "attached": self.attached,
            "created_at": self.created_at,
        }

    def replay(self) -> bytes:
        """The last output, from the start of a line when the buffer had to drop older output."""
        data = bytes(self._buffer)
        if self._trimmed:
            newline = data.find(b"\n", 0, 4096)
            if newline >= 0:
                data = data[newline + 1 :]
        return data

    # -- attaching ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def attach(self) -> Iterator[Subscriber]:
        """A subscriber whose queue starts with the replay, then receives everything new."""
        subscriber = Subscriber()
        if self._buffer:
            subscriber.put(self.replay())
        if self.closed:
            subscriber.put(self._exit_message())
            subscriber.put(Closing())
            yield subscriber
            return
        self._subscribers.add(subscriber)
        self._disarm_idle_timer()
        try:
            yield subscriber
        finally:
            self._subscribers.discard(subscriber)
            self._arm_idle_timer()

    def _arm_idle_timer(self) -> None:
        if self._subscribers or self.closed or self._idle_timer is not None:
            return
        self._idle_timer = self._loop.call_later(self._idle_timeout, self._idle)

    def _disarm_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None

    def _idle(self) -> None:
        self._idle_timer = None
        if not self._subscribers and not self.closed:
            log.info("ending terminal %s of %s: idle", self.id, self.project_id)
            self._on_idle(self)

    # -- output ---------------------------------------------------------------------------------

    def _on_readable(self) -> None:
        chunks = []
        for _ in range(16):  # then let the loop breathe; the reader is called again
            try:
                data = os.read(self._master, READ_CHUNK)
            except BlockingIOError:
                break
            except OSError:  # EIO: every process holding the slave end closed it
                data = b""
            if not data:
                self._stop_reading()
                self._eof.set()
                break
            chunks.append(data)
        if chunks:
            self._publish(b"".join(chunks))

    def _stop_reading(self) -> None:
        if self._reading:
            self._loop.remove_reader(self._master)
            self._reading = False

    def _publish(self, data: bytes) -> None:
        self._buffer += data
        excess = len(self._buffer) - self._scrollback
        if excess > 0:
            del self._buffer[:excess]
            self._trimmed = True
        for subscriber in list(self._subscribers):
            if subscriber.pending + len(data) > SUBSCRIBER_LIMIT:
                self._subscribers.discard(subscriber)
                subscriber.drop(
                    Closing(1013, "Output came faster than this connection read it; reattach.")
                )
                self._arm_idle_timer()
            else:
                subscriber.put(data)

    # -- input ----------------------------------------------------------------------------------

    async def write(self, data: bytes) -> None:
        """Send keystrokes to the shell; waits while too much earlier input is still pending."""
        if self.closed or not data:
            return
        self._input += data
        self._flush()
        while len(self._input) > INPUT_LIMIT and not self.closed:
            self._drained.clear()
            await self._drained.wait()

    def _flush(self) -> None:
        while self._input and not self.closed:
            try:
                written = os.write(self._master, self._input[:READ_CHUNK])
            except BlockingIOError:  # EAGAIN: the PTY's input queue is full, wait until writable
                break
            except OSError as exc:
                if exc.errno == errno.EINTR:
                    continue
                self._input.clear()  # the terminal is going away
                break
            del self._input[:written]
        if self._input and not self._writing and not self.closed:
            self._loop.add_writer(self._master, self._flush)
            self._writing = True
        elif not self._input and self._writing:
            self._loop.remove_writer(self._master)
            self._writing = False
        if len(self._input) <= INPUT_LIMIT:
            self._drained.set()

    def resize(self, cols: int, rows: int) -> None:
        if self.closed:
            return
        cols, rows = max(1, min(cols, MAX_SIZE)), max(1, min(rows, MAX_SIZE))
        _set_size(self._master, cols, rows)  # the kernel sends SIGWINCH to the foreground job
        self.cols, self.rows = cols, rows

    # -- ending ---------------------------------------------------------------------------------

    async def _members(self, *, shell: bool = True, thorough: bool = False) -> dict[int, int]:
        """The terminal's processes; `thorough` also finds those holding its PTY (one that both
        left the session and cleared its environment, orphaned when the shell exited), and
        every later call keeps them."""
        tty = self._tty if thorough else None
        members = await asyncio.to_thread(terminal_processes, self.pid, self.id, self._found, tty)
        self._found.update(members)
        if not shell:
            members.pop(self.pid, None)
        return members

    async def _gone(self, timeout: float, *, shell: bool = True) -> bool:
        """Whether the terminal's processes (the shell's own included, or not) end in time."""
        deadline = self._loop.time() + timeout
        while True:
            shell_done = not shell or self.process.returncode is not None
            if shell_done and not await self._members(shell=shell):
                return True
            if self._loop.time() >= deadline:
                return False
            await asyncio.sleep(0.05)

    async def _kill_processes(self) -> None:
        """End every process of the terminal: SIGHUP, then SIGTERM, then SIGKILL.

        The shell is held stopped while what it started gets its SIGHUP, and is hung up only
        after they are gone: the PTY stays alive while they clean up (a shell's exit hangs the
        terminal up, which would kill their exit handlers half-way: a lock file left behind by a
        start-up script, say). Every round scans again: nothing forked meanwhile is missed."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(self.pid, signal.SIGSTOP)
        others = await self._members(shell=False, thorough=True)
        if others:
            _signal(others, signal.SIGHUP)
            await self._gone(self._grace, shell=False)
        for sig in (signal.SIGHUP, signal.SIGTERM):
            _signal(await self._members(), sig)  # with SIGCONT: the shell runs again and sees it
            if await self._gone(self._grace):
                return
        _signal(await self._members(), signal.SIGKILL)
        await self._gone(self._grace)

    async def _watch(self) -> None:
        try:
            await self.process.wait()
            # leftovers (background jobs, a daemon that kept the PTY) go with the shell
            await self._kill_processes()
            # all output the shell wrote is read before the PTY reports its end
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._eof.wait(), 1.0)
        finally:
            self._finish()

    def _finish(self) -> None:
        if self.closed:
            return
        if self._reading:
            self._on_readable()  # what is left, without waiting
        self._stop_reading()
        if self._writing:
            self._loop.remove_writer(self._master)
            self._writing = False
        self._input.clear()
        self._drained.set()
        self._disarm_idle_timer()
        with contextlib.suppress(OSError):
            os.close(self._master)
        self.returncode = self.process.returncode
        self._closed.set()
        message = self._exit_message()
        for subscriber in self._subscribers:
            subscriber.put(message)
            subscriber.put(Closing())
        self._subscribers.clear()
        self._on_closed(self)

    def _exit_message(self) -> dict[str, Any]:
        return {"type": "exit", "code": _exit_code(self.returncode)}

    async def end(self) -> None:
        """End the shell and everything it started, and wait until the terminal is closed."""
        if self.closed:
            return
        if self._ending is None:
            self._ending = asyncio.create_task(self._end())
        await asyncio.shield(self._ending)

    async def _end(self) -> None:
        if self.process.returncode is None:
            await self._kill_processes()
        await self._closed.wait()


# ------------------------------------------------------------------------------------------------
# all terminals of the server


class TerminalManager:
    def __init__(
        self,
        state_dir: Path,
        *,
        idle_timeout: float = IDLE_TIMEOUT,
        max_per_project: int = MAX_PER_PROJECT,
        max_total: int = MAX_TOTAL,
        scrollback: int = SCROLLBACK_BYTES,
        grace: float = GRACE,
        extra_path: Sequence[Path] = (),
    ) -> None:
        self.state_dir = state_dir
        self.idle_timeout = idle_timeout
        self.max_per_project = max_per_project
        self.max_total = max_total
        self.scrollback = scrollback
        self.grace = grace
        self.extra_path = tuple(extra_path)
        self._terminals: dict[str, Terminal] = {}
        self._lock: asyncio.Lock | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False

    def _creation_lock(self) -> asyncio.Lock:
        if self._lock is None:  # created in the loop that uses it
            self._lock = asyncio.Lock()
        return self._lock

    # -- queries --------------------------------------------------------------------------------

    def list(self, project_id: str) -> list[Terminal]:
        return [t for t in self._terminals.values() if t.project_id == project_id]

    def get(self, project_id: str, terminal_id: str) -> Terminal:
        terminal = self._terminals.get(terminal_id)
        if terminal is None or terminal.project_id != project_id:
            raise TerminalNotFound(project_id, terminal_id)
        return terminal

    # -- changes --------------------------------------------------------------------------------

    def _bashrc(self) -> Path:
        path = self.state_dir / "terminals" / "bashrc"
        with contextlib.suppress(OSError):
            if path.read_text() == _BASHRC:
                return path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_BASHRC)
        return path

    async def create(
        self, project_id: str, root: Path, name: str, *, cols: int = 80, rows: int = 24
    ) -> Terminal:
        """Start a shell in `root` with the project's environment."""
        async with self._creation_lock():
            if self._closed:
                raise TerminalError("The server is shutting down.")
            if len(self.list(project_id)) >= self.max_per_project:
                raise TerminalLimit(
                    f"Project `{project_id}` already has {self.max_per_project} terminals, the "
                    "most it may have; close one first (or start the designer with a higher "
                    "--max-terminals-per-project)."
                )
            if len(self._terminals) >= self.max_total:
                raise TerminalLimit(
                    f"{self.max_total} terminals are open in all projects, the most the "
                    "designer runs at once; close one first (or start the designer with a "
                    "higher --max-terminals)."
                )
            terminal = await self._spawn(project_id, root, name, cols, rows)
            self._terminals[terminal.id] = terminal
            log.info("terminal %s of %s started (pid %d)", terminal.id, project_id, terminal.pid)
            return terminal

    async def _spawn(
        self, project_id: str, root: Path, name: str, cols: int, rows: int
    ) -> Terminal:
        shell = pick_shell()
        argv = [sys.executable, "-I", "-S", "-c", _BOOTSTRAP, shell]
        if Path(shell).name == "bash":
            argv += ["--rcfile", str(self._bashrc())]
        argv.append("-i")
        cols, rows = max(1, min(cols, MAX_SIZE)), max(1, min(rows, MAX_SIZE))
        terminal_id = secrets.token_hex(6)
        env = {**shell_environment(root, name, shell, self.extra_path), MARK: terminal_id}
        master, slave = os.openpty()  # both close-on-exec; the child gets the slave as 0, 1, 2
        tty = os.fstat(slave).st_rdev
        try:
            _set_size(master, cols, rows)
            os.set_blocking(master, False)
            process = await spawn.spawn(  # an interactive shell the user controls
                argv,
                cwd=root,
                env=env,
                limits=spawn.NO_LIMITS,
                stdin=slave,
                stdout=slave,
                stderr=slave,
            )
        except OSError as exc:
            os.close(master)
            raise TerminalError(f"The shell `{shell}` could not be started: {exc}") from exc
        finally:
            os.close(slave)
        return Terminal(
            terminal_id=terminal_id,
            project_id=project_id,
            process=process,
            master=master,
            tty=tty,
            shell=shell,
            cols=cols,
            rows=rows,
            scrollback=self.scrollback,
            grace=self.grace,
            idle_timeout=self.idle_timeout,
            on_idle=self._ended_when_idle,
            on_closed=self._forget,
        )

    def _forget(self, terminal: Terminal) -> None:
        if self._terminals.get(terminal.id) is terminal:
            del self._terminals[terminal.id]
            log.info(
                "terminal %s of %s ended (%s)",
                terminal.id,
                terminal.project_id,
                terminal.returncode,
            )

    def _ended_when_idle(self, terminal: Terminal) -> None:
        self._background(terminal.end())

    def _background(self, awaitable: Awaitable[None]) -> None:
        async def run() -> None:
            await awaitable

        task = asyncio.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def end(self, project_id: str, terminal_id: str) -> None:
        await self.get(project_id, terminal_id).end()

    async def end_project(self, project_id: str) -> None:
        """End every terminal of a project (it is being removed)."""
        await asyncio.gather(*(t.end() for t in self.list(project_id)))

    async def shutdown(self) -> None:
        """End every terminal; nothing they started is left running."""
        self._closed = True
        await asyncio.gather(*(t.end() for t in list(self._terminals.values())))
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
