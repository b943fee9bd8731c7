"""What changed between two versions of a project's definitions: what the worker sends after a
load (the server holds the version before) and what the live channel sends on.

A delta names, per kind, the items added or modified (whole) and the identities removed; the
small lists (errors, warnings) and the load's scalars come whole when they changed. Applying
the delta to the old definitions gives the new ones exactly, order included: the order of a
kind is sent only when applying would not reproduce it (an item added in the middle).
"""

from __future__ import annotations

from typing import Any

# Each kind's identity field; components are identified by where they are written.
IDENTITY: dict[str, tuple[str, ...]] = {
    "assets": ("key",),
    "asset_checks": ("key",),
    "jobs": ("name",),
    "schedules": ("name",),
    "sensors": ("name",),
    "resources": ("name",),
    "components": ("defs_path", "defs_index"),
}

Identity = str | tuple[Any, ...]


def identity(kind: str, item: dict[str, Any]) -> Identity:
    fields = IDENTITY[kind]
    if len(fields) == 1:
        return item[fields[0]]
    return tuple(item.get(field) for field in fields)


def _wire(ident: Identity) -> Any:
    return list(ident) if isinstance(ident, tuple) else ident


def _unwire(kind: str, value: Any) -> Identity:
    return tuple(value) if len(IDENTITY[kind]) > 1 else value


def _by_identity(kind: str, items: list[dict[str, Any]]) -> dict[Identity, dict[str, Any]] | None:
    """Items by identity; None when two share one (a broken load), then the list goes whole."""
    found = {identity(kind, item): item for item in items}
    return found if len(found) == len(items) else None


def _applied_order(
    kind: str, old: list[dict[str, Any]], removed: set[Identity], added: list[Identity]
) -> list[Identity]:
    kept = [ident for item in old if (ident := identity(kind, item)) not in removed]
    return kept + added


def _kind_delta(kind: str, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Any:
    """`None` when nothing changed, the new list when it goes whole, else
    `{"upsert": [...], "remove": [...], "order"?: [...]}`."""
    if old == new:
        return None
    before, after = _by_identity(kind, old), _by_identity(kind, new)
    if before is None or after is None:
        return {"replace": new}
    # an item kept from the version before is the same object: no deep comparison for it
    upsert = [
        item
        for ident, item in after.items()
        if (was := before.get(ident)) is not item and was != item
    ]
    removed = [ident for ident in before if ident not in after]
    added = [ident for ident in after if ident not in before]
    change: dict[str, Any] = {"upsert": upsert, "remove": [_wire(i) for i in removed]}
    order = list(after)
    if _applied_order(kind, old, set(removed), added) != order:
        change["order"] = [_wire(i) for i in order]
    return change


def delta(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What turns `old` into `new`: per kind of IDENTITY its change, every other field whole
    when it differs (a field gone from `new` is listed under `"drop"`)."""
    changes: dict[str, Any] = {}
    for key, value in new.items():
        if key in IDENTITY and isinstance(old.get(key), list):
            kind_change = _kind_delta(key, old[key], value)
            if kind_change is not None:
                changes[key] = kind_change
        elif key not in old or old[key] != value:
            changes[key] = {"replace": value}
    dropped = [key for key in old if key not in new]
    return {"changes": changes, "drop": dropped}


def apply(old: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """`old` with `change` applied: the definitions `delta` was computed towards."""
    new = {key: value for key, value in old.items() if key not in change["drop"]}
    for key, kind_change in change["changes"].items():
        if "replace" in kind_change:
            new[key] = kind_change["replace"]
            continue
        items = {identity(key, item): item for item in old[key]}
        removed = {_unwire(key, value) for value in kind_change["remove"]}
        upserts = {identity(key, item): item for item in kind_change["upsert"]}
        if "order" in kind_change:
            order = [_unwire(key, value) for value in kind_change["order"]]
        else:
            added = [ident for ident in upserts if ident not in items]
            order = _applied_order(key, old[key], removed, added)
        new[key] = [upserts[ident] if ident in upserts else items[ident] for ident in order]
    return new
