"""The worker channel and the spawn helper: frames of any size, bounded reading of a child's
output, and kernel limits a child cannot lift."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
from pathlib import Path

import pytest

from dagster_designer.processes import spawn
from dagster_designer.processes.launch import project_limits
from dagster_designer.worker import protocol
from tests.support import run_async

MB = 1024 * 1024


def _reader(data: bytes) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    return reader


def test_a_message_longer_than_any_line_limit_is_read_whole() -> None:
    message = {"id": 1, "ok": True, "result": "x" * (3 * MB)}

    async def read() -> list[dict | None]:
        reader = _reader(protocol.encode(message) + protocol.encode({"event": "ready"}))
        return [await protocol.read_async(reader) for _ in range(3)]

    assert run_async(read()) == [message, {"event": "ready"}, None]


def test_a_message_over_the_limit_is_refused_by_its_size_and_never_buffered() -> None:
    size = protocol.MAX_MESSAGE_BYTES + 1
    buffered: list[int] = []

    async def read() -> tuple[str, dict | None]:
        reader = asyncio.StreamReader()

        async def write() -> None:  # the body flows in chunks, as through a pipe
            reader.feed_data(protocol.header(size))
            chunk = b"y" * MB
            for start in range(0, size, MB):
                reader.feed_data(chunk[: min(MB, size - start)])
                buffered.append(len(reader._buffer))  # type: ignore[attr-defined]
                await asyncio.sleep(0)
            reader.feed_data(protocol.encode({"id": 2, "ok": True}))
            reader.feed_eof()

        writer = asyncio.create_task(write())
        with pytest.raises(protocol.MessageTooLarge) as refused:
            await protocol.read_async(reader)
        following = await protocol.read_async(reader)
        await writer
        return str(refused.value), following

    error, following = run_async(read())
    assert "128.0 MB" in error
    assert following == {"id": 2, "ok": True}  # the channel goes on after it
    assert max(buffered) <= 2 * MB  # read past as it came, never held


@pytest.mark.parametrize("data", [b"{not a frame}\n", b"12x\n{}", b"5\n{}"])
def test_anything_but_a_frame_is_unreadable(data: bytes) -> None:
    async def read() -> None:
        await protocol.read_async(_reader(data))

    with pytest.raises(ValueError):
        run_async(read())


def test_an_endless_line_is_cut_with_a_marker() -> None:
    async def read() -> list[str]:
        reader = _reader(b"a" * (5 * MB) + b"\nshort\n" + b"b" * 10)
        return [line async for line in spawn.read_lines(reader, max_line=100)]

    lines = run_async(read())
    assert lines[0].startswith("a" * 100) and f"{5 * MB - 100} more bytes" in lines[0]
    assert lines[1:] == ["short", "b" * 10]


def test_the_kept_tail_is_bounded_in_lines_and_size() -> None:
    tail = spawn.OutputTail(max_lines=10, max_chars=1000)
    for index in range(100):
        tail.add(f"{index:03d}" + "z" * 197)
    assert len(tail.lines) <= 5 and tail.count == 100
    assert tail.text().startswith("[95 earlier lines left out]")
    assert tail.since(98) == [line for line in tail.lines][-2:]


def printed(program: str, folder: Path, limits: spawn.Limits) -> str:
    """What a Python `program` started under `limits` prints; it must succeed."""
    result = run_async(
        spawn.capture(
            [sys.executable, "-c", program],
            cwd=folder,
            env=spawn.child_environment(),
            timeout=60,
            limits=limits,
        )
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_limited_child_cannot_lift_its_limits(tmp_path: Path) -> None:
    program = (
        "import json, resource\n"
        "before = resource.getrlimit(resource.RLIMIT_AS)\n"
        "try:\n"
        "    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY,) * 2)\n"
        "    lifted = True\n"
        "except (ValueError, OSError):\n"
        "    lifted = False\n"
        "print(json.dumps({'as': before, 'cpu': resource.getrlimit(resource.RLIMIT_CPU),"
        " 'lifted': lifted}))\n"
    )
    seen = json.loads(printed(program, tmp_path, spawn.Limits(memory_mb=1024, cpu_seconds=30)))
    assert seen == {"as": [1024 * MB] * 2, "cpu": [30, 30], "lifted": False}
    # the server itself keeps its own limits
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != 1024 * MB


def test_background_work_yields_the_processor(tmp_path: Path) -> None:
    program = "import os\nprint(os.getpriority(os.PRIO_PROCESS, 0))\n"
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    seen = {
        background: int(printed(program, tmp_path, project_limits(512, 60, background=background)))
        for background in (False, True)
    }
    assert seen == {False: ours, True: min(ours + 10, 19)}
    # the server itself keeps its priority
    assert os.getpriority(os.PRIO_PROCESS, 0) == ours


def test_a_command_that_cannot_start_under_limits_says_so(tmp_path: Path) -> None:
    result = run_async(
        spawn.capture(
            [str(tmp_path / "missing")],
            cwd=tmp_path,
            env=spawn.child_environment(),
            timeout=60,
            limits=spawn.Limits(memory_mb=512),
        )
    )
    assert result.returncode == 127 and "could not start" in result.stderr


def test_capture_stops_a_child_that_writes_more_than_accepted(tmp_path: Path) -> None:
    result = run_async(
        spawn.capture(
            [sys.executable, "-c", "import sys\nwhile True: sys.stdout.write('w' * 65536)"],
            cwd=tmp_path,
            env=spawn.child_environment(),
            timeout=60,
            limits=spawn.NO_LIMITS,
            max_stdout=4 * MB,
        )
    )
    assert result.too_large and result.stdout == b""
