"""A child started `die_with_server` reads nothing from the server, yet its whole process
group ends when the server is killed by SIGKILL; it exits as its command does otherwise."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dagster_designer.processes import spawn
from tests.support import group_gone, group_members, run_async

# a server: starts a group of three processes that never read their input, says its leader
SERVER = """
import asyncio, pathlib
from dagster_designer.processes import spawn

async def main():
    child = await spawn.spawn(
        ["sh", "-c", "sleep 600 & sleep 600"],
        cwd=pathlib.Path("."),
        env=spawn.child_environment(),
        limits=spawn.NO_LIMITS,
        stdout=None,
        stderr=None,
        die_with_server=True,
    )
    print(child.pid, flush=True)
    await asyncio.sleep(600)

asyncio.run(main())
"""


def test_the_group_of_a_child_ends_with_a_server_killed_by_sigkill(tmp_path: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdout=subprocess.PIPE, start_new_session=True
    )
    group = 0
    try:
        assert server.stdout is not None
        group = int(server.stdout.readline())
        deadline = time.monotonic() + 60
        while len(group_members(group)) < 3:  # the leader, the shell, its two sleeps
            assert time.monotonic() < deadline, group_members(group)
            time.sleep(0.05)

        server.send_signal(signal.SIGKILL)
        server.wait(30)

        assert group_gone(group, timeout=30), group_members(group)
    finally:
        server.kill()
        server.wait(30)
        if group and group_members(group):
            os.killpg(group, signal.SIGKILL)


def test_a_child_started_to_die_with_the_server_exits_as_its_command(tmp_path: Path) -> None:
    async def exit_of(script: str) -> int | None:
        child = await spawn.spawn(
            ["sh", "-c", script],
            cwd=tmp_path,
            env=spawn.child_environment(),
            limits=spawn.NO_LIMITS,
            die_with_server=True,
        )
        await child.communicate()
        return child.returncode

    assert run_async(exit_of("exit 3")) == 3
    assert run_async(exit_of("kill -KILL $$")) == -signal.SIGKILL
    # the group's SIGTERM is the command's to handle: one that ignores it goes on
    assert run_async(exit_of("trap '' TERM; kill -TERM 0; exit 4")) == 4
