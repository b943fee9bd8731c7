"""Faults from outside the designer: a disk that fills up during a save. The file as it was
survives, the answer says what happened, and nothing half-written is left behind."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx

from tests.support import Designer

COMPONENT = """type: dagster.PythonScriptComponent

attributes:
  execution:
    path: run_orders.py
  assets:
    - key: full_disk_orders
"""


@contextlib.contextmanager
def small_volume(folder: Path, size: str = "256k") -> Iterator[None]:
    """A tmpfs of `size` mounted on `folder` (which must be empty) for the block."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert mounted.returncode == 0, f"could not mount a small volume: {mounted.stderr}"
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30, check=False)
        folder.rmdir()


def fill(folder: Path) -> Path:
    """Fills the volume of `folder` to the last byte; the filler file, to delete to make room."""
    filler = folder / "filler.bin"
    with contextlib.suppress(OSError), filler.open("wb", buffering=0) as handle:
        while True:
            handle.write(b"\0" * 4096)
    return filler


def leftovers(folder: Path, *kept: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in kept)


def test_a_file_saved_onto_a_full_disk_stays_as_it_was(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    folder = project_root / "full_disk_notes"
    with small_volume(folder):
        note = folder / "notes.md"
        note.write_text("# The notes as they were\n")
        url = f"/projects/{project['id']}/files/full_disk_notes/notes.md"
        etag = api.get(url).headers["ETag"]
        filler = fill(folder)

        saved = api.put(url, content="# Longer notes\n" * 4096, headers={"If-Match": etag})

        assert saved.status_code == 507, saved.text
        assert "space" in saved.json()["detail"].lower()
        assert "notes.md" in saved.json()["detail"]
        assert note.read_text() == "# The notes as they were\n"
        assert leftovers(folder, "notes.md", "filler.bin") == [], "a temporary file was left"
        # once there is room again, the same save goes through over the same version
        filler.unlink()
        again = api.put(url, content="# Longer notes\n" * 4096, headers={"If-Match": etag})
        assert again.status_code == 200, again.text
        assert note.read_text() == "# Longer notes\n" * 4096


def test_a_form_saved_onto_a_full_disk_leaves_the_component_file_whole(
    api: httpx.Client, project: dict, designer: Designer, defs_root: Path
) -> None:
    folder = defs_root / "full_disk"
    with small_volume(folder):
        component = folder / "defs.yaml"
        component.write_text(COMPONENT)
        (folder / "run_orders.py").write_text("print('orders')\n")
        url = f"/projects/{project['id']}/defs/full_disk"
        etag = api.get(url).headers["ETag"]
        fill(folder)

        attributes = {
            "execution": {"path": "run_orders.py"},
            "assets": [{"key": "full_disk_orders", "description": "orders " * 60_000}],
        }
        saved = api.put(url, json={"attributes": attributes}, headers={"If-Match": etag})

        assert saved.status_code == 507, saved.text
        assert component.read_text() == COMPONENT
        assert leftovers(folder, "defs.yaml", "run_orders.py", "filler.bin") == []
        # the server goes on serving the project
        assert api.get(url).status_code == 200
    assert not (defs_root / "full_disk").exists()
