"""Lineage editing: an edge drawn from asset A to asset B makes B depend on A in the files.

The edit goes into the file that defines B, in the form Dagster supports there (see
`edits.python_deps` and `edits.yaml_lineage`). Each edge is checked against what Dagster loads
before and after: the asset must exist, an edge must not close a cycle, and an edit after which
the project no longer loads, or the edge is not there, is undone and reported.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..edits import key_references, python_deps, yaml_lineage
from ..project_files import defs_tree
from ..project_files.paths import confine
from ..project_files.source_files import SourceFile, read_source, restore
from ..worker import near_miss
from .session import ProjectSession


class LineageError(ValueError):
    """An edge that cannot be drawn or removed; the message says why."""


@dataclass(frozen=True)
class Edge:
    upstream: str
    downstream: str


def _assets(definitions: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {asset["key"]: asset for asset in definitions["assets"]}


def _reaches(assets: dict[str, dict[str, Any]], start: str, goal: str) -> bool:
    """Whether `goal` is upstream of (or is) `start`, following deps."""
    seen, queue = {start}, deque([start])
    while queue:
        key = queue.popleft()
        if key == goal:
            return True
        for dep in assets.get(key, {}).get("deps", []):
            if dep not in seen:
                seen.add(dep)
                queue.append(dep)
    return False


def _edit_text(
    session: ProjectSession, asset: dict[str, Any], edge: Edge, add: bool
) -> tuple[SourceFile, str, str]:
    """(file as read, new text, how) for one edge, without writing anything."""
    defs_path = asset.get("defs_path")
    if defs_path is None:
        raise LineageError(
            f"`{edge.downstream}` is not defined in the defs folder (it may be external, or come "
            "from the project's definitions module): edit its dependencies by hand."
        )
    target = session.instance_dir(defs_path)
    if target.is_file() and target.suffix == ".py":
        source = read_source(target, session.config.root)
        edit = python_deps.add_dep if add else python_deps.remove_dep
        try:
            return source, edit(source.text, edge.downstream, edge.upstream), "python deps"
        except python_deps.DepsEditError as exc:
            raise LineageError(str(exc)) from exc
    yaml_file = defs_tree.component_file(target)
    if yaml_file is None:
        raise LineageError(f"`{defs_path}` has no component file to edit.")
    source = read_source(yaml_file, session.config.root)
    text = source.text
    index = asset.get("defs_index") or 0
    try:
        if yaml_lineage.lists_spec(text, index, edge.downstream):
            new = yaml_lineage.edit_spec_deps(text, index, edge.downstream, edge.upstream, add)
            return source, new, "asset spec deps"
        new = yaml_lineage.edit_post_processing_deps(
            text, index, edge.downstream, edge.upstream, add
        )
        return source, new, "post_processing deps"
    except yaml_lineage.LineageEditError as exc:
        raise LineageError(str(exc)) from exc


async def change_edges(session: ProjectSession, edges: list[Edge], add: bool) -> dict[str, Any]:
    """Draw (add) or remove edges; all or nothing."""
    before = await session.definitions()
    if before["errors"]:
        raise LineageError(
            "The project does not load now: fix its problems before editing lineage."
        )
    assets = _assets(before)
    for edge in edges:
        for key in (edge.upstream, edge.downstream):
            if key not in assets:
                raise LineageError(f"There is no asset `{key}`.")
        if edge.upstream == edge.downstream:
            raise LineageError("An asset cannot depend on itself.")
        depends = edge.upstream in assets[edge.downstream]["deps"]
        if add and not depends and _reaches(assets, edge.upstream, edge.downstream):
            raise LineageError(
                f"`{edge.downstream}` is upstream of `{edge.upstream}`: "
                "this edge would close a cycle."
            )
        if not add and not depends:
            raise LineageError(f"`{edge.downstream}` does not depend on `{edge.upstream}`.")
    writes = _Writes()
    applied: list[dict[str, str]] = []
    async with session.write_lock:
        try:
            for edge in edges:
                if add and edge.upstream in assets[edge.downstream]["deps"]:
                    continue
                source, text, how = _edit_text(session, assets[edge.downstream], edge, add)
                writes.write(source, text)
                applied.append(
                    {"file": source.path.relative_to(session.config.root).as_posix(), "how": how}
                )
        except Exception as exc:  # an edit that cannot be made undoes the ones made before it
            left = writes.undo(session)
            if left:
                raise LineageError(_undone(str(exc), left)) from exc
            raise
    after = await session.definitions()
    result = _assets(after)
    broken = [
        edge
        for edge in edges
        if edge.downstream not in result
        or (edge.upstream in result[edge.downstream]["deps"]) != add
    ]
    if after["errors"] or broken:
        async with session.write_lock:
            left = writes.undo(session)
        await session.definitions()
        problems = after["errors"] or [
            {"message": f"After the edit, `{e.downstream}` still does not have the dependency."}
            for e in broken
        ]
        reason = "Dagster did not accept the edit, so it was undone: " + problems[0]["message"]
        raise LineageError(_undone(reason, left))
    return {"ok": True, "edits": applied}


class _Writes:
    """The files an edit wrote, to undo it: each goes back to what it was before the edit, but
    only while it still holds what the edit wrote. A file changed since (by the user, in the
    editor or elsewhere) is left as it is now, and the undo says so."""

    def __init__(self) -> None:
        self.originals: dict[Path, bytes] = {}
        self.written: dict[Path, bytes] = {}

    def write(self, source: SourceFile, text: str) -> None:
        self.originals.setdefault(source.path, source.data)
        self.written[source.path] = source.write(text)

    def undo(self, session: ProjectSession) -> list[str]:
        """Undo what can be undone (under the project's write lock); the files left as they
        are, relative to the project."""
        return [
            path.relative_to(session.config.root).as_posix()
            for path, original in self.originals.items()
            if not restore(path, self.written[path], original)
        ]


def _undone(message: str, left: list[str]) -> str:
    """The error of an edit that was undone, naming the files the undo left as they are."""
    if not left:
        return message
    names = ", ".join(f"`{name}`" for name in left)
    end = "" if message.rstrip().endswith((".", "!", "?")) else "."
    return (
        f"{message.rstrip()}{end} Not undone in {names}: it changed since the designer wrote it, "
        "so it was left as it is now, with the edit in it. Check it, and undo the edit there by "
        "hand if you need to."
    )


# --------------------------------------------------------------------------------------------
# Key alignment: a downstream component names an upstream key that nothing produces (a dbt
# source `raw/orders` while Sling produces `raw_orders`). Find the near miss, offer the fix.


def near_misses(definitions: dict[str, Any]) -> list[dict[str, Any]]:
    assets = _assets(definitions)
    consumers: dict[str, list[str]] = {}
    for asset in assets.values():
        for dep in asset["deps"]:
            consumers.setdefault(dep, []).append(asset["key"])
    look_alikes = near_miss.Index(k for k, a in assets.items() if a["is_executable"])
    found = []
    for key, asset in sorted(assets.items()):
        if asset["is_executable"] or key not in consumers:
            continue
        candidates = [
            {
                "key": other,
                "score": score,
                "defs_path": assets[other]["defs_path"],
                "consumers": sorted(consumers.get(other, [])),
            }
            for other, score in look_alikes.candidates(key)
        ]
        if candidates:
            found.append(
                {
                    "missing": key,
                    "used_by": sorted(consumers[key]),
                    "declared_in": asset["defs_path"],
                    "candidates": candidates,
                }
            )
    return found


def translation_paths(schema: dict[str, Any] | None) -> list[list[str]]:
    """Where a component's attributes hold a `translation` setting ("*" = each list item)."""
    if not schema:
        return []
    definitions = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            node = definitions.get(str(node["$ref"]).split("/")[-1], {})
        return node

    def branches(node: Any) -> list[Any]:
        node = resolve(node)
        options = node.get("anyOf") or node.get("oneOf") if isinstance(node, dict) else None
        return [resolve(o) for o in options] if options else [node]

    found: list[list[str]] = []

    def walk(node: Any, path: list[str], depth: int) -> None:
        if depth > 3:
            return
        for branch in branches(node):
            if not isinstance(branch, dict):
                continue
            properties = branch.get("properties", {})
            if "translation" in properties and path not in found:
                found.append(path)
            for name, child in properties.items():
                if name == "translation":
                    continue
                for option in branches(child):
                    if isinstance(option, dict) and option.get("type") == "array":
                        walk(option.get("items", {}), [*path, name, "*"], depth + 1)
                    elif isinstance(option, dict) and option.get("properties"):
                        walk(option, [*path, name], depth + 1)

    walk(schema, [], 0)
    return found


async def align_key(
    session: ProjectSession, missing: str, candidate: str, fix: str = "producer"
) -> dict[str, Any]:
    """Make the references to `missing` meet `candidate`: rename the producer of `candidate`
    to `missing` (`producer`), or change every reference to `missing` into `candidate`
    (`reference`). Undone if Dagster does not accept the result."""
    if fix == "reference":
        return await _align_references(session, missing, candidate)
    return await _align_producer(session, missing, candidate)


async def _align_producer(session: ProjectSession, missing: str, candidate: str) -> dict[str, Any]:
    """Rename `candidate` to `missing` where it is produced, so the edge appears."""
    before = await session.definitions()
    assets = _assets(before)
    produced = assets.get(candidate)
    if produced is None or not produced["is_executable"]:
        raise LineageError(f"There is no asset `{candidate}` produced in this project.")
    if assets.get(missing, {}).get("is_executable"):
        raise LineageError(f"`{missing}` is already produced by the project.")
    defs_path = produced["defs_path"]
    target = session.instance_dir(defs_path) if defs_path else None
    if target is None or (target.is_file() and target.suffix == ".py"):
        raise LineageError(
            f"`{candidate}` is a Python asset: give it `key={missing.split('/')!r}` in its "
            "decorator (or rename the key the downstream component expects)."
        )
    yaml_file = defs_tree.component_file(target)
    if yaml_file is None:
        raise LineageError(f"`{defs_path}` has no component file to edit.")
    index = produced.get("defs_index") or 0
    instance = next(
        (i for i in session.instances() if i["path"] == defs_path and (i["index"] or 0) == index),
        None,
    )
    types = {t["key"]: t for t in await session.component_types()}
    schema = types.get(instance["type"], {}).get("schema") if instance else None
    source = read_source(yaml_file, session.config.root)
    try:
        text = yaml_lineage.rename_key(
            source.text, index, candidate, missing, translation_paths(schema)
        )
    except yaml_lineage.LineageEditError as exc:
        raise LineageError(str(exc)) from exc
    writes = _Writes()
    async with session.write_lock:
        writes.write(source, text)
    after = await session.definitions()
    now = _assets(after)
    if after["errors"] or not now.get(missing, {}).get("is_executable"):
        async with session.write_lock:
            left = writes.undo(session)
        await session.definitions()
        reason = after["errors"][0]["message"] if after["errors"] else "the key did not change"
        message = f"Dagster did not accept the rename, so it was undone: {reason}"
        raise LineageError(_undone(message, left))
    return {"ok": True, "file": yaml_file.relative_to(session.config.root).as_posix()}


def _dangling(definitions: dict[str, Any], missing: str) -> list[dict[str, Any]]:
    return [
        w
        for w in definitions.get("warnings", [])
        if w.get("kind") == "dangling_key" and w.get("missing") == missing
    ]


def _reference_edit(session: ProjectSession, text: str, warning: dict[str, Any], new: str) -> str:
    """`text` (of the warning's file) with the reference the warning points at renamed."""
    file, line, field = warning["file"], warning["line"], warning.get("field")
    try:
        if file.endswith(".py"):
            return key_references.rename_in_python(text, line, warning["missing"], new)
        if field is None:
            raise key_references.ReferenceEditError(
                f"`{warning['missing']}` is not written in `{file}`: change the reference by hand."
            )
        index = warning.get("defs_index") or 0
        return key_references.rename_in_yaml(text, index, field, warning["missing"], new)
    except (key_references.ReferenceEditError, yaml_lineage.LineageEditError) as exc:
        raise LineageError(str(exc)) from exc


async def _align_references(
    session: ProjectSession, missing: str, candidate: str
) -> dict[str, Any]:
    before = await session.definitions()
    if before["errors"]:
        raise LineageError(
            "The project does not load now: fix its problems before changing references."
        )
    references = _dangling(before, missing)
    if not references:
        raise LineageError(f"Nothing in the project refers to a missing `{missing}`.")
    if candidate not in _assets(before) or _dangling(before, candidate):
        raise LineageError(f"There is no asset `{candidate}` produced in this project.")
    editable = [w for w in references if any(f["fix"] == "reference" for f in w.get("fixes", []))]
    if len(editable) < len(references):
        raise LineageError(
            f"A reference to `{missing}` is not written where the designer can change it "
            "(computed in code, or in another tool's files): change it by hand."
        )
    sources: dict[Path, SourceFile] = {}
    edited: dict[Path, str] = {}
    writes = _Writes()
    async with session.write_lock:
        # lines and fields come from one load: edit each file from bottom to top
        for warning in sorted(editable, key=lambda w: -(w.get("line") or 0)):
            path = confine(session.config.root, warning["file"])
            if path not in sources:
                sources[path] = read_source(path, session.config.root)
            text = edited.get(path, sources[path].text)
            edited[path] = _reference_edit(session, text, warning, candidate)
        try:
            for path, text in edited.items():
                writes.write(sources[path], text)
        except Exception as exc:  # a write that fails undoes the ones made before it
            left = writes.undo(session)
            if left:
                raise LineageError(_undone(str(exc), left)) from exc
            raise
    after = await session.definitions()
    if after["errors"] or _dangling(after, missing):
        async with session.write_lock:
            left = writes.undo(session)
        await session.definitions()
        reason = (
            after["errors"][0]["message"] if after["errors"] else f"`{missing}` is still referenced"
        )
        message = f"Dagster did not accept the change, so it was undone: {reason}"
        raise LineageError(_undone(message, left))
    files = sorted(p.relative_to(session.config.root).as_posix() for p in edited)
    return {"ok": True, "file": files[0], "files": files}
