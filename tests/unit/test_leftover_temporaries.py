"""The temporary files of writes cut short are removed when a project opens; a live write's
(its writer holds a lock on it), the user's files and what is in environments are not."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from dagster_designer.project_files.files import (
    TEMPORARY_SUFFIX,
    atomic_write,
    remove_leftover_temporaries,
)


def test_only_unlocked_temporaries_of_writes_are_removed(tmp_path: Path) -> None:
    cut = tmp_path / "defs" / f".notes.md.k2j4h5g6{TEMPORARY_SUFFIX}"
    live = tmp_path / f".orders.py.a1b2c3d4{TEMPORARY_SUFFIX}"
    mine = [tmp_path / "draft.tmp", tmp_path / f"visible{TEMPORARY_SUFFIX}"]
    environment = tmp_path / ".venv" / f".x.py.q1w2e3r4{TEMPORARY_SUFFIX}"
    for path in (cut, live, *mine, environment):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half of a file")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a writer holds it until its rename

        assert remove_leftover_temporaries(tmp_path) == [f"defs/{cut.name}"]

        assert not cut.exists()
        assert all(path.exists() for path in (live, *mine, environment))
    finally:
        os.close(fd)


def test_an_atomic_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    atomic_write(target, "the notes\n")
    assert target.read_text() == "the notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]
    assert remove_leftover_temporaries(tmp_path) == []
