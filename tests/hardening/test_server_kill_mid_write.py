"""The server killed with SIGKILL in the middle of a large save: the file is the old version
whole (never half of the new one), and the server started again leaves no temporary file of
the write behind; the file saves again over the version it has."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path

import httpx

from tests.support import Designer, start_designer, stop_designer, wait_for_project

OLD = "# The notes as they were\n" * 1000
NEW = "# The notes, saved anew, longer\n" * 140_000  # 4.5 MB: the editor's limit is 5 MB
ATTEMPTS = 20


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def killed_mid_write(server: Designer, url: str, etag: str, folder: Path) -> bool:
    """Sends the large save, and stops the server the moment a temporary file of it is on
    disk; kills it if the write was still unfinished then (True), else lets it go on."""
    done = threading.Event()

    def save() -> None:
        with contextlib.suppress(httpx.HTTPError), server.client() as client:
            client.put(url, content=NEW, headers={"If-Match": etag}, timeout=120)
        done.set()

    threading.Thread(target=save, daemon=True).start()
    deadline = time.monotonic() + 120
    while not done.is_set() and time.monotonic() < deadline:
        if temporaries(folder):
            os.kill(server.process.pid, signal.SIGSTOP)
            if temporaries(folder):  # still being written, and now it stays so
                os.kill(server.process.pid, signal.SIGKILL)
                server.process.wait(30)
                return True
            os.kill(server.process.pid, signal.SIGCONT)
            break
    done.wait(120)
    return False


def test_a_server_killed_mid_save_leaves_the_old_file_whole_and_no_temporary_file(
    tmp_path: Path, project_root: Path
) -> None:
    workspace = tmp_path / "workspace"
    folder = project_root / "kill_mid_write"
    folder.mkdir()
    note = folder / "notes.md"
    server = start_designer(workspace, "--load-timeout", "120")
    try:
        with server.client() as client:
            opened = client.post("/projects", json={"path": str(project_root)})
            assert opened.status_code in (201, 202), opened.text
            project = wait_for_project(client, opened.json()["id"])
        url = f"/projects/{project['id']}/files/kill_mid_write/notes.md"
        for _ in range(ATTEMPTS):
            note.write_text(OLD)
            with server.client() as client:
                etag = client.get(url).headers["ETag"]
            if killed_mid_write(server, url, etag, folder):
                break
        else:
            raise AssertionError(f"no save was caught mid-write in {ATTEMPTS} attempts")

        assert note.read_text() == OLD, "the file is not the old version whole"
        assert temporaries(folder), "the killed write left no temporary file to clean"
        stop_designer(server)

        server = start_designer(workspace, "--load-timeout", "120")
        with server.client() as client:
            again = wait_for_project(client, project["id"])
            assert again["status"] == "ready", again.get("error")
            assert temporaries(folder) == [], "a temporary file of the killed write was left"
            read = client.get(url)
            assert read.text == OLD
            saved = client.put(url, content=NEW, headers={"If-Match": read.headers["ETag"]})
            assert saved.status_code == 200, saved.text
            assert note.read_text() == NEW
    finally:
        stop_designer(server)
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()
