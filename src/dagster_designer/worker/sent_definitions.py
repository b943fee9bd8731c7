"""The definitions the worker last sent the server after a load. The next load answers with what
changed since them (a few kilobytes where the whole is megabytes to encode, send and decode)
when the server says it holds that very version; otherwise whole."""

from __future__ import annotations

import secrets
from typing import Any

from .definitions_delta import delta


class SentDefinitions:
    def __init__(self) -> None:
        # versions are named per process: a restarted worker never matches an older one's name
        self._prefix = secrets.token_hex(4)
        self._count = 0
        self._last: tuple[str, dict[str, Any]] | None = None

    def answer(self, definitions: dict[str, Any], base: str | None) -> dict[str, Any]:
        """`{"version", "definitions"}`, or `{"version", "base", "delta"}` when the server holds
        `base`, the version this worker sent last."""
        self._count += 1
        version = f"{self._prefix}-{self._count}"
        last, self._last = self._last, (version, definitions)
        if base is not None and last is not None and last[0] == base:
            return {"version": version, "base": base, "delta": delta(last[1], definitions)}
        return {"version": version, "definitions": definitions}
