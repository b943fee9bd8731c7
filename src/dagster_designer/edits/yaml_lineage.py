"""Asset dependencies and keys in component files, edited the ways Dagster 1.13 supports.

- A component that lists its assets as specs (`attributes.assets: [{key, deps}]`, as the Python
  script, SQL and function components do) gets the dependency in that spec's `deps` list.
- A component that makes many assets from elsewhere (dbt, Sling) gets one designer-written
  `post_processing` entry whose `deps` template appends to the dependencies Dagster already
  computes (a plain `deps:` there would replace them), one entry per component, as Dagster
  accepts only one dependency-changing post-processor per multi-asset.
- A key is renamed in the asset spec, or by a `translation` of the component's `key`.
All edits go through the round-trip YAML editor: the rest of the file stays as it was.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .yaml_attributes import edit_document, fresh, own_value, shared_nodes

DEPS_TEMPLATE = (
    "{{{{ asset.deps | map(attribute='asset_key') | list"
    " + {mapping}[asset.key.to_user_string()] }}}}"
)
_DEPS_PATTERN = re.compile(
    r"^\{\{ asset\.deps \| map\(attribute='asset_key'\) \| list \+ (?P<mapping>\{.*\})"
    r"\[asset\.key\.to_user_string\(\)\] \}\}$",
    re.DOTALL,
)
KEY_TEMPLATE = "{{{{ {mapping}.get(spec.key.to_user_string(), spec.key.to_user_string()) }}}}"
_KEY_PATTERN = re.compile(
    r"^\{\{ (?P<mapping>\{.*\})\.get\(spec\.key\.to_user_string\(\), "
    r"spec\.key\.to_user_string\(\)\) \}\}$",
    re.DOTALL,
)


class LineageEditError(ValueError):
    """The edit cannot be made in this file; the message says why and what to do instead."""


def _attributes(document: CommentedMap) -> CommentedMap | None:
    attributes = document.get("attributes")
    return attributes if isinstance(attributes, CommentedMap) else None


def find_spec(document: CommentedMap, key: str) -> CommentedMap | None:
    """The asset spec with this key in `attributes.assets`, if the component lists specs."""
    attributes = _attributes(document)
    specs = attributes.get("assets") if attributes is not None else None
    if not isinstance(specs, CommentedSeq):
        return None
    for spec in specs:
        if isinstance(spec, CommentedMap) and str(spec.get("key")) == key:
            return spec
    return None


def lists_spec(text: str, index: int, key: str) -> bool:
    found: list[bool] = []
    edit_document(text, index, lambda document: found.append(find_spec(document, key) is not None))
    return found[0]


def edit_spec_deps(text: str, index: int, asset_key: str, dep_key: str, add: bool) -> str:
    """Add or remove `dep_key` in the `deps` of the spec of `asset_key` (YAML splits "a/b")."""

    def change(document: CommentedMap) -> None:
        shared = shared_nodes(document)  # deps shared through an alias change here only
        spec = find_spec(document, asset_key)
        if spec is None:
            raise LineageEditError(f"No asset spec with key `{asset_key}` in this component.")
        deps = spec.get("deps")
        if isinstance(deps, str):
            raise LineageEditError(
                f"`deps` of `{asset_key}` is a single string: Dagster reads it character by "
                "character. Make it a list first."
            )
        current = [str(d) for d in deps] if deps is not None else []
        if add:
            if dep_key in current:
                return
            if deps is None:
                new = CommentedSeq([dep_key])
                new.fa.set_flow_style()
                spec["deps"] = new
            else:
                own_value(spec, "deps", shared).append(dep_key)
            return
        if dep_key not in current:
            raise LineageEditError(f"`{dep_key}` is not in the `deps` of `{asset_key}`.")
        deps = own_value(spec, "deps", shared)
        del deps[current.index(dep_key)]
        if not deps:
            del spec["deps"]

    return edit_document(text, index, change)


def _key_literal(key: str) -> str | list[str]:
    """A key as a template value: a name, or a list of parts (template output is not split)."""
    parts = key.split("/")
    return parts[0] if len(parts) == 1 else parts


def _key_string(value: Any) -> str:
    return "/".join(value) if isinstance(value, list) else str(value)


def _designer_entry(entries: CommentedSeq) -> tuple[int | None, dict[str, list[Any]]]:
    """Our post-processing entry (index, mapping), refusing other dependency changers."""
    found: tuple[int | None, dict[str, list[Any]]] = (None, {})
    for position, entry in enumerate(entries):
        deps = entry.get("attributes", {}).get("deps") if isinstance(entry, dict) else None
        if deps is None:
            continue
        match = _DEPS_PATTERN.match(str(deps)) if isinstance(deps, str) else None
        if match is None:
            raise LineageEditError(
                "This component already changes dependencies in its own `post_processing`; "
                "Dagster allows one such entry per component. Edit that entry by hand."
            )
        found = (position, ast.literal_eval(match.group("mapping")))
    return found


def edit_post_processing_deps(
    text: str, index: int, asset_key: str, dep_key: str, add: bool
) -> str:
    """Append `dep_key` to (or take it from) what Dagster computes for `asset_key`."""

    def change(document: CommentedMap) -> None:
        post = document.get("post_processing")
        if post is None:
            post = CommentedMap()
            document["post_processing"] = post
        entries = post.get("assets")
        if entries is None:
            entries = CommentedSeq()
            post["assets"] = entries
        position, mapping = _designer_entry(entries)
        deps = mapping.setdefault(asset_key, [])
        keys = [_key_string(d) for d in deps]
        if add and dep_key not in keys:
            deps.append(_key_literal(dep_key))
        elif not add:
            if dep_key not in keys:
                raise LineageEditError(
                    f"`{dep_key}` is not a dependency the designer added to `{asset_key}`: it "
                    "comes from the component's own source (for dbt, a `ref` or `source` in "
                    "the model's SQL). Remove it there."
                )
            del deps[keys.index(dep_key)]
        mapping = {k: v for k, v in sorted(mapping.items()) if v}
        if mapping:
            entry = fresh(
                {
                    "target": " or ".join(f'key:"{key}"' for key in mapping),
                    "attributes": {"deps": DEPS_TEMPLATE.format(mapping=repr(mapping))},
                }
            )
            if position is None:
                entries.append(entry)
            else:
                entries[position] = entry
        elif position is not None:
            del entries[position]
        if not entries:
            del post["assets"]
        if not post:
            del document["post_processing"]

    return edit_document(text, index, change)


def rename_key(
    text: str, index: int, old_key: str, new_key: str, translation_paths: list[list[Any]]
) -> str:
    """Make the component produce `new_key` where it produced `old_key`: in its asset spec if it
    lists one, else through the `translation` settings found at `translation_paths` (paths of
    attribute names and `*` for every item of a list, from the component's schema)."""

    def change(document: CommentedMap) -> None:
        spec = find_spec(document, old_key)
        if spec is not None:
            spec["key"] = new_key
            return
        attributes = _attributes(document)
        if attributes is None or not translation_paths:
            raise LineageEditError(
                "This component has neither an asset spec nor a `translation` setting for keys."
            )
        for holder in _holders(attributes, translation_paths):
            translation = holder.get("translation")
            if translation is None:
                translation = CommentedMap()
                holder["translation"] = translation
            if not isinstance(translation, CommentedMap):
                raise LineageEditError("The component's `translation` is not a mapping.")
            current = translation.get("key")
            mapping: dict[str, str] = {}
            if current is not None:
                match = _KEY_PATTERN.match(str(current))
                if match is None:
                    raise LineageEditError(
                        "The component already sets `translation.key` itself; edit it by hand."
                    )
                mapping = ast.literal_eval(match.group("mapping"))
            mapping[old_key] = new_key
            translation["key"] = KEY_TEMPLATE.format(mapping=repr(dict(sorted(mapping.items()))))

    return edit_document(text, index, change)


def _holders(attributes: CommentedMap, paths: list[list[Any]]) -> list[CommentedMap]:
    """The mappings that hold `translation`, following schema paths ("*" = each list item)."""
    holders: list[CommentedMap] = []
    for path in paths:
        level: list[Any] = [attributes]
        for step in path:
            following: list[Any] = []
            for node in level:
                if step == "*" and isinstance(node, list):
                    following.extend(node)
                elif isinstance(node, dict) and step in node:
                    following.append(node[step])
            level = following
        holders.extend(node for node in level if isinstance(node, CommentedMap))
    return holders
