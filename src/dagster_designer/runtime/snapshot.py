"""What changed in a project folder: a stat snapshot of its files and the difference of two.

The snapshot covers everything that can change what Dagster loads and nothing that cannot
(environments, version control, caches, tool outputs), so comparing two snapshots names exactly
the files added, changed or deleted in between, whoever changed them.
"""

from __future__ import annotations

import os
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime_ns, size)

# Folder names whose content never changes what Dagster loads.
IGNORED_DIRS = frozenset(
    {
        ".venv",
        "venv",
        ".git",
        ".hg",
        "__pycache__",
        "node_modules",
        ".pytest_cache",
        ".ruff_cache",
        ".mypy_cache",
        ".tox",
        ".idea",
        ".vscode",
        ".dagster-designer",
        ".local_defs_state",
        ".dg",
        # dbt's outputs: written by `dbt parse` and runs, never read by the definitions
        "target",
        "logs",
        "dbt_packages",
    }
)
IGNORED_SUFFIXES = (".pyc", ".pyo", ".swp", ".swx", "~", ".tmp", ".duckdb", ".duckdb.wal", ".log")


def ignored_dir(name: str) -> bool:
    return name in IGNORED_DIRS or name.startswith(".tmp_dagster_home")


def ignored_file(name: str) -> bool:
    return name.endswith(IGNORED_SUFFIXES) or name.startswith(".#")


def scan(root: Path) -> Snapshot:
    snapshot: Snapshot = {}
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not ignored_dir(entry.name):
                        stack.append(entry.path)
                elif not ignored_file(entry.name):
                    stat = entry.stat()
                    snapshot[entry.path] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue  # deleted while scanning: the next scan sees it gone
    return snapshot


def changed_paths(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, modified or deleted between two snapshots, sorted."""
    changed = {path for path, stamp in after.items() if before.get(path) != stamp}
    changed.update(path for path in before if path not in after)
    return sorted(changed)
