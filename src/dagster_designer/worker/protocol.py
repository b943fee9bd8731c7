"""Wire format between the designer server and a project worker.

Each message is a frame: its length in bytes as decimal digits and a newline, then that many
bytes of JSON. The server sends requests ``{"id", "method", "params"}``; the worker answers
``{"id", "ok": true, "result"}`` or ``{"id", "ok": false, "error": {...}}`` and may send events
``{"event", ...}`` at any time. Framing by length means no message size breaks the channel, and
the reader knows a message's size before reading it: one over `MAX_MESSAGE_BYTES` is refused
with a clear error instead of being buffered. This module is imported on both sides, so it uses
only the standard library.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any, BinaryIO

# The most either side reads as one message. The definitions of a project stay far below it
# (heavy metadata is summarised), so a larger message is a fault, never a project too large.
MAX_MESSAGE_BYTES = 128 * 1024 * 1024
# What the server sends a worker to cut short the whole-repository check it is running.
INTERRUPT = signal.SIGUSR2
_MAX_HEADER = 20  # digits of a length, and its newline

# The answer to `load` when nothing loads: every list empty (a failed load adds its errors).
EMPTY_DEFINITIONS: dict[str, Any] = {
    "assets": [],
    "asset_checks": [],
    "jobs": [],
    "schedules": [],
    "sensors": [],
    "resources": [],
    "components": [],
    "errors": [],
    "warnings": [],
}


# Which folders are not the project's own: one list for the file tree, the watcher, the
# snapshot of what changed and the worker's reload plan. Names of folders inside a project;
# the folders above it may have any name.
# Environments, version control and caches: never listed, never watched.
HIDDEN_DIRS = frozenset(
    {
        ".venv",
        "venv",
        ".git",
        ".hg",
        "__pycache__",
        "node_modules",
        ".pytest_cache",
        ".ruff_cache",
        ".mypy_cache",
        ".tox",
        ".ipynb_checkpoints",
        ".local_defs_state",
    }
)
# Also never watched, though listed: nothing in them changes what Dagster loads (editors'
# settings, the designer's and dg's own state, dbt's outputs, written by `dbt parse` and runs).
INERT_DIRS = HIDDEN_DIRS | {
    ".idea",
    ".vscode",
    ".dagster-designer",
    ".dg",
    "target",
    "logs",
    "dbt_packages",
}
INERT_SUFFIXES = (".pyc", ".pyo", ".swp", ".swx", "~", ".tmp", ".duckdb", ".duckdb.wal", ".log")
_DAGSTER_HOME = ".tmp_dagster_home"  # the temporary instance `dagster dev` makes
# Watched and listed (the file tree and git show them), but never read by a load of the
# definitions: a change to them alone leaves the definitions as they are.
UNLOADED_FILES = frozenset({".gitignore", ".gitattributes"})


def hidden_dir(name: str) -> bool:
    return name in HIDDEN_DIRS or name.startswith(_DAGSTER_HOME)


def inert_dir(name: str) -> bool:
    return name in INERT_DIRS or name.startswith(_DAGSTER_HOME)


def inert_file(name: str) -> bool:
    return name.endswith(INERT_SUFFIXES) or name.startswith(".#")


def first_missing_ancestor(path: Path, stop: Path) -> Path:
    """The outermost folder (or the path itself) below `stop` that writing `path` would newly
    create: what a failed scaffold removes. A link, even a dangling one, exists: it never is."""
    created = path
    for parent in path.parents:
        if parent == stop or os.path.lexists(parent):
            break
        created = parent
    return created


class MessageTooLarge(ValueError):
    def __init__(self, size: int) -> None:
        super().__init__(
            f"a message of {describe_size(size)}, more than the {describe_size(MAX_MESSAGE_BYTES)} "
            "the designer reads from a worker"
        )
        self.size = size


def describe_size(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def encode_body(message: dict[str, Any]) -> bytes:
    return json.dumps(message, separators=(",", ":"), default=str).encode()


def header(size: int) -> bytes:
    return b"%d\n" % size


def encode(message: dict[str, Any]) -> bytes:
    body = encode_body(message)
    return header(len(body)) + body


def decode(body: bytes) -> dict[str, Any]:
    message = json.loads(body)
    if not isinstance(message, dict):
        raise ValueError("protocol message is not an object")
    return message


def frame_size(header: bytes) -> int:
    """The length a frame's header announces; ValueError for anything but digits."""
    digits = header.rstrip(b"\n")
    if not header.endswith(b"\n") or not digits.isdigit() or len(digits) >= _MAX_HEADER:
        raise ValueError(f"not a frame header: {header[:40]!r}")
    return int(digits)


