"""Dagster's own UI for one project: its `dg dev` (webserver and daemon, on the project's
instance) started on request, watched, and stopped on request, when the project is closed or
removed and when the designer stops.

The webserver is served under `PREFIX` (a path of the designer's API, under the project), so
the designer can proxy it on its own origin, behind its own gate. One `dg dev` per project: a
start while it starts or runs answers the same one. Each change of state is published.
"""

from __future__ import annotations

import asyncio
import logging
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

    def upstream(self) -> str:
        """`http://127.0.0.1:PORT` of the webserver; `DagsterUiNotRunning` unless it runs."""
        if self.state != "running" or self._server is None:
            why = f": {self.error}" if self.error else ""
            raise DagsterUiNotRunning(
                f"Dagster's UI of project `{self.project_id}` is {self.state}{why}. Start it "
                "with the Dagster UI button (POST .../dagster-ui) and wait until it runs."
            )
        return f"http://127.0.0.1:{self._server.port}"

    @property
    def pid(self) -> int | None:
        return self._server.pid if self._server is not None else None

    def status(self) -> dict[str, Any]:
        return {"state": self.state, "path": f"{self.prefix}/", "error": self.error}

    def start(self) -> dict[str, Any]:
        """Starts it in the background, unless it is starting or running already."""
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

    async def _run(self) -> None:
        server = DagsterDev(self.config, self._limits, self.prefix)
        self._server = server
        try:
            await server.start(STARTUP_TIMEOUT)
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
