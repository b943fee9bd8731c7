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
    candidate = project.defs_root / defs_path
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
        self._documents: dict[tuple[Path, int | None], Any] = {}
        self._python: dict[Path, ast.Module | None] = {}
        self._functions: dict[Path, dict[int, ast.AST]] = {}
        self._relative: dict[str, str | None] = {}
        self._literals: dict[Path, dict[str, list[int]]] = {}
        self._by_asset: dict[Any, list[tuple[str, int | None, int, list[Any]]]] | None = None
        self._by_check: dict[Any, list[tuple[str, int | None, int, list[Any]]]] | None = None

    def document(self, file: Path, index: int | None) -> Any | None:
        """A YAML document with source positions, parsed once per load."""
        if (file, index) not in self._documents:
            self._documents[(file, index)] = positions.document(file, index)
        return self._documents[(file, index)]

    def python_tree(self, file: Path) -> ast.Module | None:
        if file not in self._python:
            self._python[file] = positions.python_tree(file)
        return self._python[file]

    def relative(self, filename: str) -> str | None:
        """The project-relative path of a source file (resolving it once per load)."""
        if filename not in self._relative:
            self._relative[filename] = self.project.relative(filename)
        return self._relative[filename]

    def literal_lines(self, file: Path, key: str) -> list[int]:
        """Lines where the asset key `key` is written as a literal in a Python module."""
        if file not in self._literals:
            tree = self.python_tree(file)
            self._literals[file] = positions.key_literal_lines(tree) if tree is not None else {}
        return self._literals[file].get(key, [])

    def functions_by_line(self, file: Path) -> dict[int, ast.AST]:
        """Functions of a module by the line of their first decorator and of their `def`."""
        if file not in self._functions:
            found: dict[int, ast.AST] = {}
            tree = self.python_tree(file)
            for node in ast.walk(tree) if tree is not None else ():
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    first, def_line = positions.decorator_lines(node)
                    found.setdefault(first, node)
                    found.setdefault(def_line, node)
            self._functions[file] = found
        return self._functions[file]

    def _indexed(self, keys_of: Callable[[Any], set[Any]], listed: Callable[[Any], list[Any]]):
        """Key -> (instance, the definitions there that hold it), in one pass over the tree."""
        index: dict[Any, dict[tuple[str, int | None, int], list[Any]]] = {}
        for rel, position, depth, defs, _component in self.locations:
            try:
                objects = listed(defs)
            except Exception:  # a definition of a shape we do not know: none here
                objects = []
            for obj in objects:
                for key in keys_of(obj):
                    index.setdefault(key, {}).setdefault((rel, position, depth), []).append(obj)
        return {
            key: [(*where, objs) for where, objs in places.items()] for key, places in index.items()
        }

    # ----------------------------------------------------------------------------------------
    # what to look for

    def of_asset(self, key: Any) -> list[Site]:
        """Where the asset `key` is defined; several sites for a key defined twice."""
        if self._by_asset is None:
            self._by_asset = self._indexed(_asset_keys, lambda defs: list(defs.assets or ()))
        return self._sites(self._by_asset.get(key, []), key.to_user_string(), "key")

    def of_check(self, key: Any) -> list[Site]:
        if self._by_check is None:
            self._by_check = self._indexed(
                _check_keys, lambda defs: [*(defs.asset_checks or ()), *(defs.assets or ())]
            )
        return self._sites(self._by_check.get(key, []), key.name, "name")

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
            doc = self.document(file, index)
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
        return self._sites(found, spelled, last_segment, under)

    def _sites(
        self,
        found: list[tuple[str, int | None, int, list[Any]]],
        spelled: str,
        last_segment: str | None,
        under: tuple[str, ...] = ("attributes",),
    ) -> list[Site]:
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
            file = self.relative(code.co_filename) if code is not None else None
            if file is not None:
                return Site(rel, index, file, code.co_firstlineno)
        file_path = component_file(self.project, rel)
        if file_path is None:
            return Site(rel, index, None, None)
        file = self.project.relative(file_path)
        if file_path.suffix == ".py":
            tree = self.python_tree(file_path)
            lines = positions.string_lines(tree, spelled) if tree is not None else []
            return Site(rel, index, file, lines[0] if lines else None)
        doc = self.document(file_path, index)
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
