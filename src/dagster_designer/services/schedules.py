"""Schedules and sensors of one project in its Dagster instance: list them with their state,
turn them on and off, evaluate one tick on demand (launching nothing).

The worker does it all: it has the definitions loaded and the instance open, and stores the
state as Dagster's own tools do, so `dg dev` on the same instance agrees (`worker/instigators.py`).
Each request answers for the files as they are now.
"""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from ..processes.supervisor import Supervisor
from ..project_files import dagster_home
from ..project_files.config import ProjectConfig
from .live_definitions import LiveDefinitions

Kind = Literal["schedule", "sensor"]
READ_TIMEOUT = 60.0
# A tick runs the user's function, which may take its time (a sensor polling a bucket).
TICK_TIMEOUT = 120.0


class InstigatorNotFound(LookupError):
    pass


class ScheduleService:
    def __init__(self, config: ProjectConfig, supervisor: Supervisor, live: LiveDefinitions):
        self.config = config
        self.supervisor = supervisor
        self.live = live

    async def listing(self, kind: Kind) -> list[dict[str, Any]]:
        await self._prepare()
        return await self.supervisor.call("instigators", {"kind": kind}, timeout=READ_TIMEOUT)

    async def set_running(self, kind: Kind, name: str, running: bool) -> dict[str, Any]:
        await self._prepare()
        params = {"kind": kind, "name": name, "running": running}
        state = await self.supervisor.call("set_instigator", params, timeout=READ_TIMEOUT)
        return self._found(state, kind, name)

    async def tick(self, kind: Kind, name: str) -> dict[str, Any]:
        await self._prepare()
        params = {"kind": kind, "name": name}
        result = await self.supervisor.call("tick", params, timeout=TICK_TIMEOUT)
        return self._found(result, kind, name)

    async def _prepare(self) -> None:
        await asyncio.to_thread(dagster_home.prepare, self.config.root)
        await self.live.refresh()  # the definitions of the files as they are now

    def _found(self, answer: dict[str, Any] | None, kind: Kind, name: str) -> dict[str, Any]:
        if answer is None:
            raise InstigatorNotFound(f"The project's definitions have no {kind} `{name}`.")
        return answer
