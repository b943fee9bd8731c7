"""Where a child's Python traceback points in the project: the project-relative file and line
of a stack frame, for the error shown on that file. Frames in the project's environment or
outside the project are not the project's."""

from __future__ import annotations

import re
from pathlib import Path

from ..project_files.config import ProjectConfig

_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+)')


def project_file(config: ProjectConfig, file: str) -> str | None:
    """The project-relative path of a file a tool named (absolute, or relative to the project
    or its defs folder); None when it is not a file of the project."""
    path = Path(file)
    candidates = [path] if path.is_absolute() else [config.root / path, config.defs_root / path]
    for candidate in candidates:
        try:
            rel = candidate.resolve().relative_to(config.root)
        except ValueError:
            continue
        if rel.parts[:1] != (".venv",) and candidate.exists():
            return rel.as_posix()
    return None


def project_frame(config: ProjectConfig, text: str) -> tuple[str, int] | None:
    """The file and line of a traceback's `File "...", line N` text, when a project file."""
    match = _FRAME.match(text)
    if match is None:
        return None
    file = project_file(config, match.group("file"))
    return None if file is None else (file, int(match.group("line")))
