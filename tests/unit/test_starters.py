"""The starters' catalogue: what the builders write for each is valid Python, the shipped files
are there, and every module that needs DuckDB gets its resource."""

from __future__ import annotations

import ast

import pytest

from dagster_designer.starters.catalog import EMPTY, STARTERS, UnknownStarter, starter


def test_the_empty_starter_is_create_dagster_alone() -> None:
    empty = STARTERS[EMPTY]
    assert (empty.packages, empty.scaffolds, empty.built, empty.files) == ((), (), (), None)


@pytest.mark.parametrize("starter_id", ["python", "sales"])
def test_a_starter_writes_valid_modules_and_ships_its_files(starter_id: str) -> None:
    chosen = STARTERS[starter_id]
    modules = chosen.modules()
    for text in modules.values():
        ast.parse(text)
    assert chosen.files is not None and (chosen.files / "defs").is_dir()
    needs_duckdb = any("dagster_duckdb" in text for text in modules.values())
    assert ("resources.py" in modules) == needs_duckdb
    if needs_duckdb:
        assert "dagster-duckdb" in chosen.packages


def test_an_unknown_starter_names_the_known_ones() -> None:
    with pytest.raises(UnknownStarter, match="empty, python, sales"):
        starter("jaffle")
