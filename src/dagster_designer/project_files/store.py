"""The list of projects a workspace knows, kept in `<workspace>/.dagster-designer/projects.json`."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .files import atomic_write


@dataclass
class StoredProject:
    id: str
    name: str
    path: str
    # created by the designer inside the workspace (so its files may be deleted with it)
    created_here: bool = False
    # "creating" while create-dagster runs: a leftover after a crash marks a half-made folder
    phase: str = "ready"
    # where its runs go when not on this machine: a remote's address, code location and
    # deployment (never its token)
    run_target: dict[str, Any] | None = None
    # the dg workspace it was opened with (its folder), whose other projects it switches to
    workspace: str | None = None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or "project"


class ProjectStore:
    def __init__(self, state_dir: Path) -> None:
        self.file = state_dir / "projects.json"

    def load(self) -> list[StoredProject]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise RuntimeError(f"{self.file} is not readable: {exc}") from exc
        return [StoredProject(**item) for item in data.get("projects", [])]

    def save(self, projects: list[StoredProject]) -> None:
        payload = {"version": 1, "projects": [asdict(p) for p in projects]}
        atomic_write(self.file, json.dumps(payload, indent=2) + "\n")

    @staticmethod
    def unique_id(name: str, taken: set[str]) -> str:
        base = slug(name)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate
