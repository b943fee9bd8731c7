"""A project as a ZIP archive: what an export holds, written as a stream, and the checks an
archive must pass, all of them, before a byte of it is unpacked.

An export holds what a person would commit: environments, caches, secrets (`.env`) and what
tools rebuild (the project's Dagster instance, dbt's `target/` and `logs/`) are left out, and
links are never followed (the walk of `paths.walk`), so nothing outside the project can be
exported through one. An archive to import is refused whole when any entry would land outside
its folder (`..`, an absolute path, a drive letter, a backslash), is a link or a device, is
encrypted or named twice, or when the archive unpacks to too many files or bytes or one entry
expands suspiciously far (a zip bomb). An archive whose entries all sit in one top folder (as
GitHub's downloads do) is unwrapped. Environments, caches and `.git` in an archive are left
out: they are rebuilt, and a repository's hooks would run commands its sender chose.
"""

from __future__ import annotations

import errno
import os
import stat
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..worker import protocol
from .dagster_home import DAGSTER_HOME
from .paths import NAME_MAX, PATH_MAX, walk

# Files an import may unpack: the generous size of a large dbt project's sources.
MAX_ENTRIES = 20_000
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
# Deflate reaches about 1000:1 on a file of one repeated byte; real text stays under 100:1.
# An entry expanding more than this and past the floor is refused as a bomb.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
CHUNK = 256 * 1024

# Rebuilt by dbt (`dbt parse`, runs, `dbt deps`) in a dbt project's folder.
DBT_OUTPUT_DIRS = frozenset({"target", "logs", "dbt_packages"})
# Never exported: secrets and the editor's locks.
EXCLUDED_FILES = frozenset({".env"})


class ArchiveRejected(ValueError):
    """An archive that is not imported; the message says which entry and why."""


# ----------------------------------------------------------------------------------------------
# export


def excluded_dir(relative: str, name: str, root: Path) -> bool:
    """Whether the folder at `relative` is left out of an export with all it holds."""
    if protocol.hidden_dir(name) or relative == DAGSTER_HOME:
        return True
    return name in DBT_OUTPUT_DIRS and ((root / relative).parent / "dbt_project.yml").is_file()


def excluded_file(name: str) -> bool:
    return name in EXCLUDED_FILES or name.endswith((".pyc", ".pyo"))


def exported_files(root: Path) -> Iterator[str]:
    """The relative paths of the regular files an export holds, in name order; links are left
    out, never followed."""
    skipped: list[str] = []

    def skip(relative: str) -> bool:
        return any(relative.startswith(prefix) for prefix in skipped)

    for relative, entry in walk(root, lambda _name: False):
        if skip(relative):
            continue
        if entry.is_dir(follow_symlinks=False):
            if excluded_dir(relative, entry.name, root):
                skipped.append(relative + "/")
            continue
        if entry.is_file(follow_symlinks=False) and not excluded_file(entry.name):
            yield relative


class _Sink:
    """Where zipfile writes: bytes collected until the stream takes them. Not seekable, so
    zipfile writes each entry's sizes after its data."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def _open_regular(path: Path) -> int | None:
    """A file descriptor of a regular file, never through a link and never blocking on a FIFO
    put there since the walk; None when it is gone or no longer a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENXIO, errno.EACCES):
            return None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None
    return fd


def _info(relative: str, st: os.stat_result) -> zipfile.ZipInfo:
    """An entry for a file as it was opened (its mode and time, never a link's)."""
    stamp = max(time.localtime(st.st_mtime)[:6], (1980, 1, 1, 0, 0, 0))  # ZIP starts in 1980
    info = zipfile.ZipInfo(relative, date_time=stamp)
    info.external_attr = (stat.S_IFREG | stat.S_IMODE(st.st_mode)) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = st.st_size
    return info


