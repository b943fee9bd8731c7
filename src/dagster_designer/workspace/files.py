"""The project's files: listing, reading with an ETag, and atomic, conditional writes."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from .paths import confine

MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_LISTED = 20_000
# Environments, version control and caches: never part of what a user edits.
HIDDEN_DIRS = frozenset(
    {
        ".venv",
        "venv",
        ".git",
        "__pycache__",
        "node_modules",
        ".pytest_cache",
        ".ruff_cache",
        ".mypy_cache",
        ".tox",
        ".local_defs_state",
        ".ipynb_checkpoints",
    }
)


class FileTooLarge(ValueError):
    pass


class NotText(ValueError):
    pass


class StaleWrite(Exception):
    """The file changed on disk since the version the writer had (If-Match did not match)."""

    def __init__(self, current: str | None) -> None:
        super().__init__("The file changed on disk since it was opened.")
        self.current = current


def etag_of(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def is_hidden_dir(name: str) -> bool:
    return name in HIDDEN_DIRS or name.startswith(".tmp_dagster_home")


def list_files(root: Path) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    stack = [root]
    while stack and len(out) < MAX_LISTED:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            rel = Path(entry.path).relative_to(root).as_posix()
            if entry.is_dir(follow_symlinks=False):
                if is_hidden_dir(entry.name):
                    continue
                out.append({"path": rel, "type": "dir"})
                stack.append(Path(entry.path))
            else:
                out.append({"path": rel, "type": "file"})
    out.sort(key=lambda item: item["path"])
    return out


def read_text(root: Path, relative: str) -> tuple[str, str]:
    """The file's text and ETag."""
    path = confine(root, relative)
    if not path.is_file():
        raise FileNotFoundError(relative)
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise FileTooLarge(
            f"`{relative}` is {size / 1048576:.1f} MB; the editor opens files up to "
            f"{MAX_TEXT_BYTES // 1048576} MB."
        )
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise NotText(f"`{relative}` is a binary file.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotText(f"`{relative}` is not UTF-8 text.") from exc
    return text, etag_of(data)


def current_etag(path: Path) -> str | None:
    try:
        return etag_of(path.read_bytes())
    except FileNotFoundError:
        return None


def atomic_write(path: Path, text: str, mode: int | None = None) -> str:
    """Write through a temporary file and rename, so readers never see half a file. The file
    keeps its mode, or gets `mode` (the temporary file is owner-only until then)."""
    data = text.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode is None:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return etag_of(data)


def write_text(root: Path, relative: str, text: str, if_match: str | None = None) -> str:
    """Write a file; with `if_match`, only if it still has that ETag (`*`: only if it exists)."""
    if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise FileTooLarge(f"The designer writes files up to {MAX_TEXT_BYTES // 1048576} MB.")
    path = confine(root, relative)
    if path.is_dir():
        raise IsADirectoryError(relative)
    if if_match is not None:
        current = current_etag(path)
        if current is None or (if_match.strip() != "*" and if_match.strip() != current):
            raise StaleWrite(current)
    return atomic_write(path, text)


class Conflict(Exception):
    """The operation would replace or lose something that exists; nothing was changed."""


def create_text(root: Path, relative: str, text: str) -> str:
    """Write a new file; refuses when the path exists (If-None-Match: *)."""
    path = confine(root, relative)
    if path.exists():
        raise Conflict(f"`{relative}` already exists.")
    return write_text(root, relative, text)


def make_folder(root: Path, relative: str) -> None:
    path = confine(root, relative)
    if path.exists():
        raise Conflict(f"`{relative}` already exists.")
    path.mkdir(parents=True)


def move(root: Path, source: str, target: str) -> None:
    """Rename or move a file or folder inside the project; never over an existing path."""
    origin = confine(root, source)
    destination = confine(root, target)
    if not origin.exists() and not origin.is_symlink():
        raise FileNotFoundError(source)
    if destination.exists():
        raise Conflict(f"`{target}` already exists.")
    if destination.is_relative_to(origin):
        raise Conflict(f"`{source}` cannot be moved into itself.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    origin.rename(destination)


def delete(root: Path, relative: str, recursive: bool) -> None:
    path = confine(root, relative)
    if path == root.resolve():
        raise Conflict("The project folder itself cannot be deleted from here.")
    if path.is_dir() and not path.is_symlink():
        if any(path.iterdir()) and not recursive:
            raise Conflict(f"`{relative}` is a folder with content: confirm to delete it all.")
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    else:
        raise FileNotFoundError(relative)


MAX_SEARCH_RESULTS = 500


def search(root: Path, query: str, kind: str) -> list[dict[str, object]]:
    """Files whose path contains `query` (kind "name"), or lines that do (kind "content");
    case-insensitive, text files up to the editor's size limit."""
    needle = query.lower()
    found: list[dict[str, object]] = []
    for entry in list_files(root):
        if entry["type"] != "file":
            continue
        rel = entry["path"]
        if kind == "name":
            if needle in rel.lower():
                found.append({"path": rel, "line": None, "column": None, "text": rel})
        else:
            path = root / rel
            try:
                if path.stat().st_size > MAX_TEXT_BYTES:
                    continue
                data = path.read_bytes()
            except OSError:
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