def read(stream: BinaryIO) -> dict[str, Any] | None:
    """The next message of a blocking stream; None at its end."""
    header = stream.readline(_MAX_HEADER + 1)
    if not header:
        return None
    size = frame_size(header)
    if size > MAX_MESSAGE_BYTES:
        raise MessageTooLarge(size)
    body = stream.read(size)
    if len(body) < size:
        raise ValueError("the stream ended inside a message")
    return decode(body)


async def read_async(stream: asyncio.StreamReader) -> dict[str, Any] | None:
    """The next message of an asyncio stream; None at its end. A message over the limit is
    read past in chunks (so the stream stays usable) and reported as `MessageTooLarge`."""
    header = await stream.readline()
    if not header:
        return None
    size = frame_size(header)
    if size > MAX_MESSAGE_BYTES:
        left = size
        while left:
            chunk = await stream.read(min(left, 1024 * 1024))
            if not chunk:
                break
            left -= len(chunk)
        raise MessageTooLarge(size)
    try:
        body = await stream.readexactly(size)
    except asyncio.IncompleteReadError as exc:
        raise ValueError("the stream ended inside a message") from exc
    return decode(body)


def read_bytes(data: bytes) -> dict[str, Any]:
    """The one message in `data` (what a one-shot worker wrote)."""
    header, _, body = data.partition(b"\n")
    size = frame_size(header + b"\n")
    if len(body) != size:
        raise ValueError(f"expected a message of {size} bytes, got {len(body)}")
    return decode(body)


def take_channel() -> tuple[BinaryIO, BinaryIO]:
    """The process's end of the channel (a worker's, the completion process's): private copies
    of stdin and stdout, with the real ones pointed at /dev/null and stderr, so that code that
    prints or reads stdin cannot corrupt the protocol. Called before anything else is imported."""
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 - open for the process life
    # a stream of its own on fd 1 (not `sys.stderr`): Dagster captures a step's stdout by
    # redirecting the fd of `sys.stdout`, and must not take stderr's for it; line-buffered, so
    # that what a step prints is read while it runs
    sys.stdout = open(  # noqa: SIM115 - open for the process life
        1, "w", buffering=1, encoding="utf-8", errors="backslashreplace", closefd=False
    )
    return requests, replies


def send(replies: BinaryIO, message: dict[str, Any], method: str = "") -> None:
    """Write one message to the server; one over the limit becomes the failure saying so."""
    body = encode_body(message)
    if len(body) > MAX_MESSAGE_BYTES:  # the server would refuse it: say why instead
        body = encode_body(too_large(message.get("id", 0), method, len(body)))
    replies.write(header(len(body)))
    replies.write(body)
    replies.flush()


def request(request_id: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": request_id, "method": method, "params": params}


def success(request_id: int, result: Any) -> dict[str, Any]:
    return {"id": request_id, "ok": True, "result": result}


def failure(request_id: int, error: dict[str, Any]) -> dict[str, Any]:
    return {"id": request_id, "ok": False, "error": error}


def too_large(request_id: int, method: str, size: int) -> dict[str, Any]:
    """The failure a worker sends instead of an answer over the limit."""
    message = (
        f"The answer to `{method}` is {describe_size(size)} of JSON, more than the "
        f"{describe_size(MAX_MESSAGE_BYTES)} the designer reads from a worker."
    )
    hint = (
        "Something in the project's definitions is unusually large (a description, a tag or "
        "an error message of many megabytes): make it smaller."
    )
    return failure(
        request_id,
        {
            "type": "too_large",
            "message": message,
            "errors": [
                {"message": message, "kind": "too_large", "file": None, "line": None, "hint": hint}
            ],
        },
    )
