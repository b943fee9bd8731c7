"""Asset attributes a YAML component instance gives its assets through `post_processing:`, the
part of a defs.yaml Dagster applies to every component: each rule's `attributes` go to the
assets its `target` selects. A lossless edit of one document (see `yaml_attributes`)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .yaml_attributes import YamlEditError, edit_document, fresh, own_value, shared_nodes

EVERY_ASSET = "*"


def target_of(keys: list[str] | None) -> str:
    """The selection of `keys` (every asset of the instance when None or empty)."""
    if not keys:
        return EVERY_ASSET
    return " or ".join(f'key:"{key}"' for key in keys)


def _rules(document: CommentedMap) -> CommentedSeq:
    """The document's `post_processing.assets` list, made when absent."""
    shared = shared_nodes(document)
    if document.get("post_processing") is None:
        document["post_processing"] = CommentedMap()
    post = own_value(document, "post_processing", shared)
    if not isinstance(post, CommentedMap):
        raise YamlEditError("`post_processing` is not a mapping: edit it as YAML.")
    if post.get("assets") is None:
        post["assets"] = CommentedSeq()
    rules = own_value(post, "assets", shared)
    if not isinstance(rules, CommentedSeq):
        raise YamlEditError("`post_processing.assets` is not a list of rules: edit it as YAML.")
    return rules


def add_asset_attribute(text: str, index: int, target: str, name: str, value: Any) -> str:
    """The file text with `name: value` among the attributes document `index` gives the assets
    `target` selects: in the rule with that very target when there is one, else in a new rule
    at the end of `post_processing.assets`."""

    def change(document: CommentedMap) -> None:
        rules = _rules(document)
        for rule in rules:
            if not isinstance(rule, CommentedMap) or rule.get("target", EVERY_ASSET) != target:
                continue
            attributes = rule.get("attributes")
            if not isinstance(attributes, CommentedMap):
                continue
            if name in attributes:
                raise YamlEditError(f"The rule for {target} already sets {name}.")
            attributes[name] = fresh(value)
            return
        rules.append(fresh({"target": target, "attributes": {name: value}}))

    return edit_document(text, index, change)
