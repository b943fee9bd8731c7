"""The project's component types, computed once per state of its environment.

Importing a large component library can take tens of seconds, so the registry is computed in a
separate one-shot worker process (never blocking the project's main worker), and kept in memory
and on disk until the environment or the project's own component modules change.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from typing import Any

from ..processes import spawn
from ..processes.launch import project_limits, worker_argv, worker_env
from ..processes.supervisor import Command, RequestFailed, WorkerError, WorkerTimeout
from ..project_files.config import ProjectConfig
from ..project_files.files import atomic_write
from ..project_files.packages import site_packages
from ..worker import protocol


def environment_fingerprint(config: ProjectConfig) -> str:
    parts: list[str] = []
    for site in site_packages(config.venv):
        parts.append(f"{site}:{site.stat().st_mtime_ns}")
    for name in ("pyproject.toml", "dg.toml", "uv.lock"):
        path = config.root / name
        if path.exists():
            parts.append(f"{name}:{path.stat().st_mtime_ns}")
    package = config.module_path(config.root_module)
    defs = config.defs_root
    if package.is_dir():
        for source in sorted(package.rglob("*.py")):
            if not source.is_relative_to(defs):
                stat = source.stat()
                parts.append(f"{source}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class RegistryCache:
    def __init__(
        self,
        config: ProjectConfig,
        cache_dir: Path,
        timeout: float,
        memory_mb: int,
        command: Command | None = None,
    ) -> None:
        self.config = config
        # the one-shot process that lists the types: the project's worker unless told otherwise
        self.command = command or (
            lambda: (worker_argv(config, "call", "registry"), worker_env(config))
        )
        self.file = cache_dir / "registry.json"
        self.timeout = timeout
        # tens of seconds of imports at a thousand types: not before what the user is doing
        self.limits = project_limits(memory_mb, timeout, background=True)
        self._lock = asyncio.Lock()
        self._fingerprint: str | None = None
        self._types: list[dict[str, Any]] | None = None
        self.computing = False

    async def types(self) -> list[dict[str, Any]]:
        async with self._lock:
            fingerprint = await asyncio.to_thread(environment_fingerprint, self.config)
            if self._types is not None and fingerprint == self._fingerprint:
                return self._types
            cached = self._read_disk(fingerprint)
            if cached is None:
                self.computing = True
                try:
                    cached = await self._compute()
                finally:
                    self.computing = False
                atomic_write(self.file, json.dumps({"fingerprint": fingerprint, "types": cached}))
            self._fingerprint, self._types = fingerprint, cached
            return cached

    def _read_disk(self, fingerprint: str) -> list[dict[str, Any]] | None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data.get("types") if data.get("fingerprint") == fingerprint else None

    async def _compute(self) -> list[dict[str, Any]]:
        argv, env = self.command()
        result = await spawn.capture(
            argv,
            cwd=self.config.root,
            env=env,
            timeout=self.timeout,
            limits=self.limits,
            max_stdout=protocol.MAX_MESSAGE_BYTES + 64,
        )
        if result.timed_out:
            raise WorkerTimeout(
                f"Listing component types did not finish within {self.timeout:g} s."
            )
        if result.too_large:
            raise WorkerError(
                "Listing component types failed: the answer was larger than the "
                f"{protocol.describe_size(protocol.MAX_MESSAGE_BYTES)} the designer reads."
            )
        if not result.stdout.strip():
            tail = "\n".join(result.stderr.splitlines()[-15:])
            raise WorkerError(f"Listing component types failed: {tail or 'no output'}")
        try:
            reply = protocol.read_bytes(result.stdout)
        except ValueError as exc:
            raise WorkerError(
                f"Listing component types failed: an unreadable answer ({exc})"
            ) from None
        if not reply.get("ok"):
            raise RequestFailed(reply.get("error") or {})
        return reply["result"]["types"]
