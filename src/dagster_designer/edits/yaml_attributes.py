"""Lossless edits of a component's `attributes` in its defs.yaml.

The file is parsed with ruamel.yaml's round-trip loader and only what changed is replaced, in
place: comments, key order, quoting, indentation and the other documents of a multi-document file
stay as they were, and the lines of the file that the change does not touch keep their bytes
(see `line_patch`). Values are compared as JSON compares them, so saving what was read changes
nothing. Anchors stay shared: a change through an alias gives that place a copy of its own.
Reading is bounded: aliases that would expand into a flood of values are refused, not expanded.
"""

from __future__ import annotations

import contextlib
import copy
import io
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.anchor import Anchor
from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.scalarstring import LiteralScalarString

from .line_patch import carry_over

# How many values a document's aliases may add when expanded (`_plain`): far above what anchors
# in a real component file add, far below what a "billion laughs" of nested aliases adds.
MAX_ALIAS_VALUES = 100_000


class YamlEditError(ValueError):
    """The file cannot be edited as a component file; the message says why."""


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, offset of `-` under its key) as the file writes them.

    Defaults are Dagster's own style (`dg scaffold` indents list items under their key).
    """
    mapping: int | None = None
    offset: int | None = None
    opener: int | None = None  # indentation of the last `key:` line that opens a block
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith(("#", "---", "...")):
            continue
        indent = len(line) - len(stripped)
        if opener is not None and stripped.startswith("- ") and indent >= opener:
            offset = indent - opener if offset is None else offset
        elif opener is not None and indent > opener and mapping is None:
            mapping = indent - opener
        if mapping is not None and offset is not None:
            break
        body = stripped[2:] if stripped.startswith("- ") else stripped
        opens = body.split("#", 1)[0].rstrip().endswith(":")
        opener = (indent + (2 if stripped.startswith("- ") else 0)) if opens else None
    return mapping or 2, 2 if offset is None else offset


def _yaml(text: str) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long strings
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # keep `[{key: a}]` as written
    mapping, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


def _documents(yaml: YAML, text: str) -> list[Any]:
    try:
        return list(yaml.load_all(text))
    except Exception as exc:
        raise YamlEditError(f"The file is not valid YAML: {exc}") from exc


def _alias_error(document: Any) -> str | None:
    """Why the document cannot be read as plain data, if it cannot: its aliases expand into too
    many values. Counts without expanding anything (ruamel never builds a value that contains
    itself, so the count ends)."""
    sizes: dict[int, int] = {}
    written = 0

    def size(node: Any) -> int:
        nonlocal written
        if not isinstance(node, (dict, list)):
            return 1
        if id(node) not in sizes:
            children = list(node.values() if isinstance(node, dict) else node)
            written += 1 + sum(not isinstance(child, (dict, list)) for child in children)
            sizes[id(node)] = 1 + sum(size(child) for child in children)
        return sizes[id(node)]

    expanded = size(document)
    if expanded - written > MAX_ALIAS_VALUES:
        return (
            f"The YAML's aliases repeat values {expanded - written:,} times (nested anchors); "
            f"the designer reads files whose aliases add at most {MAX_ALIAS_VALUES:,} values. "
            "Open the file in the editor and write the values out, or nest fewer aliases."
        )
    return None


def _type_of(document: Any) -> str | None:
    value = document.get("type") if isinstance(document, dict) else None
    return str(value) if isinstance(value, str) else None


def read_types(text: str) -> list[dict[str, Any]]:
    """Each document's `type`, and why its attributes cannot be read, if they cannot; the
    attributes themselves are not turned into data."""
    return [
        {"type": _type_of(document), "error": _alias_error(document)}
        for document in _documents(_yaml(text), text)
    ]


def read_documents(text: str) -> list[dict[str, Any]]:
    """Each document's `type` and `attributes` as JSON data (`attributes` null when the
    document has none)."""
    out = []
    for index, document in enumerate(_documents(_yaml(text), text)):
        if not isinstance(document, dict):
            out.append({"type": None, "attributes": None})
            continue
        error = _alias_error(document)
        if error is not None:
            raise YamlEditError(error)
        attributes = document.get("attributes")
        if attributes is not None and not isinstance(attributes, dict):
            raise YamlEditError(
                f"`attributes` of document {index} is not a mapping of attribute values "
                f"(it is `{_plain(attributes)}`): edit it as YAML."
            )
        out.append({"type": _type_of(document), "attributes": _plain(attributes)})
    return out


def _plain(value: Any) -> Any:
    """A YAML value as JSON data: what the form shows, and what a save is compared against."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, AbstractSet)):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, ScalarBoolean)):
        return bool(value)
    if value is None or isinstance(value, str):
        return None if value is None else str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if value - value == 0 else str(value)  # JSON has no inf or nan
    if isinstance(value, date):
        return value.isoformat()
    return str(value)  # tagged scalars, binary


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same(old: Any, new: Any) -> bool:
    """Whether the YAML value `old` reads as the JSON value `new`. Numbers compare as JSON
    numbers (a browser sends `1` for `1.0`); booleans stay apart from numbers. Walks `new`, so
    shared YAML nodes are never expanded beyond what was sent."""
    if isinstance(new, dict):
        if not isinstance(old, dict) or len(old) != len(new):
            return False
        names = {str(k): k for k in old}
        return names.keys() == new.keys() and all(_same(old[names[k]], v) for k, v in new.items())
    if isinstance(new, list):
        if not isinstance(old, (list, AbstractSet)) or len(old) != len(new):
            return False
        return all(_same(o, n) for o, n in zip(old, new, strict=True))
    if isinstance(old, (dict, list)):
        return False
    plain = _plain(old)
    if _number(plain) and _number(new):
        return bool(plain == new)
    return type(plain) is type(new) and plain == new


