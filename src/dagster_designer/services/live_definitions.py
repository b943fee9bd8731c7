"""What Dagster loads from a project, kept equal to the files and pushed to whoever listens.

Every refresh compares a stat snapshot of the project with the one of the last load: when files
changed (through the designer, an editor, git, anything), the worker reloads incrementally with
exactly those paths. A file watcher triggers refreshes, so listeners get the new definitions
without asking; readers call `current()`, which refreshes first, so what they get always
matches the files as they are now.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from ..processes.snapshot import Snapshot, changed_paths, scan
from ..processes.supervisor import Supervisor, WorkerError
from ..processes.watcher import ProjectWatcher
from ..project_files.config import ProjectConfig
from ..worker import protocol
from ..worker.definitions_delta import apply, delta

log = logging.getLogger(__name__)

# Files whose change means a different environment: the worker starts again.
ENVIRONMENT_FILES = ("uv.lock",)
# The whole-repository check waits for this much quiet after a load, so that it never delays
# the next edit's push while someone is typing.
CHECK_DELAY = 0.4


# What a load says about itself rather than about the definitions.
_LOAD_FIELDS = ("mode", "reason", "duration_ms")


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two answers hold the same definitions, however they were loaded."""
    return {k: v for k, v in a.items() if k not in _LOAD_FIELDS} == {
        k: v for k, v in b.items() if k not in _LOAD_FIELDS
    }


class Update:
    """One version of the definitions as the live channel sends it: whole, or as the delta
    from the version before to a listener that has that one. Each text is made once, when a
    listener first needs it, and shared by all."""

    def __init__(
        self,
        version: int,
        header: dict[str, Any],
        definitions: dict[str, Any],
        change: tuple[int, dict[str, Any]] | None = None,
    ) -> None:
        self.version = version
        self._header = header  # changed paths and refresh time
        self._definitions = definitions
        self._change = change  # (base version, delta)
        self._texts: dict[str, str] = {}

    def text(self, since: int | None) -> str:
        if self._change is not None and since == self._change[0]:
            return self._made("delta", self._delta_message)
        return self._made("whole", self._whole_message)

    def _made(self, kind: str, make: Callable[[], dict[str, Any]]) -> str:
        if kind not in self._texts:
            self._texts[kind] = json.dumps(make(), default=str)
        return self._texts[kind]

    def _whole_message(self) -> dict[str, Any]:
        return {
            "type": "definitions",
            "version": self.version,
            **self._header,
            "definitions": self._definitions,
        }

    def _delta_message(self) -> dict[str, Any]:
        assert self._change is not None
        base, change = self._change
        return {
            "type": "definitions_delta",
            "version": self.version,
            "base": base,
            **self._header,
            "delta": change,
        }


class Latest:
    """One listener's next message. A newer update replaces one not yet taken, so a listener
    that falls behind holds a single update and is given the newest next: as a delta when it
    has the version that delta starts from, else whole. `get` answers None once the
    definitions stopped (the project was closed)."""

    def __init__(self) -> None:
        self._update: Update | None = None
        self._sent: int | None = None  # the version this listener has
        self._ended = False
        self._ready = asyncio.Event()

    @property
    def pending(self) -> bool:
        return self._update is not None

    def put(self, update: Update) -> None:
        self._update = update
        self._ready.set()

    def end(self) -> None:
        self._ended = True
        self._ready.set()

    async def get(self) -> str | None:
        while self._update is None and not self._ended:
            self._ready.clear()
            await self._ready.wait()
        update, self._update = self._update, None
        if update is None:
            return None
        message = update.text(self._sent)
        self._sent = update.version
        return message


