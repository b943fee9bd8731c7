"""The server's side of a project worker: start it, ask it, and survive it.

A worker runs user code, so it may hang, exit or be killed at any moment. Requests go one at a
time with a timeout; a worker that does not answer in time is asked for its stacks (to tell the
user where it was stuck), killed with its process group and started again. A worker that dies
fails the request in flight with the reason, and is started again as well, after a pause that
grows with each failure in a row; after a few it stays down (state `failed`, with the last
reason) until a new request starts it. The server itself never waits on a worker without a
timeout, and reads its output in bounded memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from ..project_files.config import ProjectConfig
from ..worker import protocol
from . import spawn, tracebacks
from .launch import worker_argv, worker_env

log = logging.getLogger(__name__)

StateListener = Callable[[str, str | None], None]
# How to start the process: (argv, environment). The default is the project's worker.
Command = Callable[[], tuple[list[str], dict[str, str]]]
# Pauses before restarting after the first, second, ... failure in a row; then it gives up.
RESTART_DELAYS = (1.0, 2.0, 4.0, 8.0)
IDLE = "idle"  # the detail of a worker stopped because its project had no client


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


class WorkerBusy(WorkerError):
    """The worker stayed busy with other requests for longer than this one may wait."""


class WorkerCrashed(WorkerError):
    """The worker process died while answering."""


class RequestFailed(WorkerError):
    """The worker answered with an error (user code raised, or the request was invalid)."""

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__(str(payload.get("message", "request failed")), payload.get("errors"))
        self.payload = payload


def describe_exit(returncode: int | None) -> str:
    if returncode is None:
        return "stopped"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        extra = {
            "SIGKILL": " (killed: often the system running out of memory)",
            "SIGXCPU": " (it used up its processor-time limit)",
        }.get(name, "")
        return f"was killed by {name}{extra}"
    return f"exited with code {returncode}"


class Supervisor:
    def __init__(
        self,
        config: ProjectConfig,
        limits: spawn.Limits,
        on_state: StateListener | None = None,
        *,
        start_timeout: float = 180.0,
        command: Command | None = None,
        on_restarted: Callable[[], Awaitable[Any]] | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.config = config
        self.limits = limits
        self.command = command or (lambda: (worker_argv(config, "serve"), worker_env(config)))
        self.state = "stopped"
        self.detail: str | None = None
        self._announced: tuple[str, str | None] = ("stopped", None)
        self.restarts = 0
        # processes started so far: a new one knows nothing, its owner loads it again
        self.generation = 0
        self.info: dict[str, Any] = {}
        self._on_state = on_state
        # after a restart the new process knows nothing: the owner loads it again
        self._on_restarted = on_restarted
        self._failures = 0  # in a row: reset by every answer
        self._start_timeout = start_timeout
        self._sleep = sleep  # the pause before a restart (tests pass a clock of their own)
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self._stderr_pump: asyncio.Task[None] | None = None
        self._restart_task: asyncio.Task[None] | None = None
        self._pending: asyncio.Future[dict[str, Any]] | None = None
        self._lock = asyncio.Lock()
        self._stderr = spawn.OutputTail()
        self._next_id = 0
        self._closed = False
        self._answering: str | None = None  # the method of the request under way
        self._stopping = False  # we are killing the process: its exit is no news

    # ----------------------------------------------------------------------------------------
    # public

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process and self._process.returncode is None else None

    def interrupt(self, method: str) -> None:
        """Cut short the worker's answer to `method` if that is what it is answering now: it
        stops with an `interrupted` answer. (The worker ignores the signal outside the checks
        that may be cut short; it is sent only to a worker that said it is ready, whose handler
        is in place.)"""
        pid = self.pid
        if pid is not None and self._answering == method:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, protocol.INTERRUPT)

    @property
    def idle(self) -> bool:
        """Stopped because nobody used it (`stop_idle`): the next request starts it."""
        return self.state == "stopped" and self.detail == IDLE

    async def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        timeout: float = 60.0,
        wait: float | None = None,
    ) -> Any:
        """`timeout` bounds the answer; `wait`, the time spent queued behind other requests
        and a (re)start in progress, which is otherwise as long as they take."""
        async with self._turn(method, wait):
            if self._closed:
                raise WorkerUnavailable("The project was closed.")
            await self._ensure_started()
            self._set_state("busy")
            self._answering = method
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
            except WorkerError:  # an answer the server refused: the worker itself is fine
                self._failures = 0
                self._set_state("ready")
                raise
            finally:
                self._answering = None
            self._failures = 0
            self._set_state("ready")
        if reply.get("ok"):
            return reply.get("result")
        raise RequestFailed(reply.get("error") or {})

    @contextlib.asynccontextmanager
    async def _turn(self, method: str, wait: float | None) -> AsyncIterator[None]:
        """The worker to this request alone, once the requests before it are done."""
        try:
            await asyncio.wait_for(self._lock.acquire(), wait)
        except TimeoutError:
            raise WorkerBusy(
                f"The worker was busy for {wait:g} s with other requests; `{method}` was not sent."
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    async def start(self) -> None:
        async with self._lock:
            if self._closed:
                raise WorkerUnavailable("The project was closed.")
            await self._ensure_started()

    async def restart(self) -> None:
        """A fresh worker: after the project's environment changed (new packages), or when
        asked for after it failed."""
        async with self._lock:
            self._failures = 0
            await self._kill(graceful=True)
            await self._ensure_started()

    async def stop_idle(self) -> bool:
        """Stop the process because nobody uses the project (state `stopped`, detail `idle`);
        the next request starts it again. False when it was not running or is answering."""
        if self._lock.locked() or self.pid is None:
            return False
        async with self._lock:
            if self._closed or self.pid is None:
                return False
            await self._kill(graceful=True)
            self._set_state("stopped", IDLE)
        return True

    async def close(self) -> None:
        self._closed = True
        if self._restart_task is not None:
            self._restart_task.cancel()
        await self._kill(graceful=True)
        self._set_state("stopped")

    def stderr_tail(self, lines: int = 40) -> str:
        return self._stderr.text(lines)

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
        process = await spawn.spawn(
            argv, cwd=self.config.root, env=env, limits=self.limits, stdin=asyncio.subprocess.PIPE
        )
        self._process = process
        self._stderr_pump = asyncio.create_task(self._pump_stderr(process))
        assert process.stdout is not None
        try:
            ready = await asyncio.wait_for(protocol.read_async(process.stdout), self._start_timeout)
        except (TimeoutError, ValueError):
            ready = None
        if not ready or ready.get("event") != "ready":
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
        self.generation += 1
        self._reader = asyncio.create_task(self._read_replies(process))
        self._set_state("ready")

    async def _pump_stderr(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        async for line in spawn.read_lines(process.stderr):
            self._stderr.add(line)
            log.debug("worker %s: %s", self.config.name, line)

    async def _read_replies(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        fault = None  # why the server stopped the worker itself
        while True:
            try:
                message = await protocol.read_async(process.stdout)
            except protocol.MessageTooLarge as exc:
                # read past, never kept: the request fails, the worker goes on
                self._fail_pending(WorkerError(f"The worker answered with {exc}."))
                continue
            except ValueError as exc:
                fault = f"sent a reply the designer could not read ({exc}), so it was stopped"
                log.warning("worker %s %s", self.config.name, fault)
                await spawn.stop_process(process, grace=0)
                break
            if message is None:
                break
            pending = self._pending
            if "event" not in message and pending is not None and not pending.done():
                pending.set_result(message)
        returncode = await process.wait()
        what = fault or describe_exit(returncode)
        idle = self._pending is None or self._pending.done()
        if idle and not self._stopping and not self._closed and process is self._process:
            await self._drain_stderr()
            self._schedule_restart(f"The worker process {what}.")
            return
        if self._pending is not None and not self._pending.done():
            await self._drain_stderr()
            message = f"The worker process {what} while answering."
            self._fail_pending(
                WorkerCrashed(
                    message,
                    [
                        {
                            "message": message,
                            "kind": "protocol" if fault else "crash",
                            "file": None,
                            "line": None,
                            "detail": self.stderr_tail(20),
                            "hint": "The designer restarts it, a few times in a row at most. If "
                            "this happens on every load, look for code that ends the process "
                            "(os._exit, a crash in an extension module) or exhausts memory at "
                            "import time.",
                        }
                    ],
                )
            )

    async def _drain_stderr(self) -> None:
        """Wait a moment for the last of what an ended worker wrote: it says why it ended."""
        if self._stderr_pump is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._stderr_pump), 1.0)

    def _fail_pending(self, error: WorkerError) -> None:
        if self._pending is not None and not self._pending.done():
            self._pending.set_exception(error)

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
        await spawn.stop_process(process, grace=0.5)
        for task in (self._reader, self._stderr_pump):
            if task is not None and not task.done():
                with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(task, 1.0)

    async def _timeout_error(self, method: str, timeout: float) -> WorkerTimeout:
        """Ask the hung worker where it is (faulthandler on SIGUSR1) and build the error."""
        mark = self._stderr.count
        file, line = None, None
        if self._process is not None and self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.send_signal(signal.SIGUSR1)
            await asyncio.sleep(0.5)
            for text in self._stderr.since(mark):
                if frame := tracebacks.project_frame(self.config, text):
                    file, line = frame
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

    def _schedule_restart(self, reason: str) -> None:
        """Start the worker again after a pause that doubles with each failure in a row; after
        the last pause, give up: it stays down until a request or an explicit restart."""
        if self._closed:
            return  # closed while answering: nothing to restart
        self._failures += 1
        if self._failures > len(RESTART_DELAYS):
            last = self.stderr_tail(1)
            wrote = f" It last wrote: {last.rstrip('.')}." if last else ""
            self._set_state(
                "failed",
                f"{reason}{wrote} It failed {self._failures} times in a row, so it is not "
                "restarted again by itself: a change of the project's files or a new request "
                "starts it.",
            )
            return
        delay = RESTART_DELAYS[self._failures - 1]
        self.restarts += 1
        self._set_state("restarting", reason)

        async def restart() -> None:
            await self._sleep(delay)
            try:
                async with self._lock:
                    if self._closed or self.pid is not None:
                        return  # closed, or a request started it meanwhile
                    await self._ensure_started()
            except WorkerError as exc:
                log.warning("worker %s did not restart: %s", self.config.name, exc.message)
                return
            if self._on_restarted is not None:
                try:
                    await self._on_restarted()
                except Exception:  # its own errors are its own: the worker is up
                    log.exception("after restarting the worker of %s", self.config.name)

        self._restart_task = asyncio.create_task(restart())
