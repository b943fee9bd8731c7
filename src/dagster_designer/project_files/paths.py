"""Confine every path the designer touches to its project folder: one rule for all of them.

A link is an object of its own. Deleting, moving or listing a link acts on the link; reading or
writing through a link is allowed only when it resolves inside the project and outside `.git`
and `.venv`. Walks of the tree never descend through a link, so no link can lead a walk out of
the project or round a loop. Only folders and regular files are read or written: FIFOs, sockets
and devices are left out of walks and refused, so that no read can block.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

# Folders the designer never reads or writes, whatever path or link leads there.
PROTECTED_TOP_LEVEL = frozenset({".git", ".venv"})
# Longest name and path Linux file systems take (NAME_MAX, PATH_MAX): refused here, not as 500s.
NAME_MAX = 255
PATH_MAX = 4096


class PathRejected(ValueError):
    """A path that leaves its project, or names something the designer must not touch."""


def confine(root: Path, relative: str, *, follow: bool = True) -> Path:
    """The absolute path of `relative` inside `root`; raises `PathRejected` if it leaves.

    With `follow` (reading, writing) the answer is the real path, every link resolved. Without it
    (deleting, moving, creating a name) only the folders above the last name are resolved, so a
    link there is the object itself and its target is never touched.
    """
    parts = _parts(relative)
    real_root = root.resolve()
    parent = _checked(real_root, _resolved(real_root.joinpath(*parts[:-1]), relative), relative)
    _require_folder(real_root, parent, relative)
    named = parent / parts[-1]
    if not follow:
        return _checked(real_root, named, relative)
    real = _checked(real_root, _resolved(named, relative), relative)
    try:
        mode = real.stat().st_mode
    except OSError:
        return real  # nothing there yet: creating it is the caller's business
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise not_a_file(relative)
    return real


def walk(root: Path, skip_dir: Callable[[str], bool]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under `root`, depth first in name order, with its path relative to `root`.

    Folders named by `skip_dir` are left out with their content; links are yielded, never
    descended."""
    stack: list[tuple[str, Path]] = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        below = []
        for entry in entries(folder):
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if skip_dir(entry.name):
                    continue
                below.append((relative + "/", Path(entry.path)))
            yield relative, entry
        stack.extend(reversed(below))


def entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's folders, regular files and links (never followed) in name order; FIFOs,
    sockets and devices are left out. Empty when the folder cannot be read."""
    try:
        with os.scandir(folder) as scan:
            found = [entry for entry in scan if _walkable(entry)]
    except OSError:
        return []
    return sorted(found, key=lambda entry: entry.name)


def link_target(root: Path, relative: str) -> Path | None:
    """Where the link at `relative` leads, when the rule allows following it; else None."""
    try:
        return confine(root, relative)
    except PathRejected:
        return None


def nameable(name: str) -> bool:
    """Whether a request can name it: a name that is not UTF-8 reaches Python with surrogates,
    which no URL or JSON answer carries."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """A name as a message can quote it, bytes that are not UTF-8 replaced."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def not_a_file(relative: str) -> PathRejected:
    return PathRejected(
        f"`{_shown(relative)}` is a FIFO, socket or device; the designer reads and writes only "
        "regular files."
    )


def _walkable(entry: os.DirEntry[str]) -> bool:
    try:
        return (
            entry.is_symlink()
            or entry.is_dir(follow_symlinks=False)
            or entry.is_file(follow_symlinks=False)
        )
    except OSError:
        return False  # gone since the folder was read


def _parts(relative: str) -> tuple[str, ...]:
    """The names of a path a request gave, refused unless it stays lexically inside."""
    if "\x00" in relative:
        raise PathRejected("The path contains a NUL character.")
    if not nameable(relative):
        raise PathRejected("The path is not valid text.")
    pure = PurePosixPath(relative)
    if not relative or pure.is_absolute() or relative.startswith("~") or "\\" in relative:
        raise PathRejected(f"`{_shown(relative)}` is not a path relative to the project.")
    if ".." in pure.parts:
        raise PathRejected(f"`{_shown(relative)}` leaves the project folder (`..` is not allowed).")
    if not pure.parts:
        raise PathRejected("`.` is the project folder itself, not a file or folder in it.")
    if pure.parts[0] in PROTECTED_TOP_LEVEL:
        raise PathRejected(f"`{pure.parts[0]}` is managed by its own tools, not the designer.")
    if len(relative.encode()) >= PATH_MAX or any(
        len(part.encode()) > NAME_MAX for part in pure.parts
    ):
        raise PathRejected(
            f"`{_shown(relative)}` is too long: names are at most {NAME_MAX} bytes and paths "
            f"at most {PATH_MAX - 1}."
        )
    return pure.parts


def _resolved(path: Path, relative: str) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: Python 3.11's way of saying ELOOP
        raise PathRejected(f"`{_shown(relative)}` goes round a loop of symlinks.") from exc


def _checked(real_root: Path, path: Path, relative: str) -> Path:
    if not path.is_relative_to(real_root):
        raise PathRejected(f"`{_shown(relative)}` points outside the project (through a symlink).")
    inner = path.relative_to(real_root).parts
    if inner and inner[0] in PROTECTED_TOP_LEVEL:
        raise PathRejected(
            f"`{_shown(relative)}` leads into `{inner[0]}` (through a symlink), which is managed "
            "by its own tools, not the designer."
        )
    if len(os.fsencode(path)) >= PATH_MAX:
        raise PathRejected(f"`{_shown(relative)}` is too long once its symlinks are resolved.")
    return path


def _require_folder(real_root: Path, parent: Path, relative: str) -> None:
    """The nearest existing folder above the named object must be a folder, not a file."""
    for above in (parent, *parent.parents):
        try:
            mode = above.lstat().st_mode
        except OSError:
            continue  # not there yet: created with the object
        if not stat.S_ISDIR(mode):
            inner = above.relative_to(real_root).as_posix()
            raise PathRejected(f"`{_shown(relative)}`: `{_shown(inner)}` is a file, not a folder.")
        return


def _shown(relative: str) -> str:
    """A path as error messages quote it: long ones shortened."""
    return relative if len(relative) <= 80 else relative[:60] + "…" + relative[-15:]
