"""Canvas positions, the designer's only state inside a project.

`.dagster-designer/layout.json` holds one node per line, sorted, so that two people moving
different nodes merge cleanly in git. Nothing ever needs the file to load the project.
"""

from __future__ import annotations

import json
from pathlib import Path

from .files import atomic_write

Positions = dict[str, dict[str, float]]
LAYOUT_FILE = Path(".dagster-designer") / "layout.json"


def read_positions(root: Path) -> Positions:
    try:
        data = json.loads((root / LAYOUT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    positions = data.get("positions", {}) if isinstance(data, dict) else {}
    return {
        str(node): {"x": float(p["x"]), "y": float(p["y"])}
        for node, p in positions.items()
        if isinstance(p, dict)
        and isinstance(p.get("x"), (int, float))
        and isinstance(p.get("y"), (int, float))
    }


def render(positions: Positions) -> str:
    lines = [
        f'    {json.dumps(node)}: {{"x": {round(p["x"], 1):g}, "y": {round(p["y"], 1):g}}}'
        for node, p in sorted(positions.items())
    ]
    body = ",\n".join(lines)
    return '{\n  "version": 1,\n  "positions": {\n' + body + ("\n" if lines else "") + "  }\n}\n"


def update_positions(
    root: Path, changes: dict[str, dict[str, float] | None], keep: set[str] | None = None
) -> Positions:
    """Apply changes (None removes a node); with `keep`, drop nodes that no longer exist."""
    positions = read_positions(root)
    for node, position in changes.items():
        if position is None:
            positions.pop(node, None)
        else:
            positions[node] = {"x": float(position["x"]), "y": float(position["y"])}
    if keep is not None:
        positions = {node: p for node, p in positions.items() if node in keep}
    atomic_write(root / LAYOUT_FILE, render(positions))
    return positions
