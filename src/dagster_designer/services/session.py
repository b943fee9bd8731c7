"""Everything the server does for one open project: its worker, registry, loads and edits."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from pathlib import Path
from typing import Any

from ..edits.yaml_attributes import write_attributes
from ..processes.code_tools import COMPLETION_START_TIMEOUT, completion_supervisor
from ..processes.launch import project_limits
from ..processes.supervisor import Supervisor, WorkerCrashed, WorkerError, WorkerTimeout
from ..project_files import defs_tree, files
from ..project_files.config import ProjectConfig
from ..project_files.files import StaleWrite, etag_of
from ..project_files.paths import confine
from ..project_files.source_files import read_source
from ..settings import Settings
from ..worker import protocol
from .dagster_ui import DagsterUi, DagsterUiPool
from .events import EventBus
from .live_definitions import LiveDefinitions
from .registry_cache import RegistryCache
from .remote_graphql import RemoteClient
from .remote_runs import RemoteRuns
from .run_target import RemoteTarget, env_file_token
from .runs import RunService
from .schedules import ScheduleService

log = logging.getLogger(__name__)

# How long a completion waits behind others (and a restart) before it is answered with none:
# the editor asks again at the next key, so the queue need not hold what a user typed past.
COMPLETION_WAIT = 10.0
_ANSWERING = ("ready", "busy")  # the states of a supervised process that is up

# Load errors that restate what the schema check already reported for the same file.
_RESTATING_KINDS = {"validation", "yaml", "component"}


def memory_of(pid: int | None) -> dict[str, float | None]:
    """Resident and peak resident memory of a process, in MB (Linux /proc)."""
    values: dict[str, float | None] = {"rss_mb": None, "peak_rss_mb": None}
    if pid is None:
        return values
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return values
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            key = "rss_mb" if name == "VmRSS" else "peak_rss_mb"
            values[key] = round(int(rest.split()[0]) / 1024, 1)
    return values


class StaleAttributes(StaleWrite):
    """A form's save started from an older version of the component file."""

    current: str

    def __init__(self, current: str, text: str) -> None:
        super().__init__(current)
        self.text = text


