"""Lossless renames of a key where it is referenced: a dependency or an asset check's target.

- Python: the string literal on a given line (`deps=["raw_order"]`, `@asset_check(asset=
  "orders_cleen")`, `AssetKey("raw_order")`), or a list of parts (`AssetKey(["raw", "order"])`)
  for a key with several parts. libcst replaces only those literals, in their own quote style.
- YAML: the scalar at an attribute path (`assets.0.deps.1`, `checks.0.asset`) of one document,
  through the round-trip editor, so the rest of the file stays as it was.
"""

from __future__ import annotations

import ast
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider
from ruamel.yaml.comments import CommentedMap

from .yaml_attributes import edit_document


class ReferenceEditError(ValueError):
    """The reference is not written where expected; the message says what to do instead."""


def _literal(value: str, like: cst.SimpleString) -> cst.SimpleString:
    quote = like.quote
    escaped = value.replace("\\", "\\\\").replace(quote, f"\\{quote}")
    return like.with_changes(value=f"{like.prefix}{quote}{escaped}{quote}")


def _string_value(node: cst.CSTNode) -> str | None:
    if isinstance(node, cst.SimpleString):
        try:
            value = ast.literal_eval(node.value)
        except (ValueError, SyntaxError):
            return None
        return value if isinstance(value, str) else None
    return None


class _Renamer(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, line: int, old: str, new: str) -> None:
        self.line, self.old, self.new = line, old, new
        self.changed = 0

    def _at_line(self, node: cst.CSTNode) -> bool:
        position = self.get_metadata(PositionProvider, node)
        return position.start.line <= self.line <= position.end.line

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.BaseExpression:
        position = self.get_metadata(PositionProvider, original)
        if position.start.line == self.line and _string_value(original) == self.old:
            self.changed += 1
            return _literal(self.new, updated)
        return updated

    def leave_List(self, original: cst.List, updated: cst.List) -> cst.BaseExpression:
        return self._parts(original, updated)

    def leave_Tuple(self, original: cst.Tuple, updated: cst.Tuple) -> cst.BaseExpression:
        return self._parts(original, updated)

    def _parts(self, original: Any, updated: Any) -> Any:
        old_parts, new_parts = self.old.split("/"), self.new.split("/")
        values = [_string_value(e.value) for e in original.elements]
        if len(old_parts) < 2 or values != old_parts or not self._at_line(original):
            return updated
        template = next(e.value for e in original.elements)
        self.changed += 1
        elements = [
            cst.Element(_literal(part, template), comma=cst.MaybeSentinel.DEFAULT)
            for part in new_parts
        ]
        for i, element in enumerate(updated.elements[: len(elements)]):
            elements[i] = elements[i].with_changes(comma=element.comma)
        return updated.with_changes(elements=elements)


def rename_in_python(source: str, line: int, old: str, new: str) -> str:
    """`source` with the key `old` written on `line` renamed to `new`."""
    wrapper = MetadataWrapper(cst.parse_module(source))
    renamer = _Renamer(line, old, new)
    edited = wrapper.visit(renamer)
    if not renamer.changed:
        raise ReferenceEditError(
            f"`{old}` is not written as a string on line {line}: change the reference by hand."
        )
    return edited.code


def rename_in_yaml(text: str, index: int, field: str, old: str, new: str) -> str:
    """The file with the scalar `old` at `attributes.<field>` of document `index` set to `new`."""

    def change(document: CommentedMap) -> None:
        node: Any = document.get("attributes")
        steps = field.split(".")
        for step in steps[:-1]:
            node = _child(node, step)
        last = steps[-1]
        container_key: Any = int(last) if isinstance(node, list) and last.isdigit() else last
        try:
            current = node[container_key]
        except (KeyError, IndexError, TypeError) as exc:
            raise ReferenceEditError(f"`{field}` is not in the component any more.") from exc
        if str(current) != old:
            raise ReferenceEditError(f"`{field}` holds `{current}`, not `{old}`.")
        node[container_key] = type(current)(new) if isinstance(current, str) else new

    return edit_document(text, index, change)


def _child(node: Any, step: str) -> Any:
    try:
        return node[int(step)] if isinstance(node, list) else node[step]
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ReferenceEditError(f"`{step}` is not in the component any more.") from exc
