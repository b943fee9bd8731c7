"""Canvas positions, the designer's only state inside a project.

`.dagster-designer/layout.json` holds one node per line, sorted, so that two people moving
different nodes merge cleanly in git. Nothing ever needs the file to load the project. It is read
and written through the file API's confinement like any file, and a save never replaces a file
it cannot read back: that file may hold someone's positions, or a merge to finish.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from . import files

Positions = dict[str, dict[str, float]]
LAYOUT_FILE = ".dagster-designer/layout.json"
# Bounds of what a save takes: far beyond any canvas, small enough to write and read back.
MAX_NODES = 20_000
MAX_NODE_ID = 1_000
MAX_COORDINATE = 1e9


class LayoutUnreadable(Exception):
    """The layout file exists but does not hold positions as the designer writes them."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"`{LAYOUT_FILE}` {problem}. Fix or delete the file; positions are not saved over it."
        )


def read_positions(root: Path) -> Positions:
    return _read(root)[0]


def _read(root: Path) -> tuple[Positions, str | None]:
    """The positions and the file's ETag (None when there is no file yet)."""
    try:
        text, etag = files.read_text(root, LAYOUT_FILE)
    except FileNotFoundError:
        return {}, None
    if not text.strip():
        return {}, etag
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise LayoutUnreadable(f"is not valid JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("positions", {}), dict):
        raise LayoutUnreadable('is not an object with "positions"')
    unknown = sorted(set(data) - {"version", "positions"})
    if unknown:
        raise LayoutUnreadable(f"holds `{unknown[0]}`, which this designer does not know")
    positions: Positions = {}
    for node, position in data.get("positions", {}).items():
        x, y = (position.get(axis) if isinstance(position, dict) else None for axis in "xy")
        if not (_finite(x) and _finite(y)):
            raise LayoutUnreadable(f"gives `{node}` no finite x and y")
        positions[node] = {"x": float(x), "y": float(y)}
    return positions, etag


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _number(value: float) -> str:
    """A coordinate to a tenth, written so that JSON reads back exactly that value."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded.is_integer() else repr(rounded)


def render(positions: Positions) -> str:
    lines = [
        f'    {json.dumps(node)}: {{"x": {_number(p["x"])}, "y": {_number(p["y"])}}}'
        for node, p in sorted(positions.items())
    ]
    body = ",\n".join(lines)
    return '{\n  "version": 1,\n  "positions": {\n' + body + ("\n" if lines else "") + "  }\n}\n"


def update_positions(root: Path, changes: dict[str, dict[str, float] | None]) -> Positions:
    """Apply changes (None removes a node). Written only over the version read, so a change
    made on disk meanwhile is never lost."""
    positions, etag = _read(root)
    for node, position in changes.items():
        if position is None:
            positions.pop(node, None)
        else:
            positions[node] = {"x": float(position["x"]), "y": float(position["y"])}
    if etag is None:
        files.create_text(root, LAYOUT_FILE, render(positions))
    else:
        files.write_text(root, LAYOUT_FILE, render(positions), if_match=etag)
    return positions
