"""Where each top-level definition of a project's module starts, read once per version of the
file. A load places every asset, job, schedule and sensor Dagster recorded no code reference for,
and thousands of them live in a few modules: parsing the module again for each one made the
description of 5,000 assets spend nearly all its time in `ast.parse`."""

from __future__ import annotations

from pathlib import Path

from . import top_level
from .project import ProjectInfo

Stamp = tuple[int, int, int, int]
# file -> (its stamp when read, first line by name, its project-relative path)
_read: dict[Path, tuple[Stamp, dict[str, int], str | None]] = {}
MAX_FILES = 20_000  # past this many, start over rather than grow without bound


def _stamp(file: Path) -> Stamp | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    # the change time moves on every write and no one can set it: an edit that keeps the size
    # and the modification time still gives a new stamp
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def statement_line(project: ProjectInfo, file: Path, name: str) -> str | None:
    """`file:line` of the top-level statement of `file` that defines `name`, if any."""
    stamp = _stamp(file)
    if stamp is None:
        return None
    entry = _read.get(file)
    if entry is None or entry[0] != stamp:
        try:
            lines = top_level.first_lines(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
            lines = {}
        if len(_read) >= MAX_FILES:
            _read.clear()
        entry = _read[file] = (stamp, lines, project.relative(file))
    _, lines, relative = entry
    line = lines.get(name)
    return f"{relative}:{line}" if line and relative else None