def fresh(value: Any) -> Any:
    """A new value as ruamel should write it: block style, multi-line strings as `|` blocks."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for k, v in value.items():
            mapping[k] = fresh(v)
        return mapping
    if isinstance(value, list):
        return CommentedSeq(fresh(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def shared_nodes(document: Any) -> dict[int, tuple[int, Any]]:
    """The mappings and lists reached from more than one place (through an alias, or through a
    merge key `<<: *base` for the values it merges in), by id, each with its first place, the
    anchor: (id of the container, key or index)."""
    first: dict[int, tuple[int, Any]] = {}
    shared: dict[int, tuple[int, Any]] = {}
    stack: list[tuple[Any, int, Any]] = [(document, 0, None)]
    while stack:
        node, parent, key = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in first:
            shared[id(node)] = first[id(node)]
            continue
        first[id(node)] = (parent, key)
        items = list(node.items() if isinstance(node, dict) else enumerate(node))
        stack.extend((child, id(node), k) for k, child in reversed(items))
    return shared


def _comment_ids(node: Any) -> set[int]:
    tokens = node.ca.comment or []
    flat = [t for item in tokens for t in (item if isinstance(item, list) else [item])]
    return {id(t) for t in flat if t is not None}


def _put(parent: Any, key: Any, value: Any, shared: dict[int, tuple[int, Any]]) -> None:
    """`parent[key] = value`. ruamel hands every place of a shared node the comment written
    after its anchor: an alias place that stops sharing the node drops it."""
    node = parent[key]
    parent[key] = value
    if id(node) in shared and shared[id(node)] != (id(parent), key):
        slot = parent.ca.items.get(key)
        borrowed = _comment_ids(node)
        if slot and borrowed:
            parent.ca.items[key] = [None if id(t) in borrowed else t for t in slot]


def own_value(parent: Any, key: Any, shared: dict[int, tuple[int, Any]]) -> Any:
    """`parent[key]`, ready to be changed in place: a value shared with other places (see
    `shared_nodes`) is first replaced by a copy of its own, so they keep theirs."""
    if id(parent[key]) in shared:
        _put(parent, key, _own_copy(parent[key]), shared)
    return parent[key]


def _own_copy(node: Any) -> Any:
    """A copy of a shared node for one place of its own: the same values and flow style, without
    the anchors (they stay where they are) and the comments (they stay with the original)."""
    if isinstance(node, dict):
        mapping = CommentedMap((k, _own_copy(v)) for k, v in node.items())
        if isinstance(node, CommentedMap) and node.fa.flow_style():
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(node, list):
        sequence = CommentedSeq(_own_copy(v) for v in node)
        if isinstance(node, CommentedSeq) and node.fa.flow_style():
            sequence.fa.set_flow_style()
        return sequence
    anchor = getattr(node, Anchor.attrib, None)
    if anchor is not None and anchor.value is not None:
        node = copy.copy(node)
        setattr(node, Anchor.attrib, Anchor())
    return node


def merge(old: Any, new: Any, shared: dict[int, tuple[int, Any]]) -> Any:
    """`new`, reusing `old`'s nodes wherever the content is unchanged; a node in `shared` that
    changes is copied first, so the other places that share it keep their value."""
    if _same(old, new):
        return old
    if id(old) in shared and isinstance(old, (dict, list)):
        old = _own_copy(old)
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        was_empty = not old
        names = {str(k): k for k in old}
        own = {k for k, _ in old.non_merged_items()}
        for name, key in names.items():
            if name in new:
                continue
            if key not in own and _merged_value(old, key) is not _MISSING:
                raise YamlEditError(
                    f"`{name}` comes into this mapping from a merge key (`<<:`), so it cannot be "
                    "removed here alone: edit the file, where the merged mapping is defined."
                )
            _delete(old, key)
        for name, value in new.items():
            if name not in names:
                old[name] = fresh(value)
                continue
            _replace(old, names[name], value, shared)
        if (
            was_empty
            and old.fa.flow_style()
            and any(isinstance(v, (dict, list)) for v in new.values())
        ):
            old.fa.set_block_style()  # `{}` that now holds nested values reads better as a block
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        was_empty = not old
        for i in range(min(len(old), len(new))):
            _replace(old, i, new[i], shared)
        del old[len(new) :]
        old.extend(fresh(v) for v in new[len(old) :])
        if was_empty and old.fa.flow_style() and any(isinstance(v, (dict, list)) for v in new):
            old.fa.set_block_style()
        return old
    return fresh(new)


_MISSING = object()


def _merged_value(mapping: CommentedMap, key: Any) -> Any:
    """What the merge keys (`<<:`) of `mapping` give it for `key` as the file reads now."""
    for source in getattr(mapping, merge_attrib, []):
        if key in source:
            return source[key]
    return _MISSING


def _delete(mapping: CommentedMap, key: Any) -> None:
    # ruamel refreshes the mappings that merge this one on a delete, and fails doing it;
    # `_pin_merged_values` gives them what they had instead
    referers, mapping._ref = mapping._ref, []
    try:
        del mapping[key]
    finally:
        mapping._ref = referers


def _pin_merged_values(document: Any) -> None:
    """Every mapping keeps the values its merge keys gave it before an edit: where the merged
    mapping changed, the mapping now holds the old value as its own (in document order, so a
    merge of a merge sees the values already kept)."""
    seen: set[int] = set()
    stack = [document]
    while stack:
        node = stack.pop()
        if not isinstance(node, (dict, list)) or id(node) in seen:
            continue
        seen.add(id(node))
        children = list(node.values() if isinstance(node, dict) else node)
        stack.extend(reversed(children))
        if not isinstance(node, CommentedMap) or not getattr(node, merge_attrib, None):
            continue
        own = {k for k, _ in node.non_merged_items()}
        for key in [k for k in node if k not in own]:
            had, merged = node[key], _merged_value(node, key)
            if merged is had or (
                not isinstance(had, (dict, list))
                and merged is not _MISSING
                and _same(merged, _plain(had))
            ):
                continue
            node[key] = _own_copy(had)


def _replace(parent: Any, key: Any, new: Any, shared: dict[int, tuple[int, Any]]) -> None:
    """Merge `new` into `parent[key]`, assigning only what changed (an unchanged value under a
    merge key stays merged, not copied into the mapping)."""
    current = parent[key]
    merged = merge(current, new, shared)
    if merged is not current:
        _put(parent, key, merged, shared)


_DOCUMENT_MARKER = re.compile(r"(?m)^(---(?:[ \t][^\n]*)?\n?)")


def _has_content(segment: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in segment.splitlines())


def _splice(text: str, index: int, document_text: str, count: int) -> str | None:
    """The file with only document `index` replaced, others byte for byte; None if unsure."""
    parts = _DOCUMENT_MARKER.split(text)  # body, marker, body, marker, body...
    bodies = [i for i in range(0, len(parts), 2) if _has_content(parts[i])]
    if len(bodies) != count:
        return None
    parts[bodies[index]] = document_text
    return "".join(parts)


def _render(yaml: YAML, documents: list[Any]) -> str:
    out = io.StringIO()
    yaml.dump_all(documents, out)
    return out.getvalue()


def edit_document(text: str, index: int, change: Callable[[CommentedMap], None]) -> str:
    """The file text after `change` edited document `index` in place; every other document,
    and every line `change` did not touch, stays as it was. No change gives `text` itself."""
    yaml = _yaml(text)
    yaml.explicit_start = text.lstrip().startswith("---")
    documents = _documents(yaml, text)
    if index < 0 or index >= len(documents):
        raise YamlEditError(f"The file has no document {index}.")
    document = documents[index]
    if not isinstance(document, CommentedMap):
        raise YamlEditError("The component document is not a mapping.")
    error = _alias_error(document)
    if error is not None:
        raise YamlEditError(error)
    before = _render(yaml, documents)
    change(document)
    _pin_merged_values(document)
    after = _render(yaml, documents)
    if after == before:
        return text
    patched = carry_over(text, before, after)
    with contextlib.suppress(YamlEditError):
        # the patched file must read as ruamel's own text does (which ruamel does not always
        # render back to itself)
        again = _render(yaml, _documents(yaml, patched))
        if again == after or again == _render(yaml, _documents(yaml, after)):
            return patched
    # the file spells its lines too differently from ruamel for a line-exact edit
    out = io.StringIO()
    yaml.dump(document, out)
    if len(documents) == 1 and not yaml.explicit_start:
        return out.getvalue()
    return _splice(text, index, out.getvalue(), len(documents)) or after


def write_attributes(text: str, attributes: dict[str, Any] | None, index: int = 0) -> str:
    """The file text with document `index`'s attributes replaced by `attributes`. None and `{}`
    both mean "no attribute values": a document that holds none (no `attributes` key, a key
    without a value, or `{}`) stays as it is; one that holds some gets `attributes: {}`."""
    wanted = attributes or {}

    def change(document: CommentedMap) -> None:
        current = document.get("attributes")
        if isinstance(current, CommentedMap):
            was_empty = not current
            merged = merge(current, wanted, shared_nodes(document))
            if merged is not current:
                document["attributes"] = merged
            if was_empty and wanted:
                merged.fa.set_block_style()
            elif not wanted and not was_empty:
                merged.fa.set_flow_style()  # `attributes: {}`, as dg writes it
        elif current is None and not wanted:
            return
        elif "attributes" in document:
            document["attributes"] = fresh(wanted)
        else:
            position = list(document).index("type") + 1 if "type" in document else len(document)
            document.insert(position, "attributes", fresh(wanted))

    return edit_document(text, index, change)
