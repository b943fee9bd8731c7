"""Lineage edits of component files leave shared YAML values to the other places that share them."""

from __future__ import annotations

import yaml

from dagster_designer.edits.yaml_lineage import edit_spec_deps

SHARED = """\
type: dagster.PythonScriptComponent
attributes:
  execution: {path: run.py}
  assets:
    - key: a
      deps: &common [raw]   # every asset reads raw
    - key: b
      deps: *common
    - key: c
      deps: *common
"""


def test_a_dependency_added_through_an_alias_is_added_there_only() -> None:
    out = edit_spec_deps(SHARED, 0, "b", "extra", add=True)
    assert out == SHARED.replace(
        "key: b\n      deps: *common\n", "key: b\n      deps: [raw, extra]\n"
    )


def test_a_dependency_removed_at_the_anchor_stays_for_the_aliases() -> None:
    out = edit_spec_deps(SHARED, 0, "a", "raw", add=False)
    specs = yaml.safe_load(out)["attributes"]["assets"]
    assert [spec.get("deps") for spec in specs] == [None, ["raw"], ["raw"]]
