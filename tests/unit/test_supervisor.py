"""The worker supervisor against a fake worker that speaks the real protocol: crashes, hangs,
restarts with growing pauses, giving up, and closing, in seconds and without Dagster."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dagster_designer.processes import spawn
from dagster_designer.processes.supervisor import (
    RESTART_DELAYS,
    RequestFailed,
    Supervisor,
    WorkerBusy,
    WorkerCrashed,
    WorkerError,
    WorkerTimeout,
    WorkerUnavailable,
)
from dagster_designer.project_files.config import ProjectConfig
from tests.fake_worker import CRASH_REASON
from tests.support import run_async

FAKE_WORKER = Path(__file__).resolve().parent.parent / "fake_worker.py"
DEADLINE = 60.0


@dataclass
class Harness:
    """A supervisor of the fake worker, with what the test sees of it and a clock of its own:
    the pauses before a restart are recorded, not slept; they end at once, or (`pause`) never,
    so that only a request starts the worker again."""

    args: list[str]  # the fake worker's arguments for its next start
    pause: bool
    states: list[tuple[str, str | None]] = field(default_factory=list)
    delays: list[float] = field(default_factory=list)
    supervisor: Supervisor = field(init=False)

    async def sleep(self, delay: float) -> None:
        self.delays.append(delay)
        if self.pause:
            await asyncio.Event().wait()


def _config(root: Path) -> ProjectConfig:
    """A project whose environment exists: the supervisor checks for its Python."""
    python = root / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.symlink_to(sys.executable)
    return ProjectConfig(root, "fake", "fake", "fake.defs", "fake.definitions", ())


@asynccontextmanager
async def supervised(root: Path, *args: str, pause: bool = False) -> AsyncIterator[Harness]:
    h = Harness(list(args), pause)
    h.supervisor = Supervisor(
        _config(root),
        spawn.NO_LIMITS,
        lambda state, detail: h.states.append((state, detail)),
        start_timeout=DEADLINE,
        command=lambda: (
            [sys.executable, "-I", "-S", str(FAKE_WORKER), *h.args],
            spawn.child_environment(),
        ),
        sleep=h.sleep,
    )
    try:
        yield h
    finally:
        await h.supervisor.close()


async def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = asyncio.get_running_loop().time() + DEADLINE
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"never: {what}"
        await asyncio.sleep(0.02)


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent does not)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rpartition(")")[2].split()[0] != "Z"


async def _gone(pids: list[int]) -> None:
    await _until(lambda: not any(map(_alive, pids)), f"processes {pids} ended")


def test_a_worker_answers_requests_and_an_error_answer_keeps_it(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path) as h:
            reply = await h.supervisor.call("echo", {"n": 1})
            assert reply["params"] == {"n": 1} and reply["pid"] == h.supervisor.pid
            assert h.supervisor.info["dagster_version"] == "fake"
            with pytest.raises(RequestFailed, match="the request failed"):
                await h.supervisor.call("fail")
            assert h.supervisor.pid == reply["pid"] and h.supervisor.state == "ready"
            assert h.states == [("starting", None), ("ready", None)]

    run_async(scenario())


def test_a_crash_fails_its_request_with_the_reason_and_the_next_request_restarts_it(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path, pause=True) as h:
            first = (await h.supervisor.call("echo"))["pid"]
            with pytest.raises(WorkerCrashed) as crashed:
                await h.supervisor.call("crash")
            assert crashed.value.message == (
                "The worker process exited with code 3 while answering."
            )
            error = crashed.value.errors[0]
            assert error["kind"] == "crash" and CRASH_REASON in error["detail"]
            await _gone([first])
            # the pause before the automatic restart never ends here: the request starts it
            await _until(lambda: h.delays == [RESTART_DELAYS[0]], "a restart is due")
            assert h.supervisor.pid is None
            second = (await h.supervisor.call("echo"))["pid"]
            assert second != first and h.supervisor.state == "ready"
            assert h.supervisor.restarts == 1
            assert h.states == [
                ("starting", None),
                ("ready", None),
                ("restarting", crashed.value.message),
                ("starting", None),
                ("ready", None),
            ]

    run_async(scenario())


def test_a_hung_request_times_out_its_process_group_is_killed_and_the_next_works(
    tmp_path: Path,
) -> None:
    pids_file = tmp_path / "pids.json"

    async def scenario() -> None:
        async with supervised(tmp_path, pause=True) as h:
            with pytest.raises(WorkerTimeout) as timed_out:
                await h.supervisor.call("hang", {"pids": str(pids_file)}, timeout=2.0)
            assert timed_out.value.message.startswith(
                "The request `hang` did not finish within 2 s and was stopped."
            )
            assert timed_out.value.errors[0]["kind"] == "timeout"
            worker, grandchild = json.loads(pids_file.read_text())
            await _gone([worker, grandchild])
            assert h.supervisor.state == "restarting"
            reply = await h.supervisor.call("echo")
            assert reply["pid"] not in (worker, grandchild)
            assert h.supervisor.state == "ready"

    run_async(scenario())


async def _given_up(h: Harness) -> None:
    await _until(lambda: h.supervisor.state == "failed", "the supervisor gave up")


def test_repeated_crashes_are_restarted_after_growing_pauses_then_given_up_with_the_output(
    tmp_path: Path,
) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path, "--exit-after-ready") as h:
            await h.supervisor.start()
            await _given_up(h)
            assert h.delays == [1.0, 2.0, 4.0, 8.0]  # doubling, and no more than four
            assert h.supervisor.restarts == 4 and h.supervisor.pid is None
            detail = h.supervisor.detail or ""
            assert "exited with code 3" in detail and "5 times in a row" in detail
            assert CRASH_REASON in detail  # what the worker last wrote says why
            reason = "The worker process exited with code 3."
            cycle = [("starting", None), ("ready", None), ("restarting", reason)]
            given_up = ("failed", h.supervisor.detail)
            assert h.states == [*(cycle * 4), ("starting", None), ("ready", None), given_up]
            # a request tries again, and a worker that answers is the end of the failures
            h.args.clear()
            assert (await h.supervisor.call("echo"))["pid"] == h.supervisor.pid
            assert h.supervisor.state == "ready"

    run_async(scenario())


def test_an_explicit_restart_starts_counting_failures_again(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path, "--exit-after-ready") as h:
            await h.supervisor.start()
            await _given_up(h)
            h.delays.clear()
            h.pause = True
            await h.supervisor.restart()
            await _until(lambda: h.supervisor.state != "ready", "the worker ended again")
            # the first failure in a row again: restarted after the first pause, not given up
            assert h.supervisor.state == "restarting"
            await _until(lambda: h.delays == [RESTART_DELAYS[0]], "a restart is due")

    run_async(scenario())


def test_a_worker_that_cannot_start_fails_with_what_it_wrote(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path, "--exit-at-start") as h:
            with pytest.raises(WorkerUnavailable) as refused:
                await h.supervisor.call("echo")
            assert CRASH_REASON in refused.value.message
            assert (h.supervisor.state, h.supervisor.detail) == ("failed", CRASH_REASON)
            assert h.supervisor.pid is None and h.delays == []

    run_async(scenario())


def test_what_the_worker_writes_is_kept_apart_from_its_answers(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path) as h:
            reply = await h.supervisor.call("noisy", {"lines": 200})
            assert reply["method"] == "noisy"
            # the stderr pump reads on its own: wait for its last line
            await _until(lambda: "stderr line 199" in h.supervisor.stderr_tail(1), "the tail")
            tail = h.supervisor.stderr_tail(400)
            assert "user code printing to stdout" in tail
            assert tail.splitlines()[-3:] == [f"stderr line {n}" for n in (197, 198, 199)]

    run_async(scenario())


def test_a_slow_answer_within_its_timeout_is_waited_for(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with supervised(tmp_path) as h:
            pid = (await h.supervisor.call("echo"))["pid"]
            slow = asyncio.create_task(
                h.supervisor.call("slow", {"seconds": 1.0}, timeout=DEADLINE)
            )
            await _until(lambda: h.supervisor.state == "busy", "busy while answering")
            assert (await slow)["pid"] == pid
            assert h.supervisor.state == "ready" and h.supervisor.restarts == 0

    run_async(scenario())


def test_closing_during_a_request_fails_it_and_leaves_no_process(tmp_path: Path) -> None:
    pids_file = tmp_path / "pids.json"

    async def scenario() -> None:
        async with supervised(tmp_path) as h:
            hung = asyncio.create_task(
                h.supervisor.call("hang", {"pids": str(pids_file)}, timeout=DEADLINE)
            )
            await _until(pids_file.exists, "the worker hangs")
            pids = json.loads(pids_file.read_text())
            await h.supervisor.close()
            with pytest.raises(WorkerError):
                await hung
            await _gone(pids)
            assert (h.supervisor.state, h.supervisor.pid) == ("stopped", None)
            assert h.states[-1] == ("stopped", None)
            with pytest.raises(WorkerUnavailable, match="closed"):
                await h.supervisor.call("echo")

    run_async(scenario())


def test_a_request_that_cannot_get_its_turn_in_time_is_refused_and_the_queue_goes_on(
    tmp_path: Path,
) -> None:
    """A request with `wait` never queues longer than that behind the one in flight (nor
    behind a start): it is refused, and what is in flight still gets its answer."""

    async def scenario() -> None:
        async with supervised(tmp_path) as h:
            pid = (await h.supervisor.call("echo"))["pid"]
            slow = asyncio.create_task(h.supervisor.call("slow", {"seconds": 8.0}))
            await _until(lambda: h.supervisor.state == "busy", "busy while answering")
            started = asyncio.get_running_loop().time()
            with pytest.raises(WorkerBusy, match="busy"):
                await h.supervisor.call("echo", wait=1.0)
            assert asyncio.get_running_loop().time() - started < 6.0
            assert (await slow)["pid"] == pid
            assert (await h.supervisor.call("echo", wait=1.0))["pid"] == pid
            assert h.supervisor.restarts == 0

    run_async(scenario())


def test_a_closed_supervisor_starts_no_process(tmp_path: Path) -> None:
    """A start asked for after the project closed (a completion still on its way) spawns
    nothing that would outlive the server."""

    async def scenario() -> None:
        async with supervised(tmp_path) as h:
            await h.supervisor.close()
            with pytest.raises(WorkerUnavailable, match="closed"):
                await h.supervisor.start()
            assert h.supervisor.pid is None

    run_async(scenario())
