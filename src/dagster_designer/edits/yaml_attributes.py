"""Lossless edits of a component's `attributes` in its defs.yaml.

The file is parsed with ruamel.yaml's round-trip loader and only what changed is replaced, in
place: comments, key order, quoting, indentation and the other documents of a multi-document file
stay as they were. Values that did not change keep their exact spelling.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString


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


def read_documents(text: str) -> list[dict[str, Any]]:
    """Each document's `type` and `attributes` as plain data."""
    out = []
    for document in _documents(_yaml(text), text):
        if not isinstance(document, dict):
            out.append({"type": None, "attributes": None})
            continue
        out.append({"type": document.get("type"), "attributes": _plain(document.get("attributes"))})
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def _same_scalar(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is bool and type(new) is bool and old == new
    if isinstance(new, str):
        return isinstance(old, str) and str(old) == new
    if isinstance(new, (int, float)) and isinstance(old, (int, float)):
        return type(_plain(old)) is type(new) and old == new
    return old is None and new is None


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


def merge(old: Any, new: Any) -> Any:
    """`new`, reusing `old`'s nodes wherever the content is unchanged."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        was_empty = not old
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = merge(old[key], value) if key in old else fresh(value)
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
            old[i] = merge(old[i], new[i])
        del old[len(new) :]
        old.extend(fresh(v) for v in new[len(old) :])
        if was_empty and old.fa.flow_style() and any(isinstance(v, (dict, list)) for v in new):
            old.fa.set_block_style()
        return old
    if not isinstance(new, (dict, list)) and _same_scalar(old, new):
        return old
    return fresh(new)


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


def edit_document(text: str, index: int, change: Callable[[CommentedMap], None]) -> str:
    """The file text after `change` edited document `index` in place; every other document,
    and everything `change` did not touch, stays as it was."""
    yaml = _yaml(text)
    documents = _documents(yaml, text)
    if index < 0 or index >= len(documents):
        raise YamlEditError(f"The file has no document {index}.")
    document = documents[index]
    if not isinstance(document, CommentedMap):
        raise YamlEditError("The component document is not a mapping.")
    change(document)
    out = io.StringIO()
    yaml.dump(document, out)
    if len(documents) == 1 and not text.lstrip().startswith("---"):
        return out.getvalue()
    spliced = _splice(text, index, out.getvalue(), len(documents))
    if spliced is not None:
        return spliced
    out = io.StringIO()
    yaml.explicit_start = text.lstrip().startswith("---")
    yaml.dump_all(documents, out)
    return out.getvalue()


def write_attributes(text: str, attributes: dict[str, Any], index: int = 0) -> str:
    """The file text with document `index`'s attributes replaced by `attributes`."""

    def change(document: CommentedMap) -> None:
        if "attributes" in document and isinstance(document["attributes"], CommentedMap):
            document["attributes"] = merge(document["attributes"], attributes)
        elif "attributes" in document:
            document["attributes"] = fresh(attributes)
        else:
            position = list(document).index("type") + 1 if "type" in document else len(document)
            document.insert(position, "attributes", fresh(attributes))
        if isinstance(document["attributes"], CommentedMap):
            if attributes:
                document["attributes"].fa.set_block_style()
            else:
                document["attributes"].fa.set_flow_style()  # `attributes: {}`, as dg writes it

    return edit_document(text, index, change)
