"""The file API: listing, reading with ETags, atomic conditional writes, confinement."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest


def _files(project: dict, rest: str = "") -> str:
    return f"/projects/{project['id']}/files{rest}"


def test_listing_leaves_out_environment_git_and_caches(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    # made for the test when missing, and removed after it
    folders = (project_root / ".git", project_root / "src" / "__pycache__")
    made = [folder for folder in folders if not folder.exists()]
    for folder in made:
        folder.mkdir()
    try:
        paths = {f["path"]: f["type"] for f in api.get(_files(project)).json()}
    finally:
        for folder in made:
            folder.rmdir()
    assert paths["pyproject.toml"] == "file"
    assert paths["src/sales_analytics/defs"] == "dir"
    assert not any(p.startswith((".venv", ".git/")) or p == ".git" for p in paths)
    assert not any("__pycache__" in p for p in paths)


def test_read_write_with_etag_and_conflict(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    url = _files(project, "/notes/plan.md")
    created = api.put(url, content="first\n")
    assert created.status_code == 200
    etag = created.headers["etag"]
    assert created.json()["etag"] == etag
    read = api.get(url)
    assert read.text == "first\n" and read.headers["etag"] == etag
    # someone else changes the file on disk
    (project_root / "notes" / "plan.md").write_text("changed elsewhere\n")
    stale = api.put(url, content="mine\n", headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.headers["etag"] == api.get(url).headers["etag"]
    assert (project_root / "notes" / "plan.md").read_text() == "changed elsewhere\n"
    fresh = api.put(url, content="mine\n", headers={"If-Match": stale.headers["etag"]})
    assert fresh.status_code == 200
    assert (project_root / "notes" / "plan.md").read_text() == "mine\n"
    # If-Match: * writes only over an existing file
    assert (
        api.put(
            _files(project, "/notes/new.md"), content="x", headers={"If-Match": "*"}
        ).status_code
        == 412
    )
    assert not (project_root / "notes" / "new.md").exists()


@pytest.mark.parametrize(
    "path",
    ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", ".venv%2Fbin%2Fpython", ".git%2Fconfig", "a%00b"],
)
def test_paths_outside_the_project_are_refused(api: httpx.Client, project: dict, path: str) -> None:
    read = api.get(_files(project, f"/{path}"))
    assert read.status_code == 400, read.text
    write = api.put(_files(project, f"/{path}"), content="x")
    assert write.status_code == 400


def test_symlinks_pointing_out_are_refused(
    api: httpx.Client, project: dict, project_root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (project_root / "escape.txt").symlink_to(outside)
    (project_root / "escape_dir").symlink_to(tmp_path)
    try:
        assert api.get(_files(project, "/escape.txt")).status_code == 400
        assert api.put(_files(project, "/escape.txt"), content="x").status_code == 400
        assert api.put(_files(project, "/escape_dir/new.txt"), content="x").status_code == 400
        assert outside.read_text() == "secret" and not (tmp_path / "new.txt").exists()
    finally:
        (project_root / "escape.txt").unlink()
        (project_root / "escape_dir").unlink()


def test_huge_and_binary_files(api: httpx.Client, project: dict, project_root: Path) -> None:
    (project_root / "big.csv").write_bytes(b"a,b\n" * (2 * 1024 * 1024))
    (project_root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    try:
        big = api.get(_files(project, "/big.csv"))
        assert big.status_code == 413 and "MB" in big.json()["detail"]
        assert api.get(_files(project, "/image.png")).status_code == 415
        too_big = api.put(_files(project, "/too_big.txt"), content=b"x" * (6 * 1024 * 1024))
        assert too_big.status_code == 413
        assert not (project_root / "too_big.txt").exists()
        assert api.put(_files(project, "/latin1.txt"), content=b"caf\xe9").status_code == 415
    finally:
        (project_root / "big.csv").unlink()
        (project_root / "image.png").unlink()


def test_missing_file_and_folder(api: httpx.Client, project: dict) -> None:
    assert api.get(_files(project, "/no/such/file.py")).status_code == 404
    assert api.get(_files(project, "/src")).status_code == 404
    assert api.put(_files(project, "/src"), content="x").status_code == 400
