"""Which definitions one load adds, removes or changes against another: pure, on the
descriptions the API serves (`GET /definitions`).

Where a definition is written (its file, line and place in the file) is not a change of the
definition: moving an asset to another file is no change, and two folders always differ there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Per kind, the field that names a definition.
KINDS = {
    "assets": "key",
    "asset_checks": "key",
    "jobs": "name",
    "schedules": "name",
    "sensors": "name",
}
# Fields that say where a definition is written, or repeat its name.
_PLACE = frozenset({"source", "defs_path", "defs_index", "key", "key_parts", "name"})


def empty() -> dict[str, dict[str, list[Any]]]:
    return {kind: {"added": [], "removed": [], "changed": []} for kind in KINDS}


def _by_name(items: Iterable[Mapping[str, Any]], name: str) -> dict[str, Mapping[str, Any]]:
    return {str(item[name]): item for item in items}


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """The fields (beyond where it is written) whose values differ, sorted."""
    fields = (set(before) | set(after)) - _PLACE
    return sorted(field for field in fields if before.get(field) != after.get(field))


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """What `after` adds, removes and changes against `before`, per kind, sorted by name."""
    result = empty()
    for kind, name in KINDS.items():
        old = _by_name(before.get(kind) or [], name)
        new = _by_name(after.get(kind) or [], name)
        result[kind]["added"] = sorted(new.keys() - old.keys())
        result[kind]["removed"] = sorted(old.keys() - new.keys())
        result[kind]["changed"] = [
            {"key": key, "fields": fields}
            for key in sorted(old.keys() & new.keys())
            if (fields := changed_fields(old[key], new[key]))
        ]
    return result