class LiveDefinitions:
    def __init__(
        self,
        config: ProjectConfig,
        supervisor: Supervisor,
        load_timeout: float,
        on_update: Callable[[dict[str, Any]], None],
    ) -> None:
        self.config = config
        self.supervisor = supervisor
        self.load_timeout = load_timeout
        self.on_update = on_update
        self.version = 0
        self._latest: dict[str, Any] | None = None
        self._snapshot: Snapshot | None = None
        self._lock = asyncio.Lock()
        self._listeners: set[Latest] = set()
        self._stopped = False
        self._watcher: ProjectWatcher | None = None
        self._runner: asyncio.Task[None] | None = None
        self._dirty = False
        self._checked_version = -1
        self._loaded = -1  # the worker generation that holds the latest load
        self._check_timer: asyncio.Task[None] | None = None
        self._refreshes_waiting = 0
        # (worker generation, version name, definitions): what the worker sent last, as it
        # holds them; its next load answers with the change since them
        self._worker_copy: tuple[int, str, dict[str, Any]] | None = None
        # the step of the check that runs after edits pause, while the worker answers it
        self._background_check: str | None = None

    # ----------------------------------------------------------------------------------------
    # life

    async def start(self) -> None:
        if self._watcher is None:
            self._watcher = ProjectWatcher(self.config.root, self._files_touched)
            await self._watcher.start()

    async def stop(self) -> None:
        self._stopped = True
        for listener in self._listeners:
            listener.end()
        if self._watcher is not None:
            await self._watcher.stop()
            self._watcher = None
        for task in (self._runner, self._check_timer):
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task

    async def _files_touched(self) -> None:
        self._dirty = True
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._drain())

    async def _drain(self) -> None:
        while self._dirty:
            self._dirty = False
            try:
                await self.refresh()
            except Exception:  # a refresh must never kill the loop that serves pushes
                log.exception("refreshing %s failed", self.config.name)

    @property
    def listeners(self) -> int:
        """Live sockets of the project: while one is open, its worker is in use."""
        return len(self._listeners)

    # ----------------------------------------------------------------------------------------
    # reading

    async def current(self) -> dict[str, Any]:
        """The definitions of the files as they are now, fully checked."""
        await self.start()
        await self.refresh()
        return await self.checked()

    async def refresh(self, *, full: bool = False) -> dict[str, Any]:
        self._refreshes_waiting += 1
        if self._background_check is not None:  # the files changed: cut it short, it comes again
            self.supervisor.interrupt(self._background_check)
        try:
            await self._lock.acquire()
        finally:
            self._refreshes_waiting -= 1
        try:
            snapshot = await asyncio.to_thread(scan, self.config.root)
            # a worker stopped as idle, or started since the last load, has nothing loaded (one
            # that crashed is started again by its supervisor, after its pause)
            fresh = not self.supervisor.idle and self.supervisor.generation == self._loaded
            if self._latest is not None and not full and snapshot == self._snapshot and fresh:
                return self._latest
            if not fresh:
                full = True
            changed = (
                None if self._snapshot is None or full else changed_paths(self._snapshot, snapshot)
            )
            unread = changed and all(Path(p).name in protocol.UNLOADED_FILES for p in changed)
            if unread and self._latest is not None:
                self._snapshot = snapshot  # nothing a load reads: the definitions stand
                return self._latest
            if changed is not None and self._environment_changed(changed):
                await self.supervisor.restart()
                changed = None
            started = time.perf_counter()
            result, change = await self._load(changed)
            self._loaded = self.supervisor.generation
            self._snapshot = snapshot
            self._publish(result, changed, started, change)
            self._schedule_check()
            return result
        finally:
            self._lock.release()

    async def checked(self, *, yielding: bool = False) -> dict[str, Any]:
        """The latest definitions after the slower whole-repository check, which runs after
        the push of a load, not before it: the repository described whole where the load was
        quick, then every job built, as `dg check defs` does. `yielding`: an edit that comes
        meanwhile cuts it short (the worker stops where it is, or it stops between the two);
        the edit's load comes first and asks for the check again."""
        async with self._lock:
            latest = self._latest
            assert latest is not None
            if self._checked_version == self.version or latest["errors"]:
                return latest
            if yielding and (self._dirty or self._refreshes_waiting):
                return latest  # an edit waits: its load comes first and asks for the check again
            started = time.perf_counter()
            confirmed = await self._checking("confirm", yielding)
            if confirmed.get("interrupted"):
                return latest  # an edit came: its load asks for the check again
            whole = confirmed.get("definitions") or latest
            if confirmed["errors"]:  # the worker failed
                whole = {**whole, "errors": confirmed["errors"]}
            if not _same(whole, latest):
                self._publish(whole, [], started)
            if not whole["errors"]:
                if yielding and (self._dirty or self._refreshes_waiting):
                    return whole
                jobs = await self._checking("check_jobs", yielding)
                if jobs.get("interrupted"):
                    return self._latest or latest
                if jobs["errors"]:
                    self._publish({**whole, "errors": jobs["errors"]}, [], started)
            self._checked_version = self.version
            return self._latest or latest

    async def _checking(self, method: str, cuttable: bool) -> dict[str, Any]:
        """A step of the check; `cuttable`: a refresh that comes meanwhile interrupts it."""
        self._background_check = method if cuttable else None
        try:
            return await self._call(method, {})
        finally:
            self._background_check = None

    def _schedule_check(self) -> None:
        if self._check_timer is not None:
            self._check_timer.cancel()

        async def later() -> None:
            await asyncio.sleep(CHECK_DELAY)
            await self.checked(yielding=True)

        self._check_timer = asyncio.create_task(later())

    def _environment_changed(self, changed: list[str]) -> bool:
        root = self.config.root
        return any(Path(path) == root / name for path in changed for name in ENVIRONMENT_FILES)

    async def _load(
        self, changed: list[str] | None
    ) -> tuple[dict[str, Any], tuple[dict[str, Any], dict[str, Any]] | None]:
        """The worker's definitions after `changed`, and when the worker sent only what changed
        since its last answer: (that answer, the change)."""
        copy = self._worker_copy
        self._worker_copy = None  # until this answer is in: a failure leaves no base behind
        base = copy if copy is not None and copy[0] == self.supervisor.generation else None
        params = {"changed": changed, "base": base[1] if base is not None else None}
        try:
            answer = await self.supervisor.call("load_since", params, timeout=self.load_timeout)
        except WorkerError as exc:
            return {**protocol.EMPTY_DEFINITIONS, "errors": exc.errors}, None
        if "delta" in answer and base is not None and answer["base"] == base[1]:
            definitions = apply(base[2], answer["delta"])
            known = (base[2], answer["delta"])
        else:
            definitions, known = answer["definitions"], None
        self._worker_copy = (self.supervisor.generation, answer["version"], definitions)
        return definitions, known

    async def _call(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        try:
            return await self.supervisor.call(method, params, timeout=self.load_timeout)
        except WorkerError as exc:
            return {**protocol.EMPTY_DEFINITIONS, "errors": exc.errors}

    def _publish(
        self,
        result: dict[str, Any],
        changed: list[str] | None,
        started: float,
        known: tuple[dict[str, Any], dict[str, Any]] | None = None,
    ) -> None:
        """`known`: a change already made from some version to `result`, used when that version
        is the one published last."""
        self.version += 1
        previous, self._latest = self._latest, result
        root = str(self.config.root) + "/"
        header = {
            "changed": [p[len(root) :] for p in changed] if changed is not None else None,
            "refresh_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        change = None
        if previous is not None:
            made = known[1] if known is not None and known[0] is previous else None
            change = (self.version - 1, made if made is not None else delta(previous, result))
        update = Update(self.version, header, result, change)
        for listener in self._listeners:
            listener.put(update)
        self.on_update(result)

    @contextlib.asynccontextmanager
    async def listen(self) -> AsyncIterator[Latest]:
        """The pushed messages (JSON text) for one listener, starting with the current
        definitions; only the newest waits while the listener is behind."""
        listener = Latest()
        if self._stopped:
            listener.end()
            yield listener
            return
        self._listeners.add(listener)
        try:
            await self.current()
            if not listener.pending:
                assert self._latest is not None
                header = {"changed": None, "refresh_ms": 0}
                listener.put(Update(self.version, header, self._latest))
            yield listener
        finally:
            self._listeners.discard(listener)