class ProjectSession:
    def __init__(
        self,
        project_id: str,
        config: ProjectConfig,
        settings: Settings,
        events: EventBus,
        run_target: RemoteTarget | None = None,
        ui_pool: DagsterUiPool | None = None,
    ) -> None:
        self.project_id = project_id
        self.config = config
        self.settings = settings
        self.events = events
        self.supervisor = Supervisor(
            config,
            project_limits(settings.worker_memory_mb),
            on_state=self._on_worker_state,
            # a restarted worker has nothing loaded: load it, so that it is ready for what
            # needs the definitions, and a load that kills it again is seen
            on_restarted=lambda: self.live.refresh(full=True),
        )
        self.registry = RegistryCache(
            config,
            settings.cache_dir / project_id,
            settings.registry_timeout,
            settings.worker_memory_mb,
        )
        self.live = LiveDefinitions(
            config, self.supervisor, settings.load_timeout, self._on_definitions
        )
        self.local_runs = RunService(config, settings, self.supervisor, self.live, self._on_run)
        self._remote: RemoteRuns | None = None
        # the remote's API token: in memory only, never written, answered or logged
        self._token: str | None = None
        if run_target is not None:
            self._use_remote(run_target)
        self.schedules = ScheduleService(config, self.supervisor, self.live)
        self.dagster_ui = DagsterUi(project_id, config, settings, events.publish, ui_pool)
        self.last_used = time.monotonic()  # the last request about the project
        # jedi for Python completion, started when an editor opens a Python file (or with the
        # first completion request)
        self.completion = completion_supervisor(config, settings.worker_memory_mb)
        self._completion_start: asyncio.Task[None] | None = None
        # Edits of one project's files happen one at a time.
        self.write_lock = asyncio.Lock()

    # ----------------------------------------------------------------------------------------
    # where runs go

    @property
    def runs(self) -> RunService | RemoteRuns:
        """The runs of the project's run target: this machine's instance, or the remote."""
        return self._remote or self.local_runs

    @property
    def remote_target(self) -> RemoteTarget | None:
        return self._remote.client.target if self._remote is not None else None

    def run_target(self) -> dict[str, Any]:
        target = self.remote_target
        if target is None:
            return {"kind": "local"}
        return {
            "kind": "remote",
            "url": target.url,
            "location": target.location,
            "deployment": target.deployment,
            "has_token": self._api_token() is not None,
        }

    async def set_run_target(self, target: RemoteTarget | None, token: str | None) -> None:
        """Runs go to `target` (None: this machine). `token` None keeps the token set for the
        same address, an empty one forgets it."""
        previous = self.remote_target
        if token is not None:
            self._token = token or None
        elif target is None or previous is None or previous.url != target.url:
            self._token = None
        if self._remote is not None:
            await self._remote.client.close()
            self._remote = None
        if target is not None:
            self._use_remote(target)

    def _use_remote(self, target: RemoteTarget) -> None:
        client = RemoteClient(target, self._api_token)
        self._remote = RemoteRuns(client, self.supervisor, self.live, self._on_run)

    def _api_token(self) -> str | None:
        return self._token or env_file_token(self.config.root)

    def _on_run(self, run_id: str, status: str | None) -> None:
        self.events.publish(
            {"type": "run", "project_id": self.project_id, "run_id": run_id, "status": status}
        )

    def _on_definitions(self, result: dict[str, Any]) -> None:
        self.local_runs.definitions_changed()
        self.events.publish(
            {
                "type": "definitions",
                "project_id": self.project_id,
                "version": self.live.version,
                "assets": len(result["assets"]),
                "errors": len(result["errors"]),
            }
        )

    def _on_worker_state(self, state: str, detail: str | None) -> None:
        self.events.publish(
            {
                "type": "worker",
                "project_id": self.project_id,
                "state": state,
                "detail": detail,
                "restarts": self.supervisor.restarts,
            }
        )

    def worker_status(self) -> dict[str, Any]:
        return {
            "state": self.supervisor.state,
            "detail": self.supervisor.detail,
            "restarts": self.supervisor.restarts,
            "pid": self.supervisor.pid,
            "dagster_version": self.supervisor.info.get("dagster_version"),
            **memory_of(self.supervisor.pid),
        }

    def prepare_completion(self) -> str:
        """Starts the completion process in the background, so that it is warm when used;
        answers its state."""
        if self._completion_start is None or self._completion_start.done():
            self._completion_start = asyncio.create_task(self._start_completion())
        return self.completion.state

    async def _start_completion(self) -> None:
        try:
            await self.completion.start()
        except WorkerError as error:  # the first completion request will say it again
            log.info("completion for %s did not start: %s", self.project_id, error)

    # ----------------------------------------------------------------------------------------
    # idle stops

    async def wake(self) -> None:
        """A request came: a worker stopped because nobody used the project starts again, with
        its definitions loaded."""
        self.last_used = time.monotonic()
        if self.supervisor.idle:
            await self.live.refresh()

    async def stop_idle(self, now: float) -> None:
        """Stop what nobody uses: the Dagster UI after its idle time; the worker (with its warm
        run process and the completion process) when no live socket is open, no run is in
        progress and no request came for the worker's idle time."""
        settings = self.settings
        if settings.dagster_ui_idle_minutes > 0:
            await self.dagster_ui.stop_if_idle(settings.dagster_ui_idle_minutes * 60)
        idle = settings.worker_idle_minutes * 60
        if self.live.listeners or self.local_runs.in_progress:
            self.last_used = now  # in use: its idle time counts from when that ends
            return
        if idle <= 0 or now - self.last_used < idle:
            return
        if await self.supervisor.stop_idle():
            self.local_runs.stop_warm()
            log.info("stopped the worker of %s: no client for %.0f s", self.project_id, idle)
        await self.completion.stop_idle()  # the next completion request starts it again

    async def close(self) -> None:
        self.dagster_ui.forget()
        await self.dagster_ui.stop()
        await self.local_runs.close()
        await self.set_run_target(None, "")
        await self.live.stop()
        if self._completion_start is not None:
            # a start cut short kills what it spawned; what it already has, close() ends
            self._completion_start.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._completion_start
        await self.completion.close()
        await self.supervisor.close()

    # ----------------------------------------------------------------------------------------
    # reading

    async def component_types(self) -> list[dict[str, Any]]:
        return await self.registry.types()

    async def definitions(self) -> dict[str, Any]:
        """What Dagster loads from the files as they are now."""
        return await self.live.current()

    async def restart_worker(self) -> dict[str, Any]:
        """A fresh worker and a full load, also after it failed too often to be restarted by
        itself; answers the worker's status."""
        await self.supervisor.restart()
        await self.live.refresh(full=True)
        return self.worker_status()

    async def asset_metadata(self, key: str) -> dict[str, Any] | None:
        """Every metadata value of one asset, whole; None when no loaded asset has that key."""
        return await self.supervisor.call(
            "asset_metadata", {"key": key}, timeout=self.settings.load_timeout
        )

    async def select(self, selection: str) -> dict[str, Any]:
        """The asset and check keys an asset selection selects, evaluated by Dagster."""
        return await self.supervisor.call("select", {"selection": selection}, timeout=60)

    async def complete(
        self, path: str, source: str, line: int, column: int
    ) -> list[dict[str, Any]]:
        """jedi's completions at the cursor; none when the completion process cannot answer,
        which is better than an error while typing. Each step is bounded, however many
        requests are typed meanwhile: the wait for the process's start (shared by the requests
        that wait for it; a restart in progress may come first), the turn behind the others
        (`COMPLETION_WAIT`), the answer (15 s)."""
        if self.completion.state not in _ANSWERING:
            self.prepare_completion()
            assert self._completion_start is not None
            with contextlib.suppress(TimeoutError):  # the start goes on for the next request
                await asyncio.wait_for(
                    asyncio.shield(self._completion_start), COMPLETION_START_TIMEOUT
                )
            if self.completion.state not in _ANSWERING:
                return []  # not started (yet): the start logs why, the next request retries
        try:
            return await self.completion.call(
                "complete",
                {"path": path, "source": source, "line": line, "column": column},
                timeout=15,
                wait=COMPLETION_WAIT,
            )
        except WorkerError as exc:
            log.warning("completion in %s failed: %s", path, exc)
            return []

    def instances(self) -> list[dict[str, Any]]:
        return defs_tree.list_instances(self.config.defs_root)

    def instance_dir(self, defs_path: str) -> Path:
        return confine(self.config.defs_root, defs_path)

    # ----------------------------------------------------------------------------------------
    # validation

    async def schema_errors(self, file: Path) -> list[dict[str, Any]]:
        return await self.schema_errors_of(file.relative_to(self.config.root).as_posix())

    async def schema_errors_of(self, rel: str, text: str | None = None) -> list[dict[str, Any]]:
        """Dagster's schema check of a component file, or of `text` as its content."""
        try:
            reply = await self.supervisor.call(
                "check", {"path": rel, "text": text}, timeout=self.settings.load_timeout
            )
        except WorkerError as exc:
            return exc.errors
        return list(reply.get("errors", []))

    async def validate(self, file: Path | None) -> dict[str, Any]:
        """Dagster's verdict after an edit: the file's schema check, then a full load."""
        static = await self.schema_errors(file) if file is not None else []
        definitions = await self.definitions()
        rel = file.relative_to(self.config.root).as_posix() if file is not None else None
        restated = {e.get("file") for e in static}
        load_errors = [
            e
            for e in definitions["errors"]
            if not (e.get("file") in restated and e.get("kind") in _RESTATING_KINDS)
        ]
        errors = static + load_errors
        # warnings (a key nothing produces, a missing script) never make a save fail
        warnings = definitions.get("warnings", [])
        return {"ok": not errors, "errors": errors, "warnings": warnings, "file": rel}

    # ----------------------------------------------------------------------------------------
    # edits

    def component_file(self, defs_path: str) -> Path:
        file = defs_tree.component_file(self.instance_dir(defs_path))
        if file is None:
            raise FileNotFoundError(f"{defs_path}/defs.yaml")
        return file

    async def save_attributes(
        self,
        defs_path: str,
        index: int,
        attributes: dict[str, Any] | None,
        if_match: str | None = None,
    ) -> tuple[dict[str, Any], str]:
        """Writes the attributes into the component file; with `if_match`, only over that version
        of it (else `StaleAttributes`, nothing written). Dagster's verdict and the new ETag."""
        file = self.component_file(defs_path)
        async with self.write_lock:
            source = read_source(file, self.config.root)
            current = etag_of(source.data)
            if if_match is not None and if_match.strip() not in ("*", current):
                raise StaleAttributes(current, source.text)
            etag = etag_of(source.write(write_attributes(source.text, attributes, index)))
        return await self.validate(file), etag

    async def scaffold(
        self,
        typename: str,
        defs_path: str,
        params: dict[str, Any] | None,
        scaffold_format: str,
        attributes: dict[str, Any] | None,
    ) -> dict[str, Any]:
        target = self.instance_dir(defs_path)
        created = protocol.first_missing_ancestor(target, self.config.defs_root)
        async with self.write_lock:
            new = not os.path.lexists(created)
            try:
                request = {"type": typename, "path": defs_path, "params": params}
                result = await self.supervisor.call(
                    "scaffold",
                    {**request, "format": scaffold_format},
                    timeout=self.settings.scaffold_timeout,
                )
            except (WorkerCrashed, WorkerTimeout):
                # the worker was killed before it could remove what it had half made
                if new and os.path.lexists(created):
                    half_made = created.relative_to(self.config.root).as_posix()
                    files.delete(self.config.root, half_made, recursive=True)
                raise
            yaml_file = defs_tree.component_file(target) if target.is_dir() else None
            if attributes is not None and yaml_file is not None:
                source = read_source(yaml_file, self.config.root)
                source.write(write_attributes(source.text, attributes, 0))
        validation = await self.validate(yaml_file or (target if target.is_file() else None))
        return {**result, "validation": validation}
