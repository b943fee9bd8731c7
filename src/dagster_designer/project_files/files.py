"""The project's files: listing, reading with an ETag, and atomic, conditional writes."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from ..worker import protocol
from .paths import PathRejected, confine, link_target, nameable, not_a_file, walk

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_LISTED = 20_000


class FileTooLarge(ValueError):
    pass


class DiskFull(OSError):
    """No room left to write a file; the file is as it was."""


_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class NotText(ValueError):
    pass


class StaleWrite(Exception):
    """The file changed on disk since the version the writer had (If-Match did not match)."""

    def __init__(self, current: str | None) -> None:
        super().__init__("The file changed on disk since it was opened.")
        self.current = current


def etag_of(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def _listed(root: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """The entries a user sees, as the confinement rule walks them (links never descended);
    names no request could carry back are left out."""
    visible = (
        (rel, entry)
        for rel, entry in walk(root, lambda name: protocol.hidden_dir(name) or not nameable(name))
        if nameable(entry.name)
    )
    yield from islice(visible, MAX_LISTED)


def list_files(root: Path) -> list[dict[str, str]]:
    """Every folder and file outside environments and caches; a link is listed as a file of its
    own, whatever it points to, so that it can be opened, renamed or deleted like one."""
    out = [
        {"path": rel, "type": "dir" if entry.is_dir(follow_symlinks=False) else "file"}
        for rel, entry in _listed(root)
    ]
    out.sort(key=lambda item: item["path"])
    return out


def _too_large(relative: str, size: int) -> FileTooLarge:
    return FileTooLarge(
        f"`{relative}` is {size / 1048576:.1f} MB; the editor opens files up to "
        f"{MAX_TEXT_BYTES // 1048576} MB."
    )


def _read_bytes(path: Path, relative: str) -> bytes:
    """A confined regular file's bytes, up to the editor's size limit. It is opened without
    following a link and without blocking, so a FIFO put there since it was confined is refused
    rather than waited on."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise FileNotFoundError(relative) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since it was confined
            raise PathRejected(f"`{relative}` changed into a symlink; open it again.") from exc
        raise
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise FileNotFoundError(relative)  # a folder is not a file to open
        if not stat.S_ISREG(status.st_mode):
            raise not_a_file(relative)
        if status.st_size > MAX_TEXT_BYTES:
            raise _too_large(relative, status.st_size)
        chunks: list[bytes] = []
        total = 0
        # sized by the file, so a small file costs no large buffer; bounded if it grows
        while chunk := os.read(fd, max(status.st_size - total, 0) + 65536):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_TEXT_BYTES:
                raise _too_large(relative, total)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(root: Path, relative: str) -> tuple[str, str]:
    """The file's text and ETag."""
    data = _read_bytes(confine(root, relative), relative)
    if b"\x00" in data[:8192]:
        raise NotText(f"`{relative}` is a binary file.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(f"`{relative}` is not UTF-8 text.") from exc
    return text, etag_of(data)


def current_etag(root: Path, relative: str) -> str | None:
    """The ETag of the file as it is now; None when there is none."""
    try:
        return etag_of(_read_bytes(confine(root, relative), relative))
    except FileNotFoundError:
        return None


# The name's end of a write's temporary file (`.NAME.RANDOM.designer.tmp`), found at start.
TEMPORARY_SUFFIX = ".designer.tmp"


def atomic_write(path: Path, text: str | bytes, mode: int | None = None) -> str:
    """Write through a temporary file and rename, so readers never see half a file. The file
    keeps its mode, or gets `mode` (the temporary file is owner-only until then). The writer
    holds a lock on the temporary file until it is renamed: one found unlocked is the leftover
    of a writer killed mid-write (`remove_leftover_temporaries`)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            fcntl.flock(fd, fcntl.LOCK_EX)
            handle.write(data)
            handle.flush()
            os.fsync(fd)
            os.fchmod(fd, mode)
            Path(tmp).replace(path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in _NO_ROOM:
            raise DiskFull(
                exc.errno,
                f"No space left on the disk to write `{path.name}`: nothing was written, "
                "the file is as it was. Free some space and save again.",
            ) from exc
        raise
    return etag_of(data)


def remove_leftover_temporaries(root: Path) -> list[str]:
    """Deletes the temporary files of writes cut short (a server killed mid-write) in the
    project, environments and caches left out; one a live writer holds is kept. Answers
    their paths."""
    removed = []
    for relative, entry in walk(root, protocol.hidden_dir):
        if not (entry.name.startswith(".") and entry.name.endswith(TEMPORARY_SUFFIX)):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue  # gone meanwhile, or a link: not ours
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if stat.S_ISREG(os.fstat(fd).st_mode):
                Path(entry.path).unlink()
                removed.append(relative)
        except OSError:
            continue  # being written (locked), or it cannot be removed: left as it is
        finally:
            os.close(fd)
    return removed


def write_text(root: Path, relative: str, text: str, if_match: str | None = None) -> str:
    """Write a file; with `if_match`, only if it still has that ETag (`*`: only if it exists)."""
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise FileTooLarge(f"The designer writes files up to {MAX_TEXT_BYTES // 1048576} MB.")
    path = confine(root, relative)
    if path.is_dir():
        raise IsADirectoryError(relative)
    if if_match is not None:
        current = current_etag(root, relative)
        if current is None or (if_match.strip() != "*" and if_match.strip() != current):
            raise StaleWrite(current)
    return atomic_write(path, text)


class Conflict(Exception):
    """The operation would replace or lose something that exists; nothing was changed."""


def create_text(root: Path, relative: str, text: str) -> str:
    """Write a new file; refuses when the path exists (If-None-Match: *)."""
    if os.path.lexists(confine(root, relative, follow=False)):
        raise Conflict(f"`{relative}` already exists.")
    return write_text(root, relative, text)


def make_folder(root: Path, relative: str) -> None:
    path = confine(root, relative, follow=False)
    if os.path.lexists(path):
        raise Conflict(f"`{relative}` already exists.")
    path.mkdir(parents=True)


def move(root: Path, source: str, target: str) -> None:
    """Rename or move a file, folder or link (never its target) inside the project; never over
    an existing path."""
    origin = confine(root, source, follow=False)
    destination = confine(root, target, follow=False)
    if not os.path.lexists(origin):
        raise FileNotFoundError(source)
    if os.path.lexists(destination):
        raise Conflict(f"`{target}` already exists.")
    if destination.is_relative_to(origin):
        raise Conflict(f"`{source}` cannot be moved into itself.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    origin.rename(destination)


def delete(root: Path, relative: str, recursive: bool) -> None:
    """Delete a file, a link (never its target) or a folder (`recursive` when it has content)."""
    path = confine(root, relative, follow=False)
    if path.is_dir() and not path.is_symlink():
        if any(path.iterdir()) and not recursive:
            raise Conflict(f"`{relative}` is a folder with content: confirm to delete it all.")
        shutil.rmtree(path)  # removes links inside it, never what they point to
    elif os.path.lexists(path):
        path.unlink()
    else:
        raise FileNotFoundError(relative)


MAX_SEARCH_RESULTS = 500
SECRETS_FILE = ".env"  # the project's secrets: found by name, never quoted by a search


def search(root: Path, query: str, kind: str) -> list[dict[str, object]]:
    """Files whose path contains `query` (kind "name"), or lines that do (kind "content");
    case-insensitive, text files up to the editor's size limit, `.env` files left out."""
    needle = query.lower()
    found: list[dict[str, object]] = []
    for rel, entry in _listed(root):
        if entry.is_dir(follow_symlinks=False):
            continue
        if kind == "name":
            if needle in rel.lower():
                found.append({"path": rel, "line": None, "column": None, "text": rel})
        else:
            path = link_target(root, rel) if entry.is_symlink() else Path(entry.path)
            if path is None or path.name == SECRETS_FILE:
                continue  # a link the rule does not follow, or the secrets (a link's too)
            try:
                data = _read_bytes(path, rel)
            except (OSError, ValueError):  # gone, too large, not a regular file
                continue
            if b"\x00" in data[:8192]:
                continue
            text = data.decode("utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), 1):
                column = line.lower().find(needle)
                if column >= 0:
                    found.append(
                        {"path": rel, "line": number, "column": column + 1, "text": line[:400]}
                    )
                    if len(found) >= MAX_SEARCH_RESULTS:
                        return found
        if len(found) >= MAX_SEARCH_RESULTS:
            break
    return found
