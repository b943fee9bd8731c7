"""Where a definition is written: the file, line and form field of an asset, check, job or op.

Built from the component tree the worker keeps: each instance of the defs folder knows the
definitions it built, so a key or a name leads to the instance (its defs path and YAML document)
and, inside it, to the line: the decorated function of a Python definition, or the YAML node
that spells the key or name.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import loader, positions
from .project import ProjectInfo

_COMPONENT_FILES = ("defs.yaml", "defs.yml", "component.yaml", "component.py")


@dataclass(frozen=True)
class Site:
    defs_path: str
    defs_index: int | None
    file: str | None  # project relative
    line: int | None
    field: str | None = None

    def fields(self) -> dict[str, Any]:
        """The keys an error or warning entry carries for its place."""
        return {
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "defs_path": self.defs_path,
            "defs_index": self.defs_index,
        }

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else str(self.file)


def component_file(project: ProjectInfo, defs_path: str) -> Path | None:
    """The file that declares the instance at `defs_path` (its defs.yaml, or the module)."""
    candidate = project.defs_path / defs_path
    if candidate.is_dir():
        return next(
            (candidate / n for n in _COMPONENT_FILES if (candidate / n).exists()),
            None,
        )
    return candidate if candidate.exists() else None


def _function_of(obj: Any) -> Any | None:
    """The user function a definition was made from (@asset, @asset_check, @op, @job)."""
    node = getattr(obj, "node_def", None)
    if node is None:
        node = getattr(obj, "graph_def", None)
    compute = getattr(node, "compute_fn", None)
    return getattr(compute, "decorated_fn", None) or (compute if callable(compute) else None)


def _asset_keys(obj: Any) -> set[Any]:
    keys = getattr(obj, "keys", None)
    if keys is not None and not callable(keys):
        return set(keys)
    key = getattr(obj, "key", None)
    return {key} if key is not None else set()


def _check_keys(obj: Any) -> set[Any]:
    return set(getattr(obj, "check_keys", ()) or ())


class Sites:
    def __init__(self, project: ProjectInfo, tree: Any) -> None:
        self.project = project
        self.locations = loader.locations(project, tree)

    # ----------------------------------------------------------------------------------------
    # what to look for

    def of_asset(self, key: Any) -> list[Site]:
        """Where the asset `key` is defined; several sites for a key defined twice."""
        return self._find(
            lambda defs: [a for a in defs.assets or () if key in _asset_keys(a)],
            key.to_user_string(),
            "key",
        )

    def of_check(self, key: Any) -> list[Site]:
        return self._find(
            lambda defs: [
                c
                for c in [*(defs.asset_checks or ()), *(defs.assets or ())]
                if key in _check_keys(c)
            ],
            key.name,
            "name",
        )

    def taking_input(self, key: Any) -> list[Site]:
        """Where assets are defined that take `key` as an input."""

        def matching(defs: Any) -> list[Any]:
            return [
                a
                for a in defs.assets or ()
                if key in (getattr(a, "keys_by_input_name", None) or {}).values()
            ]

        return self._find(matching, key.to_user_string(), None)

    def of_job(self, name: str) -> list[Site]:
        return self._find(
            lambda defs: [j for j in defs.jobs or () if getattr(j, "name", None) == name],
            name,
            None,
        )

    def of_op(self, name: str) -> list[Site]:
        """Where the definitions are whose op is called `name`."""

        def matching(defs: Any) -> list[Any]:
            return [
                a
                for a in [*(defs.assets or ()), *(defs.asset_checks or ())]
                if getattr(getattr(a, "node_def", None), "name", None) == name
            ]

        return self._find(matching, name, "name", under=("attributes", "execution"))

    def instance(self, defs_path: str, index: int | None) -> Site:
        """The instance itself: its component file, at the start of its document."""
        file = component_file(self.project, defs_path)
        line = None
        if file is not None and file.suffix in (".yaml", ".yml"):
            doc = positions.document(file, index)
            line = positions.line_at(doc, []) if doc is not None else None
        return Site(defs_path, index, self.project.relative(file) if file else None, line)

    # ----------------------------------------------------------------------------------------
    # how

    def _find(
        self,
        select: Callable[[Any], list[Any]],
        spelled: str,
        last_segment: str | None,
        under: tuple[str, ...] = ("attributes",),
    ) -> list[Site]:
        found: list[tuple[str, int | None, int, list[Any]]] = []
        for rel, index, depth, defs, _component in self.locations:
            try:
                objects = select(defs)
            except Exception:  # a definition of a shape we do not know: not this one
                objects = []
            if objects:
                found.append((rel, index, depth, objects))
        leaves = [f for f in found if not any(_contains(f, other) for other in found)]
        return [
            self._site(rel, index, objects, spelled, last_segment, under)
            for rel, index, _depth, objects in leaves
        ]

    def _site(
        self,
        rel: str,
        index: int | None,
        objects: Iterable[Any],
        spelled: str,
        last_segment: str | None,
        under: tuple[str, ...],
    ) -> Site:
        for obj in objects:
            function = _function_of(obj)
            code = getattr(function, "__code__", None)
            file = self.project.relative(code.co_filename) if code is not None else None
            if file is not None:
                return Site(rel, index, file, code.co_firstlineno)
        file_path = component_file(self.project, rel)
        if file_path is None:
            return Site(rel, index, None, None)
        file = self.project.relative(file_path)
        if file_path.suffix == ".py":
            tree = positions.python_tree(file_path)
            lines = positions.string_lines(tree, spelled) if tree is not None else []
            return Site(rel, index, file, lines[0] if lines else None)
        doc = positions.document(file_path, index)
        if doc is None:
            return Site(rel, index, file, None)
        node = yaml_node(doc, spelled, last_segment)
        if node is not None:
            return Site(rel, index, file, node.line, positions.field_of(node.path))
        if last_segment is not None and len(under) > 1:
            path = (*under, last_segment)
            present = positions.deepest_present(doc, path)
            if len(present) > 1:
                return Site(rel, index, file, positions.line_at(doc, path), ".".join(path[1:]))
        return Site(rel, index, file, positions.line_at(doc, []))


def yaml_node(doc: Any, spelled: str, last_segment: str | None) -> positions.Node | None:
    """The node under `attributes` whose value is `spelled`, preferring one at `last_segment`."""
    matches = [
        n for n in positions.nodes(doc, ["attributes"]) if not n.is_key and str(n.value) == spelled
    ]
    preferred = [n for n in matches if last_segment is not None and n.path[-1] == last_segment]
    return (preferred or matches or [None])[0]


def _contains(outer: tuple[str, int | None, int, Any], inner: tuple[str, int | None, int, Any]):
    """Whether the instance `outer` encloses the instance `inner` (a folder and its files)."""
    if outer is inner:
        return False
    rel, index, depth = outer[0], outer[1], outer[2]
    other_rel, other_index, other_depth = inner[0], inner[1], inner[2]
    if other_depth <= depth:
        return False
    return other_rel.startswith(rel.rstrip("/") + "/") or (
        other_rel == rel and index is None and other_index is not None
    )


def python_function(file: Path, function: Any) -> ast.AST | None:
    """The syntax tree of a user function, decorators included, to find what is written in it."""
    code = getattr(function, "__code__", None)
    tree = positions.python_tree(file)
    if code is None or tree is None:
        return None
    return positions.function_at(tree, function.__name__, code.co_firstlineno)
