"""The server's side of a project worker: start it, ask it, and survive it.

A worker runs user code, so it may hang, exit or be killed at any moment. Requests go one at a
time with a timeout; a worker that does not answer in time is asked for its stacks (to tell the
user where it was stuck), killed with its process group and started again. A worker that dies
fails the request in flight with the reason, and is started again as well. The server itself
never waits on a worker without a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..worker import protocol
from ..workspace.config import ProjectConfig
from . import processes
from .launch import worker_argv, worker_env

log = logging.getLogger(__name__)

_STACK_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')

StateListener = Callable[[str, str | None], None]
# How to start the process: (argv, environment). The default is the project's worker.
Command = Callable[[], tuple[list[str], dict[str, str]]]


class WorkerError(Exception):
    """The worker could not answer. `errors` are user-facing error dicts for the UI."""

    def __init__(self, message: str, errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or [{"message": message, "kind": "worker", "file": None, "line": None}]


class WorkerUnavailable(WorkerError):
    """The worker process cannot be started in the project's environment."""


class WorkerTimeout(WorkerError):
    """The worker did not answer in time and was restarted."""


class WorkerCrashed(WorkerError):
    """The worker process died while answering."""


class RequestFailed(WorkerError):
    """The worker answered with an error (user code raised, or the request was invalid)."""

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__(str(payload.get("message", "request failed")), payload.get("errors"))
        self.payload = payload


def _describe_exit(returncode: int | None) -> str:
    if returncode is None:
        return "stopped"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        extra = " (killed: often the system running out of memory)" if name == "SIGKILL" else ""
        return f"was killed by {name}{extra}"
    return f"exited with code {returncode}"


