"""Writing Python for the builders: literals, asset keys and keyword calls, in the form ruff
leaves as it is (one keyword per line, trailing commas)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .python_shapes import Call, Name

INDENT = "    "


def literal(value: Any) -> str:
    """Python source for a value of the params: strings with double quotes, as ruff writes."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, set):
        return "{" + ", ".join(literal(v) for v in sorted(value)) + "}" if value else "set()"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no literal for {type(value).__name__}")


def _string(text: str) -> str:
    escaped = repr(text)
    if escaped.startswith("'") and '"' not in text:
        return '"' + escaped[1:-1].replace("\\'", "'") + '"'
    return escaped


def asset_key(key: str) -> str:
    """`orders` as a string, `raw/orders` as `dg.AssetKey([...])`."""
    parts = key.split("/")
    return _string(key) if len(parts) == 1 else f"dg.AssetKey({literal(parts)})"


def read_asset_key(found: Any) -> str | None:
    """The inverse of `asset_key`: None for anything else."""
    if isinstance(found, str):
        return found
    if (
        isinstance(found, Call)
        and found.func == "dg.AssetKey"
        and len(found.args) == 1
        and not found.kwargs
        and isinstance(found.args[0], list)
        and all(isinstance(p, str) for p in found.args[0])
    ):
        return "/".join(found.args[0])
    return None


def call(func: str, keywords: Iterable[tuple[str, str]], indent: str = "") -> str:
    """`func(\\n    key=value,\\n)` with source already written for each value."""
    items = list(keywords)
    if not items:
        return f"{func}()"
    inner = "".join(f"{indent}{INDENT}{key}={source},\n" for key, source in items)
    return f"{func}(\n{inner}{indent})"


def name_of(found: Any) -> str | None:
    return found.dotted if isinstance(found, Name) else None


def indented(body: str) -> str:
    """A function body at one level of indentation, ending with a newline."""
    lines = body.strip("\n").splitlines() or ["..."]
    return "".join(f"{INDENT}{line}\n" if line.strip() else "\n" for line in lines)
