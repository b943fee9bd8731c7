"""`dg dev` of one project: Dagster's own webserver and daemon, in the project's environment
and on its instance, served under a path prefix so that the designer can proxy it.

`dg dev` has no option for the prefix, but it starts the webserver with its own environment and
the webserver reads every option from `DAGSTER_WEBSERVER_*` variables, so
`DAGSTER_WEBSERVER_PATH_PREFIX` reaches it. `dg dev` ignores SIGTERM (its daemon ends, its
webserver and code server stay up): it is stopped by its process group, SIGKILL after a grace.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time

import httpx

from ..project_files.config import ProjectConfig
from . import spawn
from .launch import project_environment
from .supervisor import describe_exit

HOST = "127.0.0.1"
POLL_INTERVAL = 0.5


class DagsterDevFailed(RuntimeError):
    """`dg dev` did not start, or did not answer in time."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class DagsterDev:
    """One `dg dev` process group, bound to the loopback on a free port, served under
    `prefix` (a path with a leading slash and none at the end)."""

    def __init__(self, config: ProjectConfig, limits: spawn.Limits, prefix: str) -> None:
        self.config = config
        self.limits = limits
        self.prefix = prefix
        self.port = 0
        self._process: asyncio.subprocess.Process | None = None
        self._output = spawn.OutputTail(max_lines=200)
        self._pump: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def address(self) -> str:
        """Where the webserver answers, the prefix included."""
        return f"http://{HOST}:{self.port}{self.prefix}"

    async def start(self, timeout: float) -> None:
        """Spawn it and wait until the webserver answers `/server_info` under the prefix;
        `DagsterDevFailed`, with its last output, when it ends first or takes over `timeout`
        seconds (then it is stopped)."""
        self.port = _free_port()
        env = project_environment(
            self.config.venv,
            {"DAGSTER_WEBSERVER_PATH_PREFIX": self.prefix, "PYTHONUNBUFFERED": "1"},
        )
        argv = [str(self.config.venv / "bin" / "dg"), "dev", "--host", HOST]
        self._process = await spawn.spawn(
            [*argv, "--port", str(self.port)],
            cwd=self.config.root,
            env=env,
            limits=self.limits,
            stderr=asyncio.subprocess.STDOUT,
            # its webserver, daemon and code servers would outlive a server killed by SIGKILL
            die_with_server=True,
        )
        self._pump = asyncio.create_task(self._pump_output(self._process))
        try:
            await self._wait_until_ready(timeout)
        except BaseException:
            await asyncio.shield(self.stop(grace=0))
            raise

    async def _wait_until_ready(self, timeout: float) -> None:
        process = self._process
        assert process is not None
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(trust_env=False, timeout=5.0) as client:
            while time.monotonic() < deadline:
                if process.returncode is not None:
                    await self.wait()
                    raise DagsterDevFailed(
                        f"`dg dev` {describe_exit(process.returncode)}. {self.last_words()}"
                    )
                with contextlib.suppress(httpx.HTTPError):
                    answer = await client.get(f"{self.address}/server_info")
                    if answer.is_success:
                        return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(process.wait()), POLL_INTERVAL)
        raise DagsterDevFailed(
            f"Dagster's webserver did not answer within {timeout:.0f} s. {self.last_words()}"
        )

    async def wait(self) -> int | None:
        """Until the process ends (by itself or stopped); its exit code. asyncio's `wait()`
        answers only once its output is closed, which its webserver and code server keep open
        after it died: its return code is read instead."""
        process = self._process
        if process is None:
            return None
        exited = asyncio.ensure_future(process.wait())
        try:
            while process.returncode is None and not exited.done():
                await asyncio.wait({exited}, timeout=POLL_INTERVAL)
        finally:
            exited.cancel()
        await self._finish_pump()
        return process.returncode

    async def stop(self, grace: float = 3.0) -> None:
        """SIGTERM to its group, SIGKILL after `grace` seconds: nothing of it is left."""
        if self._process is not None:
            await spawn.stop_process(self._process, grace=grace)
        await self._finish_pump()

    async def _finish_pump(self) -> None:
        """Its last words are read (they say why it ended), a little while at most."""
        if self._pump is not None:
            await asyncio.wait({self._pump}, timeout=2.0)
            self._pump.cancel()

    def output_tail(self, lines: int = 20) -> str:
        return self._output.text(lines)

    def last_words(self) -> str:
        tail = self.output_tail(15)
        return f"It last wrote:\n{tail}" if tail else "It wrote nothing."

    async def _pump_output(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdout is not None
        async for line in spawn.read_lines(process.stdout):
            self._output.add(line)
