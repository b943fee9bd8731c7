"""The project's own Dagster instance, `.dagster-designer/dagster_home` (SQLite): runs and
schedule state survive restarts, and every process of the project (worker, runs, terminals, so
`dg dev` started in one) has `DAGSTER_HOME` pointing at it. It is local state, never committed:
the project's `.gitignore` gets a line for it (appended, the rest of the file untouched).
"""

from __future__ import annotations

from pathlib import Path

from .files import atomic_write

DAGSTER_HOME = ".dagster-designer/dagster_home"
# Lines of a .gitignore that already keep the instance out of git.
_COVERING = {
    f"{prefix}{path}{suffix}"
    for prefix in ("", "/")
    for suffix in ("", "/")
    for path in (DAGSTER_HOME, ".dagster-designer")
}


def dagster_home(root: Path) -> Path:
    return root / DAGSTER_HOME


def prepare(root: Path) -> Path:
    """Makes the instance folder (with an empty `dagster.yaml`: Dagster's defaults, and no
    warning that it is missing) and keeps it out of git; answers the folder."""
    home = dagster_home(root)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        atomic_write(config, "")
    ignore_in_git(root / ".gitignore")
    return home


def ignore_in_git(gitignore: Path) -> None:
    """Appends the instance's line to an existing .gitignore that lacks it, in the file's own
    line ending; a project without a .gitignore gets none, and a link is never written
    through."""
    if gitignore.is_symlink():
        return
    try:
        data = gitignore.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return
    text = data.decode("utf-8", errors="surrogateescape")
    if any(line.strip() in _COVERING for line in text.splitlines()):
        return
    newline = "\r\n" if "\r\n" in text else "\n"
    separator = "" if not text or text.endswith(("\n", "\r")) else newline
    addition = f"{separator}{DAGSTER_HOME}{newline}"
    atomic_write(gitignore, data + addition.encode())
