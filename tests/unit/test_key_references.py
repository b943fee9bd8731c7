"""Renaming a key where it is referenced changes that literal and nothing else."""

from __future__ import annotations

import pytest

from dagster_designer.edits.key_references import (
    ReferenceEditError,
    rename_in_python,
    rename_in_yaml,
)
from dagster_designer.worker.near_miss import candidates, edit_distance, score

PYTHON = """import dagster as dg


@dg.asset(deps=['raw_order', dg.AssetKey(["raw", "order"])])  # both spellings
def report() -> None:
    return "raw_order"
"""


def test_a_python_string_reference_keeps_its_quotes_and_the_rest() -> None:
    edited = rename_in_python(PYTHON, 4, "raw_order", "raw_orders")
    assert edited == PYTHON.replace("['raw_order'", "['raw_orders'")


def test_a_key_of_several_parts_is_renamed_part_by_part() -> None:
    edited = rename_in_python(PYTHON, 4, "raw/order", "raw/orders")
    assert edited == PYTHON.replace('["raw", "order"]', '["raw", "orders"]')


def test_a_reference_not_written_on_its_line_is_refused() -> None:
    with pytest.raises(ReferenceEditError, match="by hand"):
        rename_in_python(PYTHON, 5, "raw_order", "raw_orders")


YAML = """# sales
type: dagster.PythonScriptComponent
attributes:
  assets:
    - key: summary
      deps: [raw_order, "other"]  # upstream
---
type: dagster.PythonScriptComponent
attributes:
  assets:
    - key: two
      deps: ["raw_order"]
"""


def test_a_yaml_reference_is_renamed_in_its_document_only() -> None:
    edited = rename_in_yaml(YAML, 1, "assets.0.deps.0", "raw_order", "raw_orders")
    assert edited == YAML.replace('deps: ["raw_order"]', 'deps: ["raw_orders"]')
    edited = rename_in_yaml(YAML, 0, "assets.0.deps.0", "raw_order", "raw_orders")
    assert edited == YAML.replace("[raw_order, ", "[raw_orders, ")


def test_a_yaml_reference_that_changed_is_refused() -> None:
    with pytest.raises(ReferenceEditError, match="holds `other`"):
        rename_in_yaml(YAML, 0, "assets.0.deps.1", "raw_order", "raw_orders")


@pytest.mark.parametrize(
    ("missing", "produced", "best"),
    [
        ("raw_order", ["raw_orders", "orders"], "raw_orders"),
        ("orders_cleen", ["orders_clean", "orders"], "orders_clean"),
        ("raw/customers", ["raw_customers", "customers_raw"], "raw_customers"),
    ],
)
def test_near_misses_by_typing_and_by_words(missing: str, produced: list[str], best: str) -> None:
    assert candidates(missing, produced)[0][0] == best


def test_unrelated_keys_are_not_near_misses() -> None:
    assert candidates("report", ["orders", "raw_customers"]) == []
    assert edit_distance("kitten", "sitting", limit=5) == 3
    assert edit_distance("kitten", "sitting") == 3  # more than the default limit of 2
    assert score("a/b", "a_b") == 1.0
