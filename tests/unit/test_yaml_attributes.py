"""Lossless edits of a component's attributes."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

import pytest
import yaml

from dagster_designer.edits.yaml_attributes import (
    YamlEditError,
    guess_indent,
    read_documents,
    read_types,
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


def test_attributes_that_are_not_a_mapping_are_refused_to_the_form() -> None:
    with pytest.raises(YamlEditError, match="not a mapping"):
        read_documents("type: x.Y\nattributes: [a, b]\n")


def test_invalid_yaml_and_bad_index_are_refused() -> None:
    with pytest.raises(YamlEditError, match="not valid YAML"):
        write_attributes("a: [\n", {})
    with pytest.raises(YamlEditError, match="no document 3"):
        write_attributes(SCAFFOLDED, {}, index=3)
    with pytest.raises(YamlEditError, match="not a mapping"):
        write_attributes("- a\n- b\n", {})


# --------------------------------------------------------------------------------------------
# anchors, aliases and merge keys

ANCHORED = """\
type: dagster.PythonScriptComponent
attributes:
  execution: {path: run.py}
  assets:
    - key: first
      metadata: &md {owner: team}   # shared
    - key: second
      metadata: *md
    - key: third
      metadata: *md
"""


def test_an_edit_through_an_alias_unshares_only_that_place() -> None:
    attributes = read_documents(ANCHORED)[0]["attributes"]
    attributes["assets"][1]["metadata"]["owner"] = "other"
    out = write_attributes(ANCHORED, attributes)
    assert out == ANCHORED.replace(
        "key: second\n      metadata: *md\n", "key: second\n      metadata: {owner: other}\n"
    )
    assert read_documents(out)[0]["attributes"] == attributes


def test_an_alias_whose_value_did_not_change_stays_an_alias() -> None:
    attributes = read_documents(ANCHORED)[0]["attributes"]
    attributes["assets"][2]["key"] = "third_renamed"
    out = write_attributes(ANCHORED, attributes)
    assert out == ANCHORED.replace("key: third", "key: third_renamed")


def test_an_edit_at_the_anchor_leaves_the_aliases_their_value() -> None:
    attributes = read_documents(ANCHORED)[0]["attributes"]
    attributes["assets"][0]["metadata"]["owner"] = "lead"
    out = write_attributes(ANCHORED, attributes)
    assert read_documents(out)[0]["attributes"] == attributes
    assert yaml.safe_load(out)["attributes"]["assets"][2]["metadata"] == {"owner": "team"}


MERGED = """\
type: dagster.PythonScriptComponent
attributes:
  execution: {path: run.py}
  assets:
    - &spec
      key: first
      group_name: sales
      metadata: {owner: team}
    - <<: *spec
      key: second
