"""Where things are written: nodes of component YAML files and literals of Python modules.

YAML is parsed with Dagster's own loader that keeps source positions (what `dg check yaml` uses),
so lines are the ones Dagster reports. A path is a list of keys and list indexes under a
document (`["attributes", "assets", 0, "group_name"]`); the form names the same field
`assets.0.group_name`, relative to `attributes`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Segment = str | int


@dataclass(frozen=True)
class Node:
    """A scalar, or a mapping key, of a YAML document, with its path and line."""

    path: tuple[Segment, ...]
    value: Any
    line: int
    is_key: bool = False


def yaml_documents(file: Path) -> list[Any]:
    """The documents of a component file with their source position trees; [] if unreadable."""
    from dagster_shared.yaml_utils import parse_yamls_with_source_position

    try:
        return list(parse_yamls_with_source_position(file.read_text("utf-8"), filename=str(file)))
    except Exception:  # a file that does not parse has no positions to offer
        return []


def document(file: Path, index: int | None) -> Any | None:
    documents = yaml_documents(file)
    position = index or 0
    return documents[position] if 0 <= position < len(documents) else None


def line_at(doc: Any, path: Sequence[Segment]) -> int:
    """The line of the node at `path`, or of its closest ancestor present in the document."""
    position, _trace = doc.source_position_tree.lookup_closest_and_path(list(path), trace=None)
    return position.start.line


def deepest_present(doc: Any, path: Sequence[Segment]) -> tuple[Segment, ...]:
    """The longest prefix of `path` that exists in the document."""
    tree = doc.source_position_tree
    present: list[Segment] = []
    for segment in path:
        if segment not in tree.children:
            break
        tree = tree.children[segment]
        present.append(segment)
    return tuple(present)


def nodes(doc: Any, under: Sequence[Segment] = ()) -> Iterator[Node]:
    """Every scalar and mapping key below `under`, in document order."""
    value: Any = doc.value
    tree = doc.source_position_tree
    for segment in under:
        try:
            value = value[segment]
            tree = tree.children[segment]
        except (KeyError, IndexError, TypeError):
            return
    yield from _walk(value, tree, tuple(under))


def _walk(value: Any, tree: Any, path: tuple[Segment, ...]) -> Iterator[Node]:
    if isinstance(value, dict):
        for key, child in value.items():
            subtree = tree.children.get(key) if tree is not None else None
            line = subtree.position.start.line if subtree is not None else tree.position.start.line
            yield Node((*path, key), key, line, is_key=True)
            yield from _walk(child, subtree, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            subtree = tree.children.get(index) if tree is not None else None
            yield from _walk(child, subtree, (*path, index))
    elif tree is not None:
        yield Node(path, value, tree.position.start.line)


def field_of(path: Sequence[Segment]) -> str | None:
    """The form's name of a document path: dotted, relative to `attributes`."""
    if not path or path[0] != "attributes" or len(path) == 1:
        return None
    return ".".join(str(p) for p in path[1:])


# --------------------------------------------------------------------------------------------
# Python


def python_tree(file: Path) -> ast.Module | None:
    try:
        return ast.parse(file.read_text("utf-8"), filename=str(file))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None


def key_literal_lines(tree: ast.AST) -> dict[str, list[int]]:
    """Asset keys written as literals -> their lines: "a/b" or "a_b" as a string, ["a", "b"]
    as a list of parts."""
    found: dict[str, list[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.setdefault(node.value, []).append(node.lineno)
        elif (
            isinstance(node, ast.List | ast.Tuple)
            and len(node.elts) > 1
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
        ):
            key = "/".join(e.value for e in node.elts)  # type: ignore[attr-defined]
            found.setdefault(key, []).append(node.lineno)
    return found


def _first_line(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    return min([function.lineno, *(d.lineno for d in function.decorator_list)])


def decorator_lines(function: ast.AST) -> tuple[int, int]:
    """(first line of the decorators, line of `def`)."""
    assert isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
    return _first_line(function), function.lineno


def string_lines(tree: ast.AST, value: str) -> list[int]:
    """Lines where the string literal `value` is written."""
    return sorted(
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value == value
    )
