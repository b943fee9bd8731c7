"""What changed in a project folder: a stat snapshot of its files and the difference of two.

The snapshot covers everything that can change what Dagster loads and nothing that cannot
(environments, version control, caches, tool outputs), so comparing two snapshots names exactly
the files added, changed or deleted in between, whoever changed them.
"""

from __future__ import annotations

from pathlib import Path

from ..project_files.paths import walk
from ..worker import protocol

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime_ns, size)


def scan(root: Path) -> Snapshot:
    """Every file's stamp. Walked by the confinement rule: a link is stamped as itself (its
    target, when in the project, is stamped at its real place), and never walked into."""
    snapshot: Snapshot = {}
    for _relative, entry in walk(root, protocol.inert_dir):
        if entry.is_dir(follow_symlinks=False) or protocol.inert_file(entry.name):
            continue
        try:
            stat = entry.stat(follow_symlinks=False)
        except OSError:
            continue  # deleted while scanning: the next scan sees it gone
        snapshot[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return snapshot


def changed_paths(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, modified or deleted between two snapshots, sorted."""
    changed = {path for path, stamp in after.items() if before.get(path) != stamp}
    changed.update(path for path in before if path not in after)
    return sorted(changed)
