"""Definition metadata as JSON: small values whole, heavy ones as a summary.

Integrations attach whole documents to every asset they make (dagster-dbt puts the project's
entire manifest on each model), so sending metadata as is makes the definitions grow with the
square of a project's size. The definitions carry each value whole up to `VALUE_LIMIT` bytes of
JSON (and `ASSET_LIMIT` for all of an asset's values), and a summary of the rest; the full
metadata of one asset is answered on request. The rule depends on size only, never on which
integration made the value.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import re
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any

VALUE_LIMIT = 512  # bytes of JSON one metadata value may take in the definitions
ASSET_LIMIT = 2048  # and all the values of one asset together
_MAX_DEPTH = 40


class Renderer:
    """Turns metadata values into JSON-ready data and measures them. Containers are
    remembered by identity for the renderer's life (one load), so a document shared by
    thousands of assets is walked once."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, Any, int]] = {}  # id -> (object, rendering, bytes)

    def render(self, value: Any, depth: int = 0) -> tuple[Any, int]:
        """(JSON-ready rendering, about its size in bytes as compact JSON)."""
        if value is None or isinstance(value, bool):
            return value, 4 if value is None or value else 5
        if isinstance(value, (int, float)):
            return value, len(repr(value))
        if isinstance(value, str):
            return value, len(value.encode(errors="replace")) + 2
        known = self._memo.get(id(value))
        if known is not None and known[0] is value:
            return known[1], known[2]
        rendering, size = self._render_object(value, depth)
        self._memo[id(value)] = (value, rendering, size)
        return rendering, size

    def _render_object(self, value: Any, depth: int) -> tuple[Any, int]:
        if depth > _MAX_DEPTH:
            return self.render(f"<{type(value).__name__} nested too deep>", depth)
        plain = _plain_form(value)
        if plain is not value:
            return self.render(plain, depth + 1)
        if isinstance(value, Mapping):
            out: dict[str, Any] = {}
            size = 2
            for key, item in value.items():
                out[str(key)], item_size = self.render(item, depth + 1)
                size += len(str(key)) + 4 + item_size
            return out, size
        if isinstance(value, (list, tuple, set, frozenset)):
            items = []
            size = 2
            for item in value:
                rendered, item_size = self.render(item, depth + 1)
                items.append(rendered)
                size += item_size + 1
            return items, size
        return self.render(_stable_repr(value), depth)


# The memory address in a default repr (`<X object at 0x7f...>`) changes with every load.
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _stable_repr(value: Any) -> str:
    """An object shown by its repr, without memory addresses: an unchanged project gives the
    same definitions on every load (dagster-dbt puts its translator object on every asset)."""
    return _ADDRESS.sub("", repr(value))


_PLAIN_CONTAINERS = (dict, list, tuple, set, frozenset)


@functools.cache
def _dagster_types() -> tuple[type, Callable[[Any], bool] | None, Callable[[Any], Any] | None]:
    """Dagster's metadata value class and its record helpers (None in a Dagster without them),
    imported once: an import statement run for each of a large project's values costs more
    than the rest of their rendering."""
    from dagster import MetadataValue

    try:
        from dagster._record import as_dict, is_record
    except ImportError:  # another Dagster: records are then shown by their repr
        return MetadataValue, None, None
    return MetadataValue, is_record, as_dict


def _plain_form(value: Any) -> Any:
    """The data an object stands for (a metadata value's payload, a record's fields), or the
    object itself when it is plain data already or has no such form."""
    if type(value) in _PLAIN_CONTAINERS:  # most of a document: decided without a lookup
        return value
    metadata_value, is_record, as_dict = _dagster_types()
    if isinstance(value, metadata_value) and value.value is not value:
        return value.value
    if is_record is not None and as_dict is not None and is_record(value):
        return dict(as_dict(value))  # a Dagster record (`TableSchema`...) refuses iteration
    if isinstance(value, (Mapping, list, tuple, set, frozenset)) and not hasattr(value, "_asdict"):
        return value
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if callable(getattr(value, "_asdict", None)):  # named tuples, Dagster's records
        return dict(value._asdict())
    if callable(getattr(value, "model_dump", None)):  # pydantic models
        return value.model_dump()
    return value


def summary(value: Any, size: int) -> dict[str, Any]:
    return {"summary": f"{_kind(value)}, {_size_text(size)}", "bytes": size}


def _kind(value: Any) -> str:
    metadata_value = _dagster_types()[0]
    raw = value.value if isinstance(value, metadata_value) else value
    if isinstance(raw, str):
        return "text"
    if isinstance(raw, Mapping):
        return f"object of {len(raw)} keys"
    if isinstance(raw, list):
        return f"list of {len(raw)} items"
    return type(value).__name__


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.1f} KB"


# Shown elsewhere in the definitions (`source`), and in full on request.
_LEFT_OUT = ("dagster/code_references",)


def describe_metadata(metadata: Mapping[str, Any], renderer: Renderer) -> dict[str, Any]:
    """An asset's metadata for the definitions: small values whole, heavy ones summarised."""
    out: dict[str, Any] = {}
    budget = ASSET_LIMIT
    for key, value in metadata.items():
        if key.startswith(_LEFT_OUT):
            continue
        try:
            rendered, size = renderer.render(value)
        except Exception as exc:  # an object that cannot even be shown never fails a load
            out[key] = {"summary": f"{type(value).__name__}, not shown: {exc}"[:200]}
            continue
        if size <= VALUE_LIMIT and size <= budget:
            out[key] = rendered
            budget -= size
        else:
            out[key] = summary(value, size)
    return out


def full(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """Every value of a definition's metadata, whole."""
    renderer = Renderer()
    return {key: renderer.render(value)[0] for key, value in metadata.items()}


def asset_metadata(repo: Any, key: str) -> dict[str, Any] | None:
    """The full metadata of the asset `key` (as `dg` writes keys), None when there is none."""
    from dagster import AssetKey

    if repo is None:
        return None
    asset_key = AssetKey.from_user_string(key)
    graph = repo.asset_graph
    if not graph.has(asset_key):
        return None
    return {"key": key, "metadata": full(graph.get(asset_key).metadata)}


RECORDED_ENTRIES = 50  # entries of one event shown
RECORDED_VALUE = 4000  # characters of one value shown


def recorded(metadata: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """What Dagster recorded with a materialization, an observation or a check's evaluation,
    for a table: each entry's label, kind (`int`, `url`, `md`, `table`...) and value as text."""
    import json

    renderer = Renderer()
    entries = []
    for label, value in list((metadata or {}).items())[:RECORDED_ENTRIES]:
        kind = type(value).__name__.removesuffix("MetadataValue").lower() or "value"
        rendered, _ = renderer.render(value)
        text = rendered if isinstance(rendered, str) else json.dumps(rendered)
        entries.append({"label": str(label), "kind": kind, "value": text[:RECORDED_VALUE]})
    return entries
