"""Files read for a lossless edit come back in their own form: byte order mark and line ends."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from dagster_designer.project_files.files import NotText
from dagster_designer.project_files.source_files import read_source, restore


def _source(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "defs.yaml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        b"type: x.Y\r\nattributes:\r\n  a: 1\r\n",
        codecs.BOM_UTF8 + b"type: x.Y\nattributes:\n  a: 1\n",
        codecs.BOM_UTF8 + b"type: x.Y\r\nattributes:\r\n  a: 1",
        b"type: x.Y\r\nattributes:\n  a: 1\r\n",
        b"type: x.Y\rattributes:\r  a: 1\r",
    ],
    ids=["crlf", "bom", "bom, crlf, no final newline", "mixed", "cr"],
)
def test_an_edit_keeps_the_form_of_every_line_it_did_not_touch(tmp_path: Path, data: bytes) -> None:
    source = read_source(_source(tmp_path, data), tmp_path)
    assert "\r" not in source.text and not source.text.startswith("\ufeff")
    assert source.encode(source.text) == data
    edited = source.encode(source.text.replace("a: 1", "a: 2"))
    assert edited == data.replace(b"a: 1", b"a: 2")


def test_new_lines_get_the_files_most_common_line_end(tmp_path: Path) -> None:
    data = b"a: 1\r\nb: 2\r\nc: 3\n"
    source = read_source(_source(tmp_path, data), tmp_path)
    edited = source.encode(source.text.replace("b: 2\n", "b: 2\nx: 9\ny: 8\n"))
    assert edited == b"a: 1\r\nb: 2\r\nx: 9\r\ny: 8\r\nc: 3\n"


def test_bytes_that_would_not_change_are_not_written(tmp_path: Path) -> None:
    path = _source(tmp_path, codecs.BOM_UTF8 + b"a: 1\r\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    source = read_source(path, tmp_path)
    assert source.write(source.text) == source.data
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert source.write("a: 2\n") == codecs.BOM_UTF8 + b"a: 2\r\n" == path.read_bytes()


def test_a_file_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    path = tmp_path / "pkg" / "defs.yaml"
    path.write_bytes("type: x.Y\nattributes:\n  name: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(NotText, match=r"`pkg/defs.yaml` is not UTF-8"):
        read_source(path, tmp_path)


def test_restore_puts_the_original_back_only_over_what_was_written(tmp_path: Path) -> None:
    path = _source(tmp_path, b"written\n")
    assert restore(path, b"written\n", b"original\n")
    assert path.read_bytes() == b"original\n"
    path.write_bytes(b"the user's own edit\n")
    assert not restore(path, b"original\n", b"older\n")
    assert path.read_bytes() == b"the user's own edit\n"
    path.unlink()
    assert not restore(path, b"written\n", b"original\n")
    assert not path.exists()
