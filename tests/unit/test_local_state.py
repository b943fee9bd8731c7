"""The exchange that swaps a rebuilt component state in: both folders whole, either way."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dagster_designer.worker import local_state
from dagster_designer.worker.local_state import discard, exchange, stagings_of


def test_two_folders_trade_places_with_their_contents(tmp_path: Path) -> None:
    live, staging = tmp_path / "key", tmp_path / ".key.new"
    (live / "project").mkdir(parents=True)
    (live / "state").write_text("")
    (live / "project" / "dbt_project.yml").write_text("old")
    (staging / "project").mkdir(parents=True)
    (staging / "state").write_text("")
    (staging / "project" / "dbt_project.yml").write_text("new")
    exchange(staging, live)
    assert (live / "project" / "dbt_project.yml").read_text() == "new"
    assert (staging / "project" / "dbt_project.yml").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".key.new", "key"]


def test_the_folders_left_beside_a_state_are_its_own_rebuilds_only(tmp_path: Path) -> None:
    live = tmp_path / "dbt_shop"
    ours = [tmp_path / ".dbt_shop.0123456789ab", tmp_path / ".dbt_shop.0123456789ab.old"]
    others = [
        tmp_path / ".dbt_shop.x.0123456789ab",  # another key's rebuild
        tmp_path / ".dbt_shop.notastaging",
        tmp_path / "dbt_shop.0123456789ab",
    ]
    for folder in (live, *ours, *others):
        folder.mkdir()
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    (tmp_path / ".dbt_shop.fedcba987654").symlink_to(elsewhere)
    assert sorted(stagings_of(live)) == sorted(ours)
    assert stagings_of(tmp_path / "missing" / "dbt_shop") == []


def test_discarded_folders_go_without_keeping_the_caller_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / ".dbt_shop.0123456789ab"
    (old / "project").mkdir(parents=True)
    (old / "project" / "model.sql").write_text("select 1")
    allowed, deleting = threading.Event(), []
    real_rmtree = local_state.shutil.rmtree

    def held_rmtree(path: Path, ignore_errors: bool = False) -> None:
        deleting.append(path)
        assert allowed.wait(60)
        real_rmtree(path, ignore_errors=ignore_errors)

    monkeypatch.setattr(local_state.shutil, "rmtree", held_rmtree)
    discard([old])  # returns while the deletion is held back
    assert old.exists()
    allowed.set()
    for thread in threading.enumerate():
        if thread.name == "discard-state":
            thread.join(60)
    assert deleting == [old] and not old.exists()
