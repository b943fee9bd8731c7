"""Wire format between the designer server and a project worker.

One JSON object per line. The server sends requests ``{"id", "method", "params"}``; the worker
answers ``{"id", "ok": true, "result"}`` or ``{"id", "ok": false, "error": {...}}`` and may send
events ``{"event", ...}`` at any time. This module is imported on both sides, so it uses only
the standard library.
"""

from __future__ import annotations

import json
from typing import Any

# A single definitions payload of a large project can reach tens of megabytes.
MAX_LINE_BYTES = 256 * 1024 * 1024


def encode(message: dict[str, Any]) -> bytes:
    return (json.dumps(message, separators=(",", ":"), default=str) + "\n").encode()


def decode(line: bytes) -> dict[str, Any]:
    message = json.loads(line)
    if not isinstance(message, dict):
        raise ValueError("protocol message is not an object")
    return message


def request(request_id: int, method: str, params: dict[str, Any]) -> dict[str, Any]:
    return {"id": request_id, "method": method, "params": params}


def success(request_id: int, result: Any) -> dict[str, Any]:
    return {"id": request_id, "ok": True, "result": result}


def failure(request_id: int, error: dict[str, Any]) -> dict[str, Any]:
    return {"id": request_id, "ok": False, "error": error}
