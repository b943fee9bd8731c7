"""Lossless renames of a key where it is referenced: a dependency or an asset check's target.

- Python: the string literal on a given line (`deps=["raw_order"]`, `@asset_check(asset=
  "orders_cleen")`, `AssetKey("raw_order")`), or a list of parts (`AssetKey(["raw", "order"])`)
  for a key with several parts. libcst replaces only those literals, in their own quote style.
- YAML: the scalar at an attribute path (`assets.0.deps.1`) of one document, replaced in the
  text where the round-trip parser found it, so the rest of the file stays byte for byte.
"""

from __future__ import annotations

import ast
from typing import Any

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap


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
    """The file with the scalar `old` at `attributes.<field>` of document `index` set to `new`.

    The round-trip parser finds where the scalar starts; only its characters are replaced, in its
    own quoting, so every other byte of the file stays as it was (a dump would respace comments
    that follow a flow sequence)."""
    documents = _documents(text)
    if not 0 <= index < len(documents) or not isinstance(documents[index], CommentedMap):
        raise ReferenceEditError(f"The file has no component document {index}.")
    node: Any = documents[index].get("attributes")
    steps = field.split(".")
    for step in steps[:-1]:
        node = _child(node, step)
    last: Any = int(steps[-1]) if isinstance(node, list) and steps[-1].isdigit() else steps[-1]
    try:
        current = node[last]
        line, column = node.lc.item(last) if isinstance(node, list) else node.lc.value(last)
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ReferenceEditError(f"`{field}` is not in the component any more.") from exc
    if str(current) != old:
        raise ReferenceEditError(f"`{field}` holds `{current}`, not `{old}`.")
    lines = text.splitlines(keepends=True)
    source = lines[line]
    quote = source[column] if source[column] in "'\"" else ""
    written = source[column + len(quote) : column + len(quote) + len(old)]
    if written != old or (quote and not source.startswith(quote, column + len(quote) + len(old))):
        raise ReferenceEditError(f"`{field}` is not written as `{old}`: change it by hand.")
    if quote == "'":
        replacement = new.replace("'", "''")
    elif quote == '"':
        replacement = new.replace("\\", "\\\\").replace('"', '\\"')
    else:
        replacement = new
    start = column + len(quote)
    lines[line] = source[:start] + replacement + source[start + len(old) :]
    return "".join(lines)


def _documents(text: str) -> list[Any]:
    try:
        return list(YAML(typ="rt").load_all(text))
    except Exception as exc:
        raise ReferenceEditError(f"The file is not valid YAML: {exc}") from exc


def _child(node: Any, step: str) -> Any:
    try:
        return node[int(step)] if isinstance(node, list) else node[step]
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ReferenceEditError(f"`{step}` is not in the component any more.") from exc
