"""Dagster's own UI for one project: its `dg dev` (webserver and daemon, on the project's
instance) started on request, watched, and stopped on request, when the project is closed or
removed and when the designer stops.

The webserver is served under `PREFIX` (a path of the designer's API, under the project), so
the designer can proxy it on its own origin, behind its own gate. One `dg dev` per project: a
start while it starts or runs answers the same one. Each change of state is published.

Each `dg dev` holds a webserver, a daemon and a code server (hundreds of MB), so at most
`--max-dagster-uis` run at once: starting one more stops the least recently used one rather than
refusing, because the click means "I want this project's UI now", and the stopped one starts
again with its own next click (its runs and history live in its instance, so nothing is lost).
One nobody has used (no proxied request) for `--dagster-ui-idle-minutes` is stopped too.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import quote

from ..processes.dagster_dev import DagsterDev, DagsterDevFailed
from ..processes.launch import project_limits
from ..processes.supervisor import describe_exit
from ..project_files.config import ProjectConfig
from ..settings import Settings

log = logging.getLogger(__name__)

State = Literal["stopped", "starting", "running", "failed"]
# `dg dev` checks the YAML, starts a code server that loads the definitions, then the
# webserver: about 20 s on an idle machine, several times that on a busy one.
STARTUP_TIMEOUT = 300.0
STOP_GRACE = 3.0


class DagsterUiNotRunning(RuntimeError):
    """A request for Dagster's UI while it does not run."""


class DagsterUiPool:
    """The managed Dagster UIs of all projects: at most `limit` starting or running."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.members: list[DagsterUi] = []

    async def make_room(self, starting: DagsterUi) -> None:
        """Stop the least recently used others until `starting` fits under the limit."""
        others = [u for u in self.members if u is not starting and u.active]
        others.sort(key=lambda ui: ui.last_used)
        while others and len(others) >= self.limit:
            oldest = others.pop(0)
            log.info(
                "stopping Dagster's UI of %s: %d run at once at most (--max-dagster-uis)",
                oldest.project_id,
                self.limit,
            )
            await oldest.stop()


def ui_prefix(project_id: str) -> str:
    """The path Dagster's webserver is served under, on Dagster's side and the designer's."""
    return f"/api/v1/projects/{quote(project_id, safe='')}/dagster-ui/app"


class DagsterUi:
    def __init__(
        self,
        project_id: str,
        config: ProjectConfig,
        settings: Settings,
        publish: Callable[[dict[str, Any]], None],
        pool: DagsterUiPool | None = None,
    ) -> None:
        self.project_id = project_id
        self.config = config
        self.prefix = ui_prefix(project_id)
        self._limits = project_limits(settings.worker_memory_mb)
        self._publish = publish
        self.state: State = "stopped"
        self.error: str | None = None
        self._server: DagsterDev | None = None
        self._task: asyncio.Task[None] | None = None
        self.last_used = time.monotonic()  # the last start or proxied request
        self._pool = pool
        if pool is not None:
            pool.members.append(self)

    @property
    def active(self) -> bool:
        return self.state in ("starting", "running")

    def upstream(self) -> str:
        """`http://127.0.0.1:PORT` of the webserver; `DagsterUiNotRunning` unless it runs."""
        if self.state != "running" or self._server is None:
            why = f": {self.error}" if self.error else ""
            raise DagsterUiNotRunning(
                f"Dagster's UI of project `{self.project_id}` is {self.state}{why}. Start it "
                "with the Dagster UI button (POST .../dagster-ui) and wait until it runs."
            )
        self.last_used = time.monotonic()
        return f"http://127.0.0.1:{self._server.port}"

    @property
    def pid(self) -> int | None:
        return self._server.pid if self._server is not None else None

    def status(self) -> dict[str, Any]:
        return {"state": self.state, "path": f"{self.prefix}/", "error": self.error}

    def start(self) -> dict[str, Any]:
        """Starts it in the background, unless it is starting or running already."""
        self.last_used = time.monotonic()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
            self._set("starting")
        return self.status()

    async def stop(self) -> dict[str, Any]:
        """Stops it, whatever it is doing; answers once nothing of it is left."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.wait({task})
        if self._task is None and self.state != "stopped":  # not started again meanwhile
            self._set("stopped")
        return self.status()

    async def stop_if_idle(self, idle_seconds: float) -> bool:
        """Stop it when it runs and nobody used it for `idle_seconds` (a start in progress is
        never idle: its idle time counts from when it runs)."""
        if self.state != "running" or time.monotonic() - self.last_used < idle_seconds:
            return False
        log.info("stopping Dagster's UI of %s: unused for %.0f s", self.project_id, idle_seconds)
        await self.stop()
        return True

    def forget(self) -> None:
        """The project is closed: it no longer counts against the limit."""
        if self._pool is not None and self in self._pool.members:
            self._pool.members.remove(self)

    async def _run(self) -> None:
        server = DagsterDev(self.config, self._limits, self.prefix)
        self._server = server
        try:
            if self._pool is not None:
                await self._pool.make_room(self)
            await server.start(STARTUP_TIMEOUT)
            self.last_used = time.monotonic()  # its idle time counts from when it can be used
            self._set("running")
            code = await server.wait()
            self._set("failed", f"`dg dev` {describe_exit(code)}. {server.last_words()}")
        except DagsterDevFailed as exc:
            self._set("failed", str(exc))
        except OSError as exc:  # the project's environment has no `dg`
            self._set("failed", f"`dg dev` could not be started: {exc}")
        finally:
            await asyncio.shield(server.stop(grace=STOP_GRACE))
            if self._server is server:
                self._server = None

    def _set(self, state: State, error: str | None = None) -> None:
        # a start that was stopped sets nothing more: it is cancelled before it runs again
        self.state, self.error = state, error
        if error:
            log.warning("Dagster's UI of %s: %s", self.project_id, error)
        self._publish({"type": "dagster_ui", "project_id": self.project_id, **self.status()})