"""


def test_merge_keys_survive_a_save_and_an_edit_of_a_merged_value_overrides_it_there() -> None:
    attributes = read_documents(MERGED)[0]["attributes"]
    assert attributes["assets"][1] == {
        "key": "second",
        "group_name": "sales",
        "metadata": {"owner": "team"},
    }
    assert write_attributes(MERGED, attributes) == MERGED
    attributes["assets"][1]["metadata"]["owner"] = "other"
    out = write_attributes(MERGED, attributes)
    assert out == MERGED + "      metadata: {owner: other}\n"
    assert read_documents(out)[0]["attributes"] == attributes


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda a: a[0].update(group_name="other"),
            MERGED.replace("group_name: sales", "group_name: other") + "      group_name: sales\n",
        ),
        (
            lambda a: a[0]["metadata"].update(owner="lead"),
            MERGED.replace("{owner: team}", "{owner: lead}") + "      metadata: {owner: team}\n",
        ),
        (
            lambda a: (a[0].pop("group_name"), a[1].pop("group_name")),
            MERGED.replace("      group_name: sales\n", ""),
        ),
    ],
    ids=["scalar", "mapping", "removed in both"],
)
def test_an_edit_of_a_merged_mapping_leaves_what_the_others_merge(
    edit: Callable[[list[dict[str, Any]]], Any], expected: str
) -> None:
    attributes = read_documents(MERGED)[0]["attributes"]
    edit(attributes["assets"])
    out = write_attributes(MERGED, attributes)
    assert out == expected
    assert read_documents(out)[0]["attributes"] == attributes


def test_a_merged_key_cannot_be_removed_where_it_is_merged() -> None:
    attributes = read_documents(MERGED)[0]["attributes"]
    del attributes["assets"][1]["group_name"]
    with pytest.raises(YamlEditError, match="group_name"):
        write_attributes(MERGED, attributes)


def test_anchored_booleans_read_as_booleans() -> None:
    text = "type: x.Y\nattributes:\n  on: &yes true\n  again: *yes\n"
    attributes = read_documents(text)[0]["attributes"]
    assert attributes == {"on": True, "again": True}
    assert write_attributes(text, attributes) == text


# --------------------------------------------------------------------------------------------
# a save of what was read changes nothing

ROUND_TRIPS = {
    "no attributes key": "type: dagster.PythonScriptComponent\n",
    "attributes without value": "type: x.Y\nattributes:\n",
    "attributes tilde": "type: x.Y\nattributes: ~   # none yet\n",
    "empty mapping": SCAFFOLDED,
    "flow attributes": "type: x.Y\nattributes: {a: 1, b: [x, y]}\n",
    "comments": COMMENTED,
    "spacing": "type: x.Y\nattributes:\n  a:    1\n  b: [ x, y ]\n  c: { k: v }\n",
    "indentation": "type: x.Y\nattributes:\n    a:\n          x: 1\n    b:\n    - 1\n",
    "quoted": "type: x.Y\nattributes:\n  a: 'x'\n  b: \"y\"\n  c: 'it''s'\n  d: \"\\u00e9\"\n",
    "numbers": (
        "type: x.Y\nattributes:\n  a: 1.0\n  b: 1e3\n  c: 0x1F\n  d: 1_000\n  e: +1\n"
        "  f: .inf\n  g: -.Inf\n  h: .nan\n  i: 2.50\n"
    ),
    "booleans and yes/no": "type: x.Y\nattributes:\n  a: yes\n  b: no\n  c: True\n  d: off\n",
    "nulls": "type: x.Y\nattributes:\n  a: ~\n  b: null\n  c:\n  d: Null\n",
    "dates": (
        "type: x.Y\nattributes:\n  a: 2024-01-01\n  b: 2024-01-01 10:00:00\n"
        "  c: 2024-01-01T10:00:00Z\n  d: 2024-01-01T10:00:00+02:00\n"
    ),
    "long string": "type: x.Y\nattributes:\n  a: " + "word " * 60 + "end\n",
    "blocks": (
        "type: x.Y\nattributes:\n  sql: |\n    select 1\n    from t\n"
        "  keep: |+\n    kept\n\n  note: >-\n    folded\n    text\n"
    ),
    "plain multi-line": "type: x.Y\nattributes:\n  a: one\n    two\n",
    "flow over lines": "type: x.Y\nattributes:\n  a: [x,\n      y]\n",
    "complex key": "type: x.Y\nattributes:\n  ? a\n  : 1\n",
    "number keys": "type: x.Y\nattributes:\n  1: a\n  2.5: b\n",
    "tags": "type: x.Y\nattributes:\n  a: !env FOO\n  b: !!str 1\n",
    "document end": "type: x.Y\nattributes:\n  a: 1\n...\n",
    "directive": "%YAML 1.2\n---\ntype: x.Y\nattributes:\n  a: 1\n",
    "trailing spaces": "type: x.Y  \nattributes:\n  a: 1   \n",
    "no final newline": "type: x.Y\nattributes:\n  a: 1",
    "anchors": ANCHORED,
    "merge keys": MERGED,
    "multi-document": (
        "type: a.B\nattributes:\n  x: [ 1 ]\n--- # second\ntype: c.D\n---\n"
        "type: e.F\nattributes: {}\n"
    ),
}


def _as_sent(value: Any, browser: bool) -> Any:
    """What a client sends back after reading `value` as JSON (a browser has one number type)."""
    sent = json.loads(json.dumps(value))
    if not browser:
        return sent

    def numbers(item: Any) -> Any:
        if isinstance(item, dict):
            return {k: numbers(v) for k, v in item.items()}
        if isinstance(item, list):
            return [numbers(v) for v in item]
        return int(item) if isinstance(item, float) and item.is_integer() else item

    return numbers(sent)


@pytest.mark.parametrize("browser", [False, True], ids=["json", "browser"])
@pytest.mark.parametrize("name", list(ROUND_TRIPS))
def test_saving_what_was_read_gives_the_same_bytes(name: str, browser: bool) -> None:
    text = ROUND_TRIPS[name]
    for index, document in enumerate(read_documents(text)):
        attributes = _as_sent(document["attributes"], browser)
        assert write_attributes(text, attributes, index) == text
        if attributes is None:
            assert write_attributes(text, {}, index) == text


@pytest.mark.parametrize("text", ["type: x.Y\n", "type: x.Y\nattributes:\n", SCAFFOLDED])
def test_null_and_empty_attributes_mean_the_same(text: str) -> None:
    assert write_attributes(text, None) == text
    assert write_attributes(text, {}) == text


def test_null_empties_attributes_that_hold_values() -> None:
    assert write_attributes("type: x.Y\nattributes:\n  a: 1\n", None) == (
        "type: x.Y\nattributes: {}\n"
    )


def test_a_change_leaves_the_spelling_of_every_other_line() -> None:
    text = ROUND_TRIPS["spacing"] + "  d: 'x'   # note\n  e: [ 1,\n       2 ]\n"
    attributes = read_documents(text)[0]["attributes"]
    attributes["d"] = "y"
    assert write_attributes(text, attributes) == text.replace("d: 'x'", "d: 'y'")
    attributes["f"] = 3
    assert write_attributes(text, attributes) == text.replace("d: 'x'", "d: 'y'") + "  f: 3\n"


def test_flow_attributes_keep_their_style_when_a_value_changes() -> None:
    text = "type: x.Y\nattributes: {a: 1, b: 2}\n"
    assert write_attributes(text, {"a": 1, "b": 3}) == "type: x.Y\nattributes: {a: 1, b: 3}\n"


def test_numbers_compare_as_json_numbers_and_booleans_stay_apart() -> None:
    text = "type: x.Y\nattributes:\n  n: 2\n  flag: 1\n"
    assert write_attributes(text, {"n": 2.0, "flag": 1}) == text
    assert write_attributes(text, {"n": 2, "flag": True}) == text.replace("flag: 1", "flag: true")


# --------------------------------------------------------------------------------------------
# bounded reading


def laughs(levels: int = 9) -> str:
    """A small file whose nested aliases stand for 10**levels values."""
    lines = ["type: dagster.PythonScriptComponent", "attributes:", "  l0: &l0 [lol]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"  l{level}: &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_aliases_that_expand_without_bound_are_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(YamlEditError, match="aliases"):
        read_documents(laughs())
    assert read_types(laughs()) == [
        {"type": "dagster.PythonScriptComponent", "error": read_types(laughs())[0]["error"]}
    ]
    assert "aliases" in str(read_types(laughs())[0]["error"])
    assert time.monotonic() - started < 5


def test_a_few_shared_values_are_read_in_full() -> None:
    assert read_documents(laughs(2))[0]["attributes"]["l2"] == [[["lol"]] * 10] * 10
    assert read_types(laughs(2)) == [{"type": "dagster.PythonScriptComponent", "error": None}]


def test_a_file_whose_aliases_expand_without_bound_is_not_edited() -> None:
    with pytest.raises(YamlEditError, match="aliases"):
        write_attributes(laughs(), {})


# --------------------------------------------------------------------------------------------
# property: many generated files, each spelled its own way

SCALARS = [
    "1", "+1", "0x1F", "1_000", "1.0", "2.50", "1e3", ".inf", "true", "True", "yes", "no", "off",
    "~", "null", "", "'quoted'", '"double"', "'it''s'", "plain text", "2024-01-31",
    "2024-01-31 10:00:00", "{{ env.DB_URL }}", "'{{ env.DB_URL }}'", "!env FOO",
]  # fmt: skip


class _Spelling:
    """Writes random attribute trees as YAML, each file in its own indentation and spacing."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.indent = rng.choice([2, 4])
        self.dash = rng.choice([0, 2])  # where `-` stands under its key
        self.anchors: list[str] = []

    def comment(self) -> str:
        return self.rng.choice(["", "", "", "   # note", "  #x"])

    def flow(self, depth: int) -> str:
        kind = self.rng.random()
        if kind < 0.2 and self.anchors:
            return "*" + self.rng.choice(self.anchors)
        pad = self.rng.choice(["", " "])
        if kind < 0.5 and depth < 2:
            items = [self.flow(depth + 1) for _ in range(self.rng.randint(0, 3))]
            return f"[{pad}{', '.join(items)}{pad}]" if items else "[]"
        if kind < 0.7 and depth < 2:
            items = [f"f{i}: {self.flow(depth + 1)}" for i in range(self.rng.randint(0, 2))]
            return f"{{{pad}{', '.join(items)}{pad}}}" if items else "{}"
        value = self.rng.choice(SCALARS)
        return "x" if depth and not value else value  # an empty item needs a block

    def anchored(self, value: str) -> str:
        if value.startswith(("[", "{")) and self.rng.random() < 0.3:
            name = f"a{len(self.anchors)}"
            self.anchors.append(name)
            return f"&{name} {value}"
        return value

    def mapping(self, indent: int, depth: int) -> list[str]:
        lines = []
        for i in range(self.rng.randint(1, 4)):
            key = f"{' ' * indent}k{depth}_{i}:"
            kind = self.rng.random()
            if kind < 0.25 and depth < 3:
                lines.append(key + self.comment())
                lines += self.mapping(indent + self.indent, depth + 1)
            elif kind < 0.45 and depth < 3:
                lines.append(key)
                for _ in range(self.rng.randint(1, 3)):
                    item = self.flow(1)
                    lines.append(f"{' ' * (indent + self.dash)}- {item}{self.comment()}")
            elif kind < 0.55:
                lines += [key + " |", f"{' ' * (indent + self.indent)}select 1"]
                lines.append(f"{' ' * (indent + self.indent)}from t{i}")
            else:
                spaces = self.rng.choice([" ", " ", "   "])
                lines.append(f"{key}{spaces}{self.anchored(self.flow(0))}{self.comment()}")
            if self.rng.random() < 0.15:
                lines.append("")
        return lines

    def file(self) -> str:
        lines = ["type: dagster.PythonScriptComponent" + self.comment(), "attributes:"]
        lines += self.mapping(self.indent, 0)
        return "\n".join(lines) + self.rng.choice(["\n", "\n", ""])


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if not value and isinstance(value, (dict, list)):
        return [path] if path else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


@pytest.mark.parametrize("seed", range(150))
def test_generated_files_save_losslessly(seed: int) -> None:
    rng = random.Random(seed)
    text = _Spelling(rng).file()
    attributes = read_documents(text)[0]["attributes"]
    for browser in (False, True):
        assert write_attributes(text, _as_sent(attributes, browser)) == text, text
    # one value changed: the file reads back as sent, and saving that again changes nothing
    changed = _as_sent(attributes, browser=True)
    *parents, last = rng.choice(_leaves(changed))
    holder = changed
    for step in parents:
        holder = holder[step]
    holder[last] = rng.choice(["new value", 7, False, None, "multi\nline\n", {"n": [1]}])
    out = write_attributes(text, changed)
    assert read_documents(out)[0]["attributes"] == changed, (text, out)
    assert write_attributes(out, read_documents(out)[0]["attributes"]) == out
    # the lines of that value only (a `|` block has three), never the file re-spelled
    lines = SequenceMatcher(None, text.splitlines(), out.splitlines(), autojunk=False)
    rewritten = sum(i2 - i1 for tag, i1, i2, _, _ in lines.get_opcodes() if tag != "equal")
    assert rewritten <= 4, (text, out)
