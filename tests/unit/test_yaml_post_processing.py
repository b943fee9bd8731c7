"""`post_processing` rules written into a defs.yaml: only the lines the rule needs change."""

from __future__ import annotations

import pytest
import yaml

from dagster_designer.edits.yaml_attributes import YamlEditError
from dagster_designer.edits.yaml_post_processing import add_asset_attribute, target_of

SCRIPTS = """# the nightly scripts
type: dagster.PythonScriptComponent
attributes:
  execution:
    path: "run.py"   # quoted, with a comment
  assets:
    - key: raw
      owners: ['team:data']
"""


def test_targets_name_keys_or_every_asset() -> None:
    assert target_of(None) == target_of([]) == "*"
    assert target_of(["a", "b/c"]) == 'key:"a" or key:"b/c"'


def test_a_rule_is_appended_and_the_rest_of_the_file_keeps_its_bytes() -> None:
    out = add_asset_attribute(SCRIPTS, 0, "*", "kinds", ["python"])
    assert out.startswith(SCRIPTS)
    rule = {"target": "*", "attributes": {"kinds": ["python"]}}
    assert yaml.safe_load(out)["post_processing"] == {"assets": [rule]}


def test_a_second_attribute_for_the_same_target_joins_its_rule() -> None:
    once = add_asset_attribute(SCRIPTS, 0, "*", "kinds", ["python"])
    twice = add_asset_attribute(once, 0, "*", "group_name", "scripts")
    assert twice.startswith(once)
    [rule] = yaml.safe_load(twice)["post_processing"]["assets"]
    assert rule["attributes"] == {"kinds": ["python"], "group_name": "scripts"}
    keyed = add_asset_attribute(twice, 0, target_of(["raw"]), "owners", ["team:data"])
    assert keyed.startswith(twice)
    assert yaml.safe_load(keyed)["post_processing"]["assets"][1] == {
        "target": 'key:"raw"',
        "attributes": {"owners": ["team:data"]},
    }
    with pytest.raises(YamlEditError, match="already sets group_name"):
        add_asset_attribute(twice, 0, "*", "group_name", "other")


def test_an_existing_rule_list_keeps_its_style_and_other_documents_stay() -> None:
    first = "type: dagster.PythonScriptComponent\nattributes: {}\n"
    second = (
        "# second\ntype: dagster.TemplatedSqlComponent  # trailing\n"
        "post_processing:\n  assets:\n  - target: 'tag:x'\n    attributes:\n"
        "      tags: {a: b}\n"
    )
    text = f"{first}---\n{second}"
    out = add_asset_attribute(text, 1, "*", "kinds", ["sql"])
    assert out.startswith(text)
    assert out[len(text) :] == "  - target: '*'\n    attributes:\n      kinds:\n      - sql\n"
    assert add_asset_attribute(out, 0, "*", "kinds", ["python"]).endswith(out[len(first) :])


@pytest.mark.parametrize("post", ["post_processing: [1]\n", "post_processing:\n  assets: {a: 1}\n"])
def test_post_processing_of_another_shape_is_left_to_the_user(post: str) -> None:
    with pytest.raises(YamlEditError, match="edit it as YAML"):
        add_asset_attribute(SCRIPTS + post, 0, "*", "kinds", ["python"])
