"""Lossless edits of a component's attributes."""

from __future__ import annotations

import pytest
import yaml

from dagster_designer.edits.yaml_attributes import (
    YamlEditError,
    guess_indent,
    read_documents,
    write_attributes,
)

SCAFFOLDED = "type: dagster.PythonScriptComponent\n\nattributes: {}\n"

COMMENTED = """\
type: dagster.PythonScriptComponent

# the script
attributes:
  execution:
    path: build.py   # relative to this folder
  assets:
    - key: raw/orders   # first
      deps: [orders]
      group_name: 'sales'
      kinds: [python]
      metadata: {owner: "x", n: 1.50}
"""


def test_unchanged_attributes_give_the_same_bytes() -> None:
    attributes = read_documents(COMMENTED)[0]["attributes"]
    assert write_attributes(COMMENTED, attributes) == COMMENTED


def test_a_change_touches_only_its_line() -> None:
    attributes = read_documents(COMMENTED)[0]["attributes"]
    attributes["assets"][0]["deps"].append("customers")
    out = write_attributes(COMMENTED, attributes)
    assert out == COMMENTED.replace("[orders]", "[orders, customers]")


def test_new_keys_are_appended_in_block_style_and_templates_are_quoted() -> None:
    out = write_attributes(
        SCAFFOLDED,
        {"connection": "{{ env.DB_URL }}", "assets": [{"key": "a", "deps": ["b"]}]},
    )
    assert yaml.safe_load(out)["attributes"] == {
        "connection": "{{ env.DB_URL }}",
        "assets": [{"key": "a", "deps": ["b"]}],
    }
    assert out.startswith("type: dagster.PythonScriptComponent\n\nattributes:\n")
    assert "  assets:\n    - key: a\n" in out  # dg's own list indentation


def test_multiline_strings_become_literal_blocks() -> None:
    out = write_attributes(SCAFFOLDED, {"sql_template": "select *\nfrom orders\n"})
    assert "sql_template: |\n    select *\n    from orders\n" in out
    assert yaml.safe_load(out)["attributes"]["sql_template"] == "select *\nfrom orders\n"


def test_removed_keys_disappear_and_emptied_attributes_stay_valid() -> None:
    out = write_attributes(COMMENTED, {})
    assert yaml.safe_load(out) == {"type": "dagster.PythonScriptComponent", "attributes": {}}
    assert "# the script" in out


def test_types_are_kept_apart() -> None:
    text = "type: x.Y\nattributes:\n  flag: 1\n  n: 2\n"
    out = write_attributes(text, {"flag": True, "n": 2.0})
    assert yaml.safe_load(out)["attributes"] == {"flag": True, "n": 2.0}


def test_missing_attributes_key_is_added_after_type() -> None:
    out = write_attributes("type: x.Y\n", {"a": 1})
    assert out == "type: x.Y\nattributes:\n  a: 1\n"


def test_other_documents_stay_byte_for_byte() -> None:
    text = (
        "type: a.B\nattributes:\n  items: [{key: x}]   # keep\n"
        "---\n# second\ntype: c.D\nattributes:\n  y: 2\n"
    )
    out = write_attributes(text, {"y": 3}, index=1)
    assert out == text.replace("y: 2", "y: 3")
    assert write_attributes(text, {"items": [{"key": "x"}]}, index=0) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n  b:\n    - c\n", (2, 2)),
        ("a:\n  b:\n  - c\n", (2, 0)),
        ("a:\n    b: 1\n", (4, 2)),
        ("a: 1\n", (2, 2)),
    ],
)
def test_indentation_is_read_from_the_file(text: str, expected: tuple[int, int]) -> None:
    assert guess_indent(text) == expected


def test_invalid_yaml_and_bad_index_are_refused() -> None:
    with pytest.raises(YamlEditError, match="not valid YAML"):
        write_attributes("a: [\n", {})
    with pytest.raises(YamlEditError, match="no document 3"):
        write_attributes(SCAFFOLDED, {}, index=3)
    with pytest.raises(YamlEditError, match="not a mapping"):
        write_attributes("- a\n- b\n", {})
