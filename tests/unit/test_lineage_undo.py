"""An edge edit that spans several files is all or nothing: when it fails midway, or Dagster does
not accept the result, every file it wrote gets its bytes back; a file changed since is kept."""

from __future__ import annotations

import asyncio
import codecs
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dagster_designer.project_files.config import ProjectConfig
from dagster_designer.project_files.files import NotText
from dagster_designer.services.lineage import Edge, LineageError, change_edges
from dagster_designer.services.session import ProjectSession
from tests.support import run_async

# What an edit must give back byte for byte: a byte order mark, mixed line ends, a comment.
FIRST = codecs.BOM_UTF8 + (
    b"import dagster as dg\r\n\r\n\r\n@dg.asset  # keep me\r\ndef b() -> None: ...\n"
)
SECOND = b"import dagster as dg\n\n\n@dg.asset\ndef d() -> None: ...\n"
EDGES = [Edge("a", "b"), Edge("c", "d")]


def _definitions(errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What a load reports: `b` defined in first.py, `d` in second.py."""
    place = {"b": "first.py", "d": "second.py"}
    assets = [
        {"key": key, "deps": [], "defs_path": place.get(key, "upstream.py"), "defs_index": None}
        for key in ("a", "b", "c", "d")
    ]
    return {"assets": assets, "errors": errors or [], "warnings": []}


class StandInSession:
    """What lineage edits use of a project session, with loads scripted by the test: the
    real config and path rule, a write lock, and `definitions()` answering from `loads` (each
    may first act on the files, as a user would meanwhile)."""

    def __init__(self, root: Path, loads: list[Callable[[], dict[str, Any]]]) -> None:
        self.config = ProjectConfig(root, "proj", "proj", "proj.defs", "proj.definitions", ())
        self.write_lock = asyncio.Lock()
        self._loads = loads

    async def definitions(self) -> dict[str, Any]:
        return self._loads.pop(0)()

    def instance_dir(self, defs_path: str) -> Path:
        return ProjectSession.instance_dir(self, defs_path)  # type: ignore[arg-type]


def _project(root: Path, second: bytes = SECOND) -> tuple[Path, Path]:
    defs = root / "proj" / "defs"
    defs.mkdir(parents=True)
    (defs / "first.py").write_bytes(FIRST)
    (defs / "second.py").write_bytes(second)
    return defs / "first.py", defs / "second.py"


def _edit(session: StandInSession) -> Any:
    return run_async(change_edges(session, EDGES, add=True))  # type: ignore[arg-type]


def test_the_files_are_written_when_dagster_accepts_the_edit(tmp_path: Path) -> None:
    """The other tests' rollbacks undo a real write: here it is."""
    first, second = _project(tmp_path)
    accepted = _definitions()
    for asset in accepted["assets"]:
        asset["deps"] = {"b": ["a"], "d": ["c"]}.get(asset["key"], [])
    session = StandInSession(tmp_path, [_definitions, lambda: accepted])
    assert _edit(session)["edits"] == [
        {"file": "proj/defs/first.py", "how": "python deps"},
        {"file": "proj/defs/second.py", "how": "python deps"},
    ]
    assert b'deps=["a"]' in first.read_bytes() and b'deps=["c"]' in second.read_bytes()


def test_an_edit_that_fails_at_the_second_file_gives_the_first_its_bytes_back(
    tmp_path: Path,
) -> None:
    first, second = _project(tmp_path, second=b"# caf\xe9\n" + SECOND)  # not UTF-8
    session = StandInSession(tmp_path, [_definitions])
    with pytest.raises(NotText, match=re.escape("second.py")):
        _edit(session)
    assert first.read_bytes() == FIRST
    assert second.read_bytes() == b"# caf\xe9\n" + SECOND


def test_an_edit_that_cannot_be_made_in_the_second_file_gives_the_first_its_bytes_back(
    tmp_path: Path,
) -> None:
    first, second = _project(tmp_path, second=SECOND.replace(b"def d", b"def e"))
    session = StandInSession(tmp_path, [_definitions])
    with pytest.raises(LineageError, match="'d'"):
        _edit(session)
    assert first.read_bytes() == FIRST
    assert second.read_bytes() == SECOND.replace(b"def d", b"def e")


def test_an_edit_dagster_does_not_accept_is_undone_in_every_file(tmp_path: Path) -> None:
    first, second = _project(tmp_path)
    written: list[bytes] = []

    def refused() -> dict[str, Any]:
        written.extend([first.read_bytes(), second.read_bytes()])
        return _definitions([{"message": "the project does not load"}])

    session = StandInSession(tmp_path, [_definitions, refused, _definitions])
    with pytest.raises(LineageError) as undone:
        _edit(session)
    assert str(undone.value) == (
        "Dagster did not accept the edit, so it was undone: the project does not load"
    )
    assert written[0] != FIRST and written[1] != SECOND  # both were written, then undone
    assert (first.read_bytes(), second.read_bytes()) == (FIRST, SECOND)


def test_a_file_changed_since_the_edit_wrote_it_is_kept_and_named(tmp_path: Path) -> None:
    first, second = _project(tmp_path)
    users = b"# the user's own edit\n"

    def edited_meanwhile() -> dict[str, Any]:
        first.write_bytes(users)
        return _definitions([{"message": "the project does not load"}])

    session = StandInSession(tmp_path, [_definitions, edited_meanwhile, _definitions])
    with pytest.raises(LineageError, match=re.escape("Not undone in `proj/defs/first.py`")):
        _edit(session)
    assert first.read_bytes() == users
    assert second.read_bytes() == SECOND
