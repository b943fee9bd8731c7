"""A finding: one rule's verdict on one place of the project."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    file: str | None
    line: int | None
    target: str | None
    fix: str | None = None  # the fix's title when the finding has one

    def to_json(self) -> dict[str, Any]:
        body = asdict(self)
        body["fix"] = {"title": self.fix} if self.fix else None
        return body


def place(definition: dict[str, Any]) -> tuple[str | None, int | None]:
    """File (project-relative) and line of where a definition is written: its `source`
    (`file:line`) as the worker describes it."""
    source = definition.get("source")
    if not source:
        return None, None
    file, _, line = str(source).rpartition(":")
    if file and line.isdigit():
        return file, int(line)
    return str(source), None
