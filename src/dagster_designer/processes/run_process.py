"""The server's side of a run process (`worker/run_process.py`): start it warm, hand it one
launch, learn how it ended, stop it.

A run has no timeout (it runs as long as its assets take) but it can always be stopped: the
process has its own group and the project's memory cap, and its stdin stays open for as long
as the server watches it; when the server is gone, the process records that and ends.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from ..project_files.config import ProjectConfig
from ..worker import protocol
from . import spawn
from .launch import worker_argv, worker_env
from .supervisor import RequestFailed, WorkerUnavailable, describe_exit


class RunProcess:
    def __init__(self, config: ProjectConfig, limits: spawn.Limits, ahead: bool = False) -> None:
        self.config = config
        self.limits = limits
        self.ahead = ahead  # warm: it loads before any launch, yielding the processor
        self.ready: dict[str, Any] = {}  # what it said once its definitions were loaded
        self.run_id: str | None = None  # once launched
        self._process: asyncio.subprocess.Process | None = None
        self._stderr = spawn.OutputTail(max_lines=200)
        self._pump: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()  # one launch request at a time
        self._next_id = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.returncode is None

    async def start(self, timeout: float) -> None:
        """Spawn it and wait until it has loaded the definitions."""
        self._process = await spawn.spawn(
            worker_argv(self.config, "run", *(["ahead"] if self.ahead else [])),
            cwd=self.config.root,
            env=worker_env(self.config),
            limits=self.limits,
            stdin=asyncio.subprocess.PIPE,
        )
        self._pump = asyncio.create_task(self._pump_stderr(self._process))
        assert self._process.stdout is not None
        try:
            ready = await asyncio.wait_for(protocol.read_async(self._process.stdout), timeout)
        except (TimeoutError, ValueError):
            ready = None
        if not ready or ready.get("event") != "ready":
            await self.stop(grace=0)
            tail = self._stderr.text(10)
            raise WorkerUnavailable(f"The run process did not start: {tail or 'no output'}")
        self.ready = ready

    async def launch(self, request: dict[str, Any], timeout: float) -> dict[str, Any]:
        """The run it created (`run_id`, `status`); `RequestFailed` when it refused the
        request (nothing launched, and it is still waiting)."""
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        async with self._lock:
            self._next_id += 1
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                process.stdin.write(
                    protocol.encode(protocol.request(self._next_id, "launch", request))
                )
                await process.stdin.drain()
            try:
                reply = await asyncio.wait_for(protocol.read_async(process.stdout), timeout)
            except (TimeoutError, ValueError) as exc:
                await self.stop(grace=0)
                raise WorkerUnavailable(f"The run process did not answer: {exc}") from exc
        if reply is None:
            code = await process.wait()
            raise WorkerUnavailable(
                f"The run process {describe_exit(code)} before it launched: {self.stderr_tail(5)}"
            )
        if not reply.get("ok"):
            raise RequestFailed(reply.get("error") or {})
        self.run_id = str(reply["result"]["run_id"])
        return reply["result"]

    async def wait(self) -> int | None:
        if self._process is None:
            return None
        code = await self._process.wait()
        if self._pump is not None:  # its last words say why it ended
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._pump), 2.0)
        return code

    async def stop(self, grace: float = 3.0) -> None:
        """SIGTERM to its group, SIGKILL after `grace` seconds."""
        if self._process is not None:
            await spawn.stop_process(self._process, grace=grace)

    async def detach(self, grace: float) -> None:
        """Close its channel, as a stopping server does: a running run records that the
        designer stopped and ends; after `grace` seconds the group is killed anyway."""
        process = self._process
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)
        await spawn.stop_process(process, grace=0.5)

    def stderr_tail(self, lines: int = 20) -> str:
        return self._stderr.text(lines)

    async def _pump_stderr(self, process: asyncio.subprocess.Process) -> None:
        assert process.stderr is not None
        async for line in spawn.read_lines(process.stderr):
            self._stderr.add(line)