def stream_zip(root: Path) -> Iterator[bytes]:
    """The export of the project at `root` as a ZIP, piece by piece: memory holds one chunk of
    one file at a time, whatever the project's size."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for relative in exported_files(root):
            fd = _open_regular(root / relative)
            if fd is None:
                continue  # gone or replaced since the walk
            with os.fdopen(fd, "rb") as source:
                info = _info(relative, os.fstat(source.fileno()))
                with archive.open(info, "w", force_zip64=True) as target:
                    while chunk := source.read(CHUNK):
                        target.write(chunk)
                        if data := sink.take():
                            yield data
            if data := sink.take():
                yield data
    if data := sink.take():
        yield data


# ----------------------------------------------------------------------------------------------
# import


@dataclass(frozen=True)
class Entry:
    info: zipfile.ZipInfo
    path: str  # relative to the project's folder, unwrapped
    is_dir: bool


def _mode(info: zipfile.ZipInfo) -> int:
    return (info.external_attr >> 16) & 0xFFFF


def _checked_name(info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The parts of an entry's name, or `ArchiveRejected` when it could land outside."""
    name = info.filename
    shown = name if len(name) <= 80 else name[:60] + "…" + name[-15:]
    if "\x00" in name or "\\" in name:
        raise ArchiveRejected(
            f"The entry `{shown}` has a backslash or NUL in its name; the archive was not imported."
        )
    if name.startswith("/") or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        raise ArchiveRejected(
            f"The entry `{shown}` has an absolute path; the archive was not imported."
        )
    parts = tuple(part for part in PurePosixPath(name).parts if part != ".")
    if ".." in parts:
        raise ArchiveRejected(
            f"The entry `{shown}` would land outside the project (`..`); the archive was not "
            "imported."
        )
    if not parts:
        raise ArchiveRejected(f"The entry `{shown}` names no file; the archive was not imported.")
    if len(name.encode()) >= PATH_MAX or any(len(p.encode()) > NAME_MAX for p in parts):
        raise ArchiveRejected(f"The entry `{shown}` has a name too long for a file system.")
    return parts


def _check_entry(info: zipfile.ZipInfo) -> None:
    mode = _mode(info)
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise ArchiveRejected(
            f"The entry `{info.filename}` is a symbolic link; archives with links are not "
            "imported (a link could lead out of the project)."
        )
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise ArchiveRejected(
            f"The entry `{info.filename}` is not a file or folder; the archive was not imported."
        )
    if info.flag_bits & 0x1:
        raise ArchiveRejected(
            f"The entry `{info.filename}` is encrypted; export the project without a password."
        )
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ArchiveRejected(
            f"The entry `{info.filename}` expands {info.file_size // max(info.compress_size, 1)} "
            f"times its compressed size (more than {MAX_RATIO}); it looks like a zip bomb and the "
            "archive was not imported."
        )


def _unwrapped(named: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]) -> int:
    """1 when every entry lies in one top folder (the folder itself aside), else 0."""
    tops = {parts[0] for _info, parts in named}
    if len(tops) != 1:
        return 0
    return 1 if any(len(parts) > 1 for _info, parts in named) else 0


def plan(archive: zipfile.ZipFile) -> list[Entry]:
    """Every entry of `archive` and where it lands, after checking all of them; raises
    `ArchiveRejected` on the first that fails, before anything is written."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveRejected(
            f"The archive holds {len(infos)} entries, more than the {MAX_ENTRIES} an import "
            "takes; leave environments and caches (.venv, node_modules) out of it."
        )
    total = 0
    named = []
    for info in infos:
        parts = _checked_name(info)
        _check_entry(info)
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise ArchiveRejected(
                f"The archive unpacks to more than {MAX_UNPACKED_BYTES // 1024**3} GB, the limit "
                "of an import."
            )
        named.append((info, parts))
    drop = _unwrapped(named)
    entries, files, folders = [], set(), set()
    for info, parts in named:
        inner = parts[drop:]
        if not inner:
            continue  # the top folder itself
        is_dir = info.is_dir() or stat.S_ISDIR(_mode(info))
        if any(protocol.hidden_dir(part) for part in (inner if is_dir else inner[:-1])):
            continue  # an environment, `.git` (its hooks would run here) or a cache: rebuilt
        path = "/".join(inner)
        if path in files or (not is_dir and path in folders):
            raise ArchiveRejected(
                f"`{path}` is in the archive twice; the archive was not imported."
            )
        above = ["/".join(inner[:i]) for i in range(1, len(inner))]
        if any(folder in files for folder in above):
            raise ArchiveRejected(
                f"`{path}` lies below a file of the same name; the archive was not imported."
            )
        folders.update(above)
        (folders if is_dir else files).add(path)
        entries.append(Entry(info, path, is_dir))
    if "pyproject.toml" not in files and "dg.toml" not in files:
        raise ArchiveRejected(
            "The archive holds no pyproject.toml or dg.toml at its top: it is not a dg project."
        )
    return entries


def open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveRejected(f"The upload is not a ZIP archive ({exc}).") from None


def unpack(archive: zipfile.ZipFile, entries: list[Entry], target: Path) -> None:
    """Write the checked entries under `target`, a new folder; each file's bytes are bounded
    by its declared size, which zipfile enforces along with its checksum."""
    target.mkdir()
    for entry in entries:
        dest = target / entry.path
        if entry.is_dir:
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            with archive.open(entry.info) as source, dest.open("xb") as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
        except (zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
            raise ArchiveRejected(
                f"The entry `{entry.info.filename}` cannot be unpacked ({exc}); the archive was "
                "not imported."
            ) from None
        if _mode(entry.info) & 0o111:
            dest.chmod(0o755)
