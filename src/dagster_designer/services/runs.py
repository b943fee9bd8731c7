"""Runs of one project: launch, cancel, watch, read, in the project's own Dagster instance.

Reads (history, one run, events, asset status) are requests to the long-lived worker, which has
Dagster imported and the instance open. Execution never happens in the worker: each run gets a
run process (`processes/run_process.py`). One is kept warm per project, its definitions already
loaded, so a launch costs only creating the run; it is replaced after each launch and dropped
when the definitions change. A request is checked by the worker first, so a bad one is refused
at once and launches nothing. A run whose process ends without Dagster recording its end (it
was killed, it ran out of memory, it was cancelled) is ended in the instance with the reason;
runs left unfinished by a designer that stopped are failed the first time runs are used.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from ..processes.launch import project_limits
from ..processes.run_process import RunProcess
from ..processes.supervisor import Supervisor, WorkerError, describe_exit
from ..project_files import dagster_home
from ..project_files.config import ProjectConfig
from ..settings import Settings
from .live_definitions import LiveDefinitions

log = logging.getLogger(__name__)

ORPHANED = "The designer stopped while the run was going on."
CANCELED = "Canceled from the designer."
READ_TIMEOUT = 60.0
# Seconds without a change of the definitions before a run process loads them: while the user
# types, saves must not keep a second process re-loading the project.
REWARM_AFTER = 5.0


class RunNotFound(LookupError):
    pass


class RunEnded(RuntimeError):
    """The run has ended already: there is nothing to cancel."""


class TooManyRuns(RuntimeError):
    """As many runs as the designer runs at once in a project are in progress."""


@dataclass
class ActiveRun:
    process: RunProcess
    canceling: bool = False
    watcher: asyncio.Task[None] | None = field(default=None, repr=False)


class RunService:
    def __init__(
        self,
        config: ProjectConfig,
        settings: Settings,
        supervisor: Supervisor,
        live: LiveDefinitions,
        publish: Callable[[str, str | None], None],
    ) -> None:
        self.config = config
        self.settings = settings
        self.supervisor = supervisor
        self.live = live
        self._publish = publish  # (run_id, status) when a run's status changes
        self._limits = project_limits(settings.worker_memory_mb)
        self._active: dict[str, ActiveRun] = {}
        self._launching = 0
        self._warm: asyncio.Task[RunProcess] | None = None
        self._warm_version = -1
        self._rewarm: asyncio.TimerHandle | None = None
        self._prepared = False
        self._prepare_lock = asyncio.Lock()
        self._closed = False
        self._tasks: set[asyncio.Task[Any]] = set()  # stops in flight, kept from the collector

    # ----------------------------------------------------------------------------------------
    # life

    async def prepare(self) -> None:
        """Once: the instance folder exists, and runs left unfinished by a designer that
        stopped have ended. Then a run process is kept warm."""
        async with self._prepare_lock:
            if not self._prepared:
                await asyncio.to_thread(dagster_home.prepare, self.config.root)
                await self._call("fail_orphans", {"reason": ORPHANED, "keep": list(self._active)})
                self._prepared = True
        self._keep_warm()

    def definitions_changed(self) -> None:
        """The warm process loaded older definitions: drop it now, warm a new one once the
        definitions stop changing (a launch meanwhile starts its own)."""
        if not self._prepared or self._closed:
            return
        self._drop_warm()
        if self._rewarm is not None:
            self._rewarm.cancel()
        self._rewarm = asyncio.get_running_loop().call_later(REWARM_AFTER, self._keep_warm)

    @property
    def in_progress(self) -> int:
        return len(self._active) + self._launching

    def stop_warm(self) -> None:
        """Nobody uses the project: its warm run process ends; the next launch starts one."""
        if self._rewarm is not None:
            self._rewarm.cancel()
            self._rewarm = None
        self._drop_warm()

    async def close(self) -> None:
        self._closed = True
        if self._rewarm is not None:
            self._rewarm.cancel()
        self._drop_warm()
        actives = list(self._active.values())  # each leaves the table once its process ends
        for active in actives:
            await active.process.detach(grace=5.0)
        for active in actives:
            if active.watcher is not None:
                with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(active.watcher, 5.0)
        # stops already in flight (a dropped warm process, a cancel) end before the designer
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=10.0)

    # ----------------------------------------------------------------------------------------
    # launch and cancel

    async def launch(self, request: dict[str, Any]) -> dict[str, Any]:
        # a canceled run no longer counts against the cap: Dagster records it CANCELED from
        # inside its process, which may take seconds more to end (it is stopped regardless)
        canceling = sum(1 for active in self._active.values() if active.canceling)
        in_progress = self.in_progress - canceling
        if in_progress >= self.settings.max_active_runs:
            raise TooManyRuns(
                f"{in_progress} runs are in progress in this project, as many as the designer "
                "runs at once: wait for one to end or cancel one, then launch again."
            )
        self._launching += 1  # counted while it starts, so launches at once cannot pass the cap
        try:
            return await self._launch(request)
        finally:
            self._launching -= 1

    async def _launch(self, request: dict[str, Any]) -> dict[str, Any]:
        await self.prepare()
        await self.live.refresh()  # the definitions of the files as they are now
        await self._call("check_run", {"request": request})
        process = await self._take_warm()
        try:
            run = await process.launch(request, timeout=self.settings.load_timeout)
        except BaseException:
            await process.stop(grace=0)
            raise
        finally:
            self._keep_warm()
        run_id = run["run_id"]
        active = ActiveRun(process)
        self._active[run_id] = active
        active.watcher = asyncio.create_task(self._watch(run_id, active))
        self._publish(run_id, run["status"])
        return {"run_id": run_id, "status": run["status"]}

    async def cancel(self, run_id: str) -> dict[str, Any]:
        active = self._active.get(run_id)
        if active is None:
            run = await self.run(run_id)
            raise RunEnded(f"Run `{run_id}` is {run['status']}: there is nothing to cancel.")
        if not active.canceling:
            active.canceling = True
            await self._call("mark_canceling", {"run_id": run_id})
            self._publish(run_id, "CANCELING")
            self._background(active.process.stop(grace=3.0))
        return {"run_id": run_id, "status": "CANCELING"}

    async def _watch(self, run_id: str, active: ActiveRun) -> None:
        """When the run's process ends: a run Dagster did not end is ended with the reason."""
        code = await active.process.wait()
        # its place is free once its process is gone, before the end shows in its status
        self._active.pop(run_id, None)
        try:
            if active.canceling:
                status, reason = "CANCELED", CANCELED
            else:
                tail = active.process.stderr_tail(8)
                reason = f"The run's process {describe_exit(code)}." + (
                    f" It last wrote:\n{tail}" if tail else ""
                )
                status = "FAILURE"
            if not self._closed:
                ended = await self._call(
                    "mark_ended", {"run_id": run_id, "status": status, "reason": reason}
                )
                self._publish(run_id, ended)
        except WorkerError as exc:
            log.warning("could not record the end of run %s: %s", run_id, exc.message)

    # ----------------------------------------------------------------------------------------
    # the warm run process

    def _keep_warm(self) -> None:
        if self._closed or (self._warm is not None and not self._warm.cancelled()):
            return
        self._warm_version = self.live.version
        self._warm = asyncio.create_task(self._start_process(ahead=True))
        # a warm start that fails is retried by the next launch, which reports its error
        self._warm.add_done_callback(lambda task: task.cancelled() or task.exception())

    async def _start_process(self, ahead: bool = False) -> RunProcess:
        process = RunProcess(self.config, self._limits, ahead)
        try:
            await process.start(timeout=self.settings.load_timeout)
        except BaseException:
            await asyncio.shield(process.stop(grace=0))
            raise
        return process

    async def _take_warm(self) -> RunProcess:
        """The warm process if it loaded the current definitions; else a new one. One still
        loading is not waited for: it loads yielding the processor, which on a busy machine
        takes many times longer than a load at full speed."""
        warm, self._warm = self._warm, None
        if warm is not None and self._warm_version == self.live.version and warm.done():
            with contextlib.suppress(WorkerError):
                process = await warm
                if process.alive:
                    return process
        elif warm is not None:
            self._discard(warm)
        self._warm_version = self.live.version
        return await self._start_process()

    def _drop_warm(self) -> None:
        warm, self._warm = self._warm, None
        if warm is not None:
            self._discard(warm)

    def _discard(self, warm: asyncio.Task[RunProcess]) -> None:
        """Stop a warm process, started or still starting."""

        async def stop() -> None:
            if not warm.done():
                warm.cancel()
            with contextlib.suppress(BaseException):
                process = await warm
                await process.detach(grace=5.0)  # it removes what it prepared, then ends

        self._background(stop())

    def _background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ----------------------------------------------------------------------------------------
    # reading

    async def runs(
        self, status: str | None, job: str | None, asset: str | None, limit: int
    ) -> list[dict[str, Any]]:
        await self.prepare()
        params = {"status": status, "job": job, "asset": asset, "limit": limit}
        return await self._call("runs", params)

    async def run(self, run_id: str) -> dict[str, Any]:
        await self.prepare()
        found = await self._call("run", {"run_id": run_id})
        if found is None:
            raise RunNotFound(f"No run `{run_id}` in the project's instance.")
        return found

    async def events(self, run_id: str, after: int | None) -> dict[str, Any]:
        await self.run(run_id)
        return await self._call("run_events", {"run_id": run_id, "after": after})

    async def asset_status(self) -> list[dict[str, Any]]:
        await self.live.current()  # the first load before a run process competes with it
        await self.prepare()
        return await self._call("asset_status", {})

    async def _call(self, method: str, params: dict[str, Any]) -> Any:
        return await self.supervisor.call(method, params, timeout=READ_TIMEOUT)
