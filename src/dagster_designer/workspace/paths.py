"""Confine every path a request names to its project folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# Folders the designer never reads or writes through its file API.
PROTECTED_TOP_LEVEL = frozenset({".git", ".venv"})


class PathRejected(ValueError):
    """A path that leaves its project, or names something the designer must not touch."""


def confine(root: Path, relative: str, *, allow_root: bool = False) -> Path:
    """The absolute path of `relative` inside `root`, after symlinks; raise if it leaves."""
    if "\x00" in relative:
        raise PathRejected("The path contains a NUL character.")
    if relative in ("", ".") and allow_root:
        return root.resolve()
    pure = PurePosixPath(relative)
    if not relative or pure.is_absolute() or relative.startswith("~") or "\\" in relative:
        raise PathRejected(f"`{relative}` is not a path relative to the project.")
    if ".." in pure.parts:
        raise PathRejected(f"`{relative}` leaves the project folder (`..` is not allowed).")
    if pure.parts[0] in PROTECTED_TOP_LEVEL:
        raise PathRejected(f"`{pure.parts[0]}` is managed by its own tools, not the designer.")
    real_root = root.resolve()
    resolved = (real_root / pure).resolve()
    if not resolved.is_relative_to(real_root):
        raise PathRejected(f"`{relative}` points outside the project (through a symlink).")
    return resolved
