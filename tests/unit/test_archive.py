"""The pure checks of an archive to import, and what an export leaves out."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

from dagster_designer.project_files import archive
from dagster_designer.project_files.archive import ArchiveRejected, plan

PYPROJECT = b'[tool.dg]\ndirectory_type = "project"\n'


def zipped(*entries: tuple[str, bytes] | zipfile.ZipInfo, data: bytes = b"") -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in entries:
            if isinstance(entry, zipfile.ZipInfo):
                out.writestr(entry, data)
            else:
                out.writestr(*entry)
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def paths(entries: list[archive.Entry]) -> list[str]:
    return [entry.path for entry in entries]


def test_a_plain_project_lands_as_it_is() -> None:
    found = plan(zipped(("pyproject.toml", PYPROJECT), ("src/pkg/__init__.py", b"")))
    assert paths(found) == ["pyproject.toml", "src/pkg/__init__.py"]


def test_one_top_folder_is_unwrapped() -> None:
    found = plan(
        zipped(
            zipfile.ZipInfo("repo-main/"),
            ("repo-main/pyproject.toml", PYPROJECT),
            ("repo-main/src/a.py", b""),
        )
    )
    assert paths(found) == ["pyproject.toml", "src/a.py"]


def test_environments_caches_and_git_are_left_out() -> None:
    found = plan(
        zipped(
            ("pyproject.toml", PYPROJECT),
            (".venv/bin/python", b"\x7fELF"),
            (".git/hooks/post-checkout", b"#!/bin/sh\nrm -rf ~"),
            zipfile.ZipInfo(".git/"),
            ("src/pkg/__pycache__/a.cpython-311.pyc", b""),
            ("src/pkg/a.py", b""),
        )
    )
    assert paths(found) == ["pyproject.toml", "src/pkg/a.py"]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../evil.py", "outside"),
        ("src/../../evil.py", "outside"),
        ("/etc/evil", "absolute"),
        ("C:/evil.py", "absolute"),
        ("C:evil.py", "absolute"),
        ("src\\..\\evil.py", "backslash"),
    ],
)
def test_an_entry_that_escapes_is_refused(name: str, words: str) -> None:
    with pytest.raises(ArchiveRejected, match=words):
        plan(zipped(("pyproject.toml", PYPROJECT), (name, b"x")))


def test_a_link_is_refused() -> None:
    link = zipfile.ZipInfo("src/link")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with pytest.raises(ArchiveRejected, match="symbolic link"):
        plan(zipped(("pyproject.toml", PYPROJECT), link, data=b"/etc/passwd"))


def test_a_device_is_refused() -> None:
    fifo = zipfile.ZipInfo("src/fifo")
    fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
    with pytest.raises(ArchiveRejected, match="not a file or folder"):
        plan(zipped(("pyproject.toml", PYPROJECT), fifo))


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_ENTRIES", 3)
    files = [(f"f{i}.txt", b"") for i in range(4)]
    with pytest.raises(ArchiveRejected, match="5 entries, more than the 3"):
        plan(zipped(("pyproject.toml", PYPROJECT), *files))


def test_too_many_bytes_unpacked_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ArchiveRejected, match="unpacks to more than"):
        plan(zipped(("pyproject.toml", PYPROJECT), ("data.csv", b"1,2\n" * 300)))


def test_an_entry_that_expands_like_a_bomb_is_refused() -> None:
    with pytest.raises(ArchiveRejected, match="zip bomb"):
        plan(zipped(("pyproject.toml", PYPROJECT), ("zeros.bin", bytes(4 * 1024 * 1024))))


def test_a_name_given_twice_is_refused() -> None:
    with pytest.raises(ArchiveRejected, match="twice"):
        plan(zipped(("pyproject.toml", PYPROJECT), ("a.py", b""), ("./a.py", b"")))


def test_a_file_below_a_file_is_refused() -> None:
    with pytest.raises(ArchiveRejected, match="below a file"):
        plan(zipped(("pyproject.toml", PYPROJECT), ("a", b""), ("a/b.py", b"")))


def test_an_archive_without_a_project_is_refused() -> None:
    with pytest.raises(ArchiveRejected, match="not a dg project"):
        plan(zipped(("README.md", b"hello")))


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    upload = tmp_path / "upload.zip"
    upload.write_bytes(b"PK? not really")
    with pytest.raises(ArchiveRejected, match="not a ZIP"):
        archive.open_archive(upload)


def test_an_export_leaves_out_what_is_rebuilt_and_never_follows_links(tmp_path: Path) -> None:
    root = tmp_path / "project"
    kept = [
        "pyproject.toml",
        "uv.lock",
        ".gitignore",
        "src/pkg/defs/a.py",
        "src/pkg/defs/dbt/dbt_project.yml",
        "src/pkg/defs/dbt/models/m.sql",
        "logs/notes.txt",  # not a dbt project's folder: the user's own
        ".dagster-designer/layout.json",
    ]
    dropped = [
        ".env",
        "src/.env",
        ".venv/bin/python",
        ".git/config",
        "src/pkg/__pycache__/a.cpython-311.pyc",
        "src/pkg/b.pyc",
        ".pytest_cache/v",
        ".ruff_cache/x",
        "node_modules/x/index.js",
        ".dagster-designer/dagster_home/storage/runs.db",
        "src/pkg/defs/dbt/target/manifest.json",
        "src/pkg/defs/dbt/logs/dbt.log",
    ]
    for relative in kept + dropped:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x")
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "key.txt").write_text("secret")
    (root / "linked_dir").symlink_to(outside)
    (root / "linked_file").symlink_to(outside / "key.txt")
    data = b"".join(archive.stream_zip(root))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert sorted(names) == sorted(kept)
    with zipfile.ZipFile(io.BytesIO(data)) as exported:
        assert exported.testzip() is None
        assert exported.read("src/pkg/defs/a.py") == b"x"
