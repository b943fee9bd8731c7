"""The quick reload: an edit described before Dagster builds the repository.

However small the edit, a load builds the whole repository: every asset's dependencies
resolved and the asset graph built twice, once by the repository and once when it is asked
for. At 5,000 assets that is two thirds of a reload, at 20,000 over a second. Most edits change
the definitions of one module or one component, and the assets they define depend on keys that
exist. For those, the definitions answered first are the previous ones with the definitions
that are new objects described from their specs, as Dagster's asset graph node reads them; the
repository is built, described and checked whole when the edits pause (the server asks for
`confirm`), and any difference is pushed then.

The quick path is taken only where its answer equals the full one apart from what needs the
whole repository (a job's resolved selection, the warnings): the previous load was whole and
had no stub assets, the checks, jobs, schedules, sensors and resources are the same objects as
then, the new definitions are plain assets without checks, no key is defined twice and every
dependency is a key that is defined (no stub, no key resolved relative to a prefix).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import loader
from .metadata import Renderer
from .project import ProjectInfo


@dataclass(frozen=True)
class Index:
    """What the last load described, by the identity of the objects it came from."""

    # id(asset definition) -> (the definition, kept alive so its id stays its own; its entries)
    assets: dict[int, tuple[Any, list[dict[str, Any]]]]
    # the identities of everything else the definitions hold
    others: frozenset[int]
    keys: frozenset[str]  # the asset keys described


def _other_identities(target: Any) -> frozenset[int]:
    groups: Iterable[Iterable[Any]] = (
        target.asset_checks or (),
        target.jobs or (),
        target.schedules or (),
        target.sensors or (),
        (target.resources or {}).values(),
    )
    return frozenset(id(item) for group in groups for item in group)


def _asset_keys(item: Any) -> list[Any] | None:
    """The keys an entry of `Definitions.assets` defines, None when it holds checks too or is
    not a kind the quick path knows."""
    from dagster import AssetsDefinition

    if not isinstance(item, AssetsDefinition) or item.check_keys:
        return None
    return list(item.keys)


def index(target: Any, result: Mapping[str, Any]) -> Index | None:
    """The index of a whole load's answer; None when the answer has assets that no definition
    of the target defines (stubs) or an entry the quick path does not know."""
    entries = {entry["key"]: entry for entry in result["assets"]}
    assets: dict[int, tuple[Any, list[dict[str, Any]]]] = {}
    covered = 0
    for item in target.assets or ():
        keys = _asset_keys(item)
        if keys is None:
            return None
        found = [entries.get(key.to_user_string()) for key in keys]
        if any(entry is None for entry in found):
            return None
        assets[id(item)] = (item, found)  # type: ignore[assignment]
        covered += len(found)
    if covered != len(entries):
        return None
    return Index(assets, _other_identities(target), frozenset(entries))


class _SpecNode:
    """The attributes `loader.asset_entry` reads, from a definition's spec, as Dagster's asset
    graph node takes them."""

    def __init__(self, assets_def: Any, key: Any) -> None:
        from dagster._core.definitions.utils import DEFAULT_GROUP_NAME

        spec = assets_def.specs_by_key[key]
        self.parent_keys = assets_def.asset_deps[key]
        self.group_name = spec.group_name or DEFAULT_GROUP_NAME
        self.kinds = spec.kinds or set()
        self.owners = spec.owners
        self.tags = spec.tags
        self.description = spec.description
        self.is_executable = assets_def.is_executable
        self.automation_condition = spec.automation_condition
        self.code_version = spec.code_version
        self.partitions_def = spec.partitions_def
        self.metadata = spec.metadata


def describe(
    project: ProjectInfo, target: Any, tree: Any, last: Index, previous: Mapping[str, Any]
) -> tuple[dict[str, Any], Index] | None:
    """The definitions of `target` from `previous` (the answer `last` indexes) and the new
    definitions' specs, with the new index; None where only a whole load gives the answer."""
    if _other_identities(target) != last.others:
        return None
    kept: dict[int, tuple[Any, list[dict[str, Any]]]] = {}
    new: list[tuple[Any, list[Any]]] = []
    for item in target.assets or ():
        known = last.assets.get(id(item))
        if known is not None:
            kept[id(item)] = known
            continue
        keys = _asset_keys(item)
        if keys is None:
            return None
        new.append((item, keys))
    if not new and len(kept) == len(last.assets):
        return None  # no definition changed: a whole load says what did
    replaced = {
        entry["key"]
        for ident in last.assets.keys() - kept.keys()
        for entry in last.assets[ident][1]
    }
    remaining = last.keys - replaced
    new_keys = [key.to_user_string() for _item, keys in new for key in keys]
    fresh = set(new_keys)
    if len(fresh) != len(new_keys) or not fresh.isdisjoint(remaining):
        return None  # a key defined twice: the repository's error, from a whole load
    defined = remaining | fresh
    if any(dep.to_user_string() not in defined for item, _keys in new for dep in _deps(item)):
        return None  # a stub, or a key Dagster would resolve against a prefix
    gone = replaced - fresh
    kept_deps = (
        dep for _item, entries in kept.values() for entry in entries for dep in entry["deps"]
    )
    if gone and not gone.isdisjoint(kept_deps):
        return None  # a kept asset depends on a key that is gone: a stub now
    origins = loader.origins_by_key(project, tree, only=[item for item, _keys in new])
    renderer = Renderer()
    assets = dict(kept)
    described: dict[str, dict[str, Any]] = {}
    for item, keys in new:
        entries = [
            loader.asset_entry(project, key, _SpecNode(item, key), origins.get(key), renderer)
            for key in keys
        ]
        assets[id(item)] = (item, entries)
        described.update((entry["key"], entry) for entry in entries)
    result = dict(previous)
    if not gone and fresh == replaced:  # the same keys: the same order
        result["assets"] = [described.get(e["key"], e) for e in previous["assets"]]
    else:
        result["assets"] = sorted(
            (entry for _item, entries in assets.values() for entry in entries),
            key=lambda entry: entry["key"],
        )
    result["components"] = loader.components(project, tree)
    # a replaced definition's warnings come back with the whole load if they still hold
    result["warnings"] = [w for w in previous["warnings"] if w.get("key") not in replaced]
    return result, Index(assets, last.others, frozenset(defined))


def _deps(item: Any) -> Iterable[Any]:
    return {dep for keys in item.asset_deps.values() for dep in keys}
