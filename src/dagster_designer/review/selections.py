"""Jobs select their assets with selection syntax (a group, a kind, a key pattern) rather than
long lists of hard-coded keys, which go stale as assets come and go."""

from __future__ import annotations

import re
from typing import Any

from .finding import Finding, place

MAX_KEYS = 5
# A selection written as keys only: `key:a or key:b ...` or a Python/YAML list of key strings.
_KEY_TERM = re.compile(r"key:[\w/\"'.-]+")


def keys_listed(line_text: str) -> int:
    """How many hard-coded keys a selection written on one line names."""
    return len(_KEY_TERM.findall(line_text))


def group_of(keys: list[str], assets: list[dict[str, Any]]) -> str | None:
    """The group whose assets are exactly `keys`, if there is one."""
    groups: dict[str, set[str]] = {}
    for asset in assets:
        groups.setdefault(asset.get("group") or "default", set()).add(asset["key"])
    wanted = set(keys)
    return next((g for g, members in groups.items() if members == wanted), None)


def review(definitions: dict[str, Any], texts: dict[str, str]) -> list[Finding]:
    found = []
    assets = definitions.get("assets", [])
    for job in definitions.get("jobs", []):
        keys = job.get("asset_keys") or []
        file, line = place(job)
        if file is None or line is None or len(keys) <= MAX_KEYS:
            continue
        text_lines = texts.get(file, "").splitlines()
        written = text_lines[line - 1] if 0 < line <= len(text_lines) else ""
        # only a selection that names its keys one by one; a group or pattern is fine
        tail = "\n".join(text_lines[line - 1 : line + 20])
        if keys_listed(tail) <= MAX_KEYS and sum(tail.count(f'"{k}"') for k in keys) <= MAX_KEYS:
            continue
        group = group_of(keys, assets)
        found.append(
            Finding(
                "key-list",
                "warning",
                f"Job {job['name']} lists {len(keys)} asset keys one by one: select them by "
                + (f"their group (group:{group})." if group else "group, kind or key pattern."),
                file,
                line if written else None,
                job["name"],
                f"Select group:{group}" if group and file.endswith(".py") and written else None,
            )
        )
    return found
