"""The project loads: each error Dagster reports while loading is an error finding, and a key
defined twice is named as such."""

from __future__ import annotations

import re
from typing import Any

from .finding import Finding

# Dagster's words for two definitions of one key (asset, check, job, schedule or sensor).
_DUPLICATE = re.compile(
    r"(?:[Dd]uplicate|multiple|more than one|defined (?:more than once|twice)|conflicting)", re.I
)
_KEY = re.compile(r"""AssetKey\(\[([^\]]*)\]\)|["']([\w/.-]+)["']""")


def _key_in(message: str) -> str | None:
    match = _KEY.search(message)
    if match is None:
        return None
    if match.group(1) is not None:
        return "/".join(p.strip().strip("'\"") for p in match.group(1).split(","))
    return match.group(2)


def review(definitions: dict[str, Any]) -> list[Finding]:
    found = []
    for error in definitions.get("errors", []):
        message = str(error.get("message", "")).strip()
        duplicate = bool(_DUPLICATE.search(message)) and "key" in message.lower()
        found.append(
            Finding(
                rule="duplicate-key" if duplicate else "loads",
                severity="error",
                message=(f"A key is defined twice: {message}" if duplicate else message)
                or "The project does not load.",
                file=error.get("file"),
                line=error.get("line"),
                target=_key_in(message) if duplicate else error.get("key"),
            )
        )
    return found
