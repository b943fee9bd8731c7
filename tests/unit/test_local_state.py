"""The exchange that swaps a rebuilt component state in: both folders whole, either way."""

from __future__ import annotations

from pathlib import Path

from dagster_designer.worker.local_state import exchange


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
