"""Everything the server does for one open project: its worker, registry, loads and edits."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from ..edits.yaml_attributes import write_attributes
from ..settings import Settings
from ..workspace import defs_tree
from ..workspace.config import ProjectConfig
from ..workspace.files import atomic_write
from ..workspace.paths import confine
from .events import EventBus
from .registry_cache import RegistryCache
from .supervisor import Supervisor, WorkerError

EMPTY_DEFINITIONS: dict[str, Any] = {
    "assets": [],
    "asset_checks": [],
    "jobs": [],
    "schedules": [],
    "sensors": [],
    "resources": [],
    "components": [],
    "errors": [],
}
# Load errors that restate what the schema check already reported for the same file.
_RESTATING_KINDS = {"validation", "yaml", "component"}


class ProjectSession:
    def __init__(
        self, project_id: str, config: ProjectConfig, settings: Settings, events: EventBus
    ) -> None:
        self.project_id = project_id
        self.config = config
        self.settings = settings
        self.events = events
        self.supervisor = Supervisor(config, on_state=self._on_worker_state)
        self.registry = RegistryCache(
            config, settings.cache_dir / project_id, settings.registry_timeout
        )
        # Edits of one project's files happen one at a time.
        self.write_lock = asyncio.Lock()
        self._defs_lock = asyncio.Lock()
        self._requested = 0
        self._served = 0
        self._latest: dict[str, Any] | None = None

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
        }

    async def close(self) -> None:
        await self.supervisor.close()

    # ----------------------------------------------------------------------------------------
    # reading

    async def component_types(self) -> list[dict[str, Any]]:
        return await self.registry.types()

    async def definitions(self) -> dict[str, Any]:
        """What Dagster loads now; concurrent callers share one load that started after them."""
        self._requested += 1
        ticket = self._requested
        async with self._defs_lock:
            if self._latest is not None and self._served >= ticket:
                return self._latest
            started_for = self._requested
            try:
                result = await self.supervisor.call("load", timeout=self.settings.load_timeout)
            except WorkerError as exc:
                result = {**EMPTY_DEFINITIONS, "errors": exc.errors}
            self._served, self._latest = started_for, result
        self.events.publish(
            {
                "type": "definitions",
                "project_id": self.project_id,
                "assets": len(result["assets"]),
                "errors": len(result["errors"]),
            }
        )
        return result

    def instances(self) -> list[dict[str, Any]]:
        return defs_tree.list_instances(self.config.defs_path)

    def instance_dir(self, defs_path: str) -> Path:
        return confine(self.config.defs_path, defs_path)

    # ----------------------------------------------------------------------------------------
    # validation

    async def schema_errors(self, file: Path) -> list[dict[str, Any]]:
        rel = file.relative_to(self.config.root).as_posix()
        try:
            reply = await self.supervisor.call(
                "check", {"path": rel}, timeout=self.settings.load_timeout
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
        return {"ok": not errors, "errors": errors, "file": rel}

    # ----------------------------------------------------------------------------------------
    # edits

    async def save_attributes(
        self, defs_path: str, index: int, attributes: dict[str, Any]
    ) -> dict[str, Any]:
        folder = self.instance_dir(defs_path)
        file = defs_tree.component_file(folder)
        if file is None:
            raise FileNotFoundError(defs_path)
        async with self.write_lock:
            text = file.read_text(encoding="utf-8")
            atomic_write(file, write_attributes(text, attributes, index))
        return await self.validate(file)

    async def scaffold(
        self,
        typename: str,
        defs_path: str,
        params: dict[str, Any] | None,
        scaffold_format: str,
        attributes: dict[str, Any] | None,
    ) -> dict[str, Any]:
        target = self.instance_dir(defs_path)
        async with self.write_lock:
            result = await self.supervisor.call(
                "scaffold",
                {"type": typename, "path": defs_path, "params": params, "format": scaffold_format},
                timeout=self.settings.scaffold_timeout,
            )
            yaml_file = defs_tree.component_file(target) if target.is_dir() else None
            if attributes is not None and yaml_file is not None:
                text = yaml_file.read_text(encoding="utf-8")
                atomic_write(yaml_file, write_attributes(text, attributes, 0))
        validation = await self.validate(yaml_file or (target if target.is_file() else None))
        return {**result, "validation": validation}