class Supervisor:
    def __init__(
        self,
        config: ProjectConfig,
        on_state: StateListener | None = None,
        *,
        start_timeout: float = 180.0,
        memory_mb: int = 0,
        command: Command | None = None,
    ) -> None:
        self.config = config
        self.command = command or (
            lambda: (worker_argv(config, "serve"), worker_env(config, memory_mb))
        )
        self.state = "stopped"
        self.detail: str | None = None
        self._announced: tuple[str, str | None] = ("stopped", None)
        self.restarts = 0
        self.info: dict[str, Any] = {}
        self._on_state = on_state
        self._start_timeout = start_timeout
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._stderr_pump: asyncio.Task[None] | None = None
        self._restart_task: asyncio.Task[None] | None = None
        self._pending: asyncio.Future[dict[str, Any]] | None = None
        self._lock = asyncio.Lock()
        self._stderr: deque[str] = deque(maxlen=400)
        self._stderr_count = 0
        self._next_id = 0
        self._closed = False
        self._stopping = False  # we are killing the process: its exit is no news

    # ----------------------------------------------------------------------------------------
    # public

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.returncode is None else None

    async def call(
        self, method: str, params: dict[str, Any] | None = None, *, timeout: float = 60.0
    ) -> Any:
        async with self._lock:
            if self._closed:
                raise WorkerUnavailable("The project was closed.")
            await self._ensure_started()
            self._set_state("busy")
            try:
                reply = await asyncio.wait_for(self._roundtrip(method, params or {}), timeout)
            except TimeoutError:
                error = await self._timeout_error(method, timeout)
                await self._kill()
                self._schedule_restart(error.message)
                raise error from None
            except WorkerCrashed as crash:
                await self._kill()
                self._schedule_restart(crash.message)
                raise
            self._set_state("ready")
        if reply.get("ok"):
            return reply.get("result")
        raise RequestFailed(reply.get("error") or {})

    async def start(self) -> None:
        async with self._lock:
            await self._ensure_started()

    async def restart(self) -> None:
        """A fresh worker: after the project's environment changed (new packages)."""
        async with self._lock:
            await self._kill(graceful=True)
            await self._ensure_started()

    async def close(self) -> None:
        self._closed = True
        if self._restart_task is not None:
            self._restart_task.cancel()
        await self._kill(graceful=True)
        self._set_state("stopped")

    def stderr_tail(self, lines: int = 40) -> str:
        return "\n".join(list(self._stderr)[-lines:])

    # ----------------------------------------------------------------------------------------
    # process life

    def _set_state(self, state: str, detail: str | None = None) -> None:
        self.state, self.detail = state, detail
        if state == "busy" or (state, detail) == self._announced:
            return
        self._announced = (state, detail)
        if self._on_state is not None:
            self._on_state(state, detail)

    async def _ensure_started(self) -> None:
        if self._process is not None and self._process.returncode is None:
            return
        if not self.config.python.exists():
            self._set_state("failed", "no environment")
            raise WorkerUnavailable(
                f"The project has no environment at {self.config.venv}: run `uv sync` in the "
                "project folder."
            )
        self._set_state("starting")
        argv, env = self.command()
        process = await processes.spawn(
            argv,
            cwd=self.config.root,
            env=env,
            stdin=asyncio.subprocess.PIPE,
            limit=protocol.MAX_LINE_BYTES,
        )
        self._process = process
        self._stderr_pump = asyncio.create_task(self._pump_stderr(process))
        assert process.stdout is not None
        try:
            line = await asyncio.wait_for(process.stdout.readline(), self._start_timeout)
        except TimeoutError:
            line = b""
        ready = protocol.decode(line) if line.strip() else {}
        if ready.get("event") != "ready":
            await self._kill()
            await asyncio.sleep(0)  # let the stderr pump drain
            tail = self.stderr_tail(15)
            message = f"The worker could not start with {self.config.python}: {tail or 'no output'}"
            hint = None
            if "No module named 'dagster'" in tail:
                hint = "Dagster is not installed in the project's environment: run `uv sync`."
            self._set_state("failed", tail.splitlines()[-1] if tail else "could not start")
            raise WorkerUnavailable(
                message,
                [{"message": message, "kind": "worker", "file": None, "line": None, "hint": hint}],
            )
        self.info = ready
        self._reader = asyncio.create_task(self._read_replies(process))
        self._set_state("ready")

    async def _pump_stderr(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        async for raw in process.stderr:
            line = raw.decode(errors="replace").rstrip("\n")
            self._stderr.append(line)
            self._stderr_count += 1
            log.debug("worker %s: %s", self.config.name, line)

    async def _read_replies(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        try:
            async for line in process.stdout:
                if not line.strip():
                    continue
                message = protocol.decode(line)
                if "event" in message:
                    continue
                if self._pending is not None and not self._pending.done():
                    self._pending.set_result(message)
        except (ValueError, asyncio.LimitOverrunError) as exc:
            log.warning("worker %s sent an unreadable reply: %s", self.config.name, exc)
            await processes.stop_process(process, grace=0)
        returncode = await process.wait()
        idle = self._pending is None or self._pending.done()
        if idle and not self._stopping and not self._closed and process is self._process:
            self._schedule_restart(f"The worker process {_describe_exit(returncode)}.")
            return
        if self._pending is not None and not self._pending.done():
            if self._stderr_pump is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(self._stderr_pump), 1.0)
            message = f"The worker process {_describe_exit(returncode)} while answering."
            tail = self.stderr_tail(20)
            self._pending.set_exception(
                WorkerCrashed(
                    message,
                    [
                        {
                            "message": message,
                            "kind": "crash",
                            "file": None,
                            "line": None,
                            "detail": tail,
                            "hint": "The designer restarted it. If this happens on every load, "
                            "look for code that ends the process (os._exit, a crash in an "
                            "extension module) or exhausts memory at import time.",
                        }
                    ],
                )
            )

    async def _roundtrip(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        process = self._process
        assert process is not None and process.stdin is not None
        self._next_id += 1
        self._pending = asyncio.get_running_loop().create_future()
        try:
            process.stdin.write(protocol.encode(protocol.request(self._next_id, method, params)))
            await process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the reader reports the exit
        return await self._pending

    async def _kill(self, graceful: bool = False) -> None:
        process = self._process
        if process is None:
            return
        self._stopping = True
        try:
            await self._stop(process, graceful)
        finally:
            self._stopping = False
            self._process = None

    async def _stop(self, process: asyncio.subprocess.Process, graceful: bool) -> None:
        if graceful and process.stdin is not None and process.returncode is None:
            process.stdin.close()  # end of input asks the worker to exit
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), 2.0)
        await processes.stop_process(process, grace=0.5)
        for task in (self._reader, self._stderr_pump):
            if task is not None and not task.done():
                with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(task, 1.0)

    async def _timeout_error(self, method: str, timeout: float) -> WorkerTimeout:
        """Ask the hung worker where it is (faulthandler on SIGUSR1) and build the error."""
        mark = self._stderr_count
        file, line = None, None
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.send_signal(signal.SIGUSR1)
            await asyncio.sleep(0.5)
            fresh = (
                list(self._stderr)[-(self._stderr_count - mark) :]
                if self._stderr_count > mark
                else []
            )
            for text in fresh:
                match = _STACK_FRAME.match(text)
                if match and self._project_file(match.group("file")):
                    file, line = self._project_file(match.group("file")), int(match.group("line"))
                    break
        what = {"load": "Loading definitions", "scaffold": "Scaffolding", "check": "Checking"}.get(
            method, f"The request `{method}`"
        )
        where = f" It was running {file}:{line}." if file else ""
        message = f"{what} did not finish within {timeout:g} s and was stopped.{where}"
        return WorkerTimeout(
            message,
            [
                {
                    "message": message,
                    "kind": "timeout",
                    "file": file,
                    "line": line,
                    "hint": "Look for an endless loop or a blocking call (network, input(), "
                    "sleep) that runs when the module is imported.",
                }
            ],
        )

    def _project_file(self, path: str) -> str | None:
        try:
            rel = Path(path).resolve().relative_to(self.config.root)
        except ValueError:
            return None
        return None if rel.parts[:1] == (".venv",) else rel.as_posix()

    def _schedule_restart(self, reason: str) -> None:
        self.restarts += 1
        self._set_state("restarting", reason)

        async def restart() -> None:
            try:
                async with self._lock:
                    if not self._closed:
                        await self._ensure_started()
            except WorkerError as exc:
                log.warning("worker %s did not restart: %s", self.config.name, exc.message)

        self._restart_task = asyncio.create_task(restart())
