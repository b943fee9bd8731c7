"""Load the project's definitions the way `dg list defs` does, and describe them as JSON.

Loading goes through the project's code location target module (``<root>.definitions`` unless the
project configures another one) and Dagster's own target discovery, so what the designer shows is
what Dagster loads. Fields are written as ``dg list defs --json`` writes them, plus what the CLI
leaves out and the designer needs (defs path per asset, code version, partitions, metadata:
small values whole, heavy ones summarised, see `metadata`).
"""

from __future__ import annotations

import importlib
import linecache
import sys
from collections.abc import Iterable, Iterator, Mapping
from types import ModuleType
from typing import Any

from . import protocol
from .metadata import Renderer, describe_metadata
from .project import ProjectInfo
from .statement_lines import statement_line


def project_modules(project: ProjectInfo) -> Iterator[tuple[str, ModuleType]]:
    for name, module in list(sys.modules.items()):
        if module is not None and project.owns_module(name, getattr(module, "__file__", None)):
            yield name, module


def purge_project_modules(project: ProjectInfo) -> None:
    """Forget every imported module of the project so the next import reads the files again."""
    for name, _module in project_modules(project):
        sys.modules.pop(name, None)
    forget_file_caches()


def forget_file_caches() -> None:
    importlib.invalidate_caches()
    linecache.clearcache()


def load_target(project: ProjectInfo) -> tuple[Any, Any]:
    """Import the code location target. Returns (target, component tree or None)."""
    from dagster._core.definitions.definitions_class import Definitions
    from dagster._core.definitions.definitions_load_context import (
        DefinitionsLoadContext,
        DefinitionsLoadType,
    )
    from dagster._core.workspace.autodiscovery import loadable_targets_from_loaded_module
    from dagster._utils.test.definitions import LazyDefinitions

    DefinitionsLoadContext.set(DefinitionsLoadContext(load_type=DefinitionsLoadType.INITIALIZATION))
    module = importlib.import_module(project.target_module)
    targets = loadable_targets_from_loaded_module(module)
    target = targets[0].target_definition
    if isinstance(target, LazyDefinitions):
        target = target()
    tree = target.component_tree if isinstance(target, Definitions) else None
    return target, tree


def build_repository(target: Any) -> Any:
    """The repository of a loaded target; raises what building it raises (duplicate keys...)."""
    from dagster._core.definitions.reconstruct import repository_def_from_target_def

    return repository_def_from_target_def(target)


def describe(project: ProjectInfo, repo: Any, tree: Any) -> dict[str, Any]:
    result = dict(protocol.EMPTY_DEFINITIONS)
    result.update(describe_repository(project, repo, origins_by_key(project, tree)))
    result["components"] = components(project, tree)
    return result


# --------------------------------------------------------------------------------------------
# Where each asset comes from: the component instances of Dagster's component tree.


def _asset_keys_of(items: Iterable[Any]) -> set[Any]:
    """Asset and check keys of entries of `Definitions.assets`."""
    keys: set[Any] = set()
    for item in items:
        asset_keys = getattr(item, "keys", None)
        if asset_keys is not None and not callable(asset_keys):
            keys.update(asset_keys)
        elif getattr(item, "key", None) is not None:
            keys.add(item.key)
        keys.update(getattr(item, "check_keys", ()) or ())
    return keys


def _keys_of(defs: Any) -> set[Any]:
    """Asset keys, check keys and ("job" | "schedule" | "sensor", name) of one location."""
    keys = _asset_keys_of(defs.assets or ())
    for item in defs.asset_checks or ():
        keys.update(getattr(item, "check_keys", ()) or ())
    for kind, items in (("job", defs.jobs), ("schedule", defs.schedules), ("sensor", defs.sensors)):
        keys.update((kind, item.name) for item in items or () if getattr(item, "name", None))
    return keys


def _loc_position(project: ProjectInfo, loc: Any) -> tuple[str, int | None, int] | None:
    """(defs path, YAML document index, depth) of a component location, None outside the folder."""
    file_path = getattr(loc, "file_path_posix", None)
    prefix = project.defs_prefix
    if not file_path or not file_path.startswith(prefix):
        return None
    rel = file_path[len(prefix) :]
    index = getattr(loc, "instance_key", None)
    depth = rel.count("/") * 2 + (1 if isinstance(index, int) else 0)
    return rel, index if isinstance(index, int) else None, depth


def _tree_entries(tree: Any) -> Iterable[tuple[Any, Any]]:
    return tree.find_root_decl().iterate_loc_component_decl_pairs()


def locations(project: ProjectInfo, tree: Any) -> list[tuple[str, int | None, int, Any, Any]]:
    """(defs path, document index, depth, Definitions, component) of every instance inside the
    defs folder that the tree has built; [] for internals of a Dagster version we do not know."""
    if tree is None:
        return []
    out = []
    try:
        for loc, _decl in _tree_entries(tree):
            position = _loc_position(project, loc)
            data = tree.state_tracker.get_cache_data(loc)
            if position is not None and data.defs is not None:
                out.append((*position, data.defs, data.component))
    except Exception:
        return []
    return out


def origins_by_key(
    project: ProjectInfo, tree: Any, only: Iterable[Any] | None = None
) -> dict[Any, tuple[str, int | None]]:
    """Map each asset and check key to the innermost instance whose definitions contain it.
    With `only` (entries of `Definitions.assets`), at least their keys, from the instances
    under the innermost ones holding those very objects (a component's document holds a copy
    its folder post-processed), without listing the keys of every other instance."""
    best: dict[Any, tuple[int, str, int | None]] = {}
    try:
        found = locations(project, tree)
        if only is not None:
            found = _under_holders(found, {id(item) for item in only})
        for rel, index, depth, defs, _component in found:
            for key in _keys_of(defs):
                if key not in best or best[key][0] < depth:
                    best[key] = (depth, rel, index)
    except Exception:  # internals of a Dagster version we do not know: no origins, still correct
        return {}
    return {key: (rel, index) for key, (_depth, rel, index) in best.items()}


def _under_holders(
    found: list[tuple[str, int | None, int, Any, Any]], wanted: set[int]
) -> list[tuple[str, int | None, int, Any, Any]]:
    """The locations at or under the innermost ones whose definitions hold a wanted object."""
    holders = {
        entry[0] for entry in found if any(id(item) in wanted for item in entry[3].assets or ())
    }
    innermost = {rel for rel in holders if not any(o.startswith(rel + "/") for o in holders)}
    return [
        entry
        for entry in found
        if entry[0] in innermost or any(entry[0].startswith(rel + "/") for rel in innermost)
    ]


def components(project: ProjectInfo, tree: Any) -> list[dict[str, Any]]:
    """The instances Dagster found in the defs folder, with the class it resolved for each."""
    if tree is None:
        return []
    out = []
    try:
        for loc, decl in _tree_entries(tree):
            position = _loc_position(project, loc)
            component_type = getattr(decl, "component_type", None)
            if position is None or component_type is None:
                continue
            rel, index, _depth = position
            out.append(
                {
                    "defs_path": rel,
                    "defs_index": index,
                    "class": f"{component_type.__module__}.{component_type.__qualname__}",
                    "decl": type(decl).__name__,
                }
            )
    except Exception:
        return []
    return out


# --------------------------------------------------------------------------------------------
# The repository as JSON, in the shape of `dg list defs --json`.


def _source(project: ProjectInfo, metadata: Mapping[str, Any]) -> str | None:
    from dagster._core.definitions.metadata import CodeReferencesMetadataValue
    from dagster._core.definitions.metadata.source_code import LocalFileCodeReference

    refs = metadata.get("dagster/code_references")
    if not isinstance(refs, CodeReferencesMetadataValue):
        return None
    for ref in refs.code_references:
        if isinstance(ref, LocalFileCodeReference):
            rel = project.relative(ref.file_path)
            if rel is not None:
                return f"{rel}:{ref.line_number}" if ref.line_number else rel
    return None


def _statement_line(project: ProjectInfo, defs_path: str | None, name: str) -> str | None:
    """`file:line` of the top-level statement of a module of the defs folder that defines
    `name`: where a definition is written when Dagster recorded no code reference for it (it
    never does for jobs, schedules and sensors; for assets only where code references are
    turned on)."""
    if not defs_path or not defs_path.endswith(".py"):
        return None
    return statement_line(project, project.defs_root / defs_path, name)


def _owners(owners: Iterable[str]) -> list[dict[str, str]]:
    return [
        {"team": owner[len("team:") :]} if owner.startswith("team:") else {"email": owner}
        for owner in owners
    ]


def _automation(condition: Any) -> dict[str, Any] | None:
    if condition is None:
        return None
    from dagster._core.definitions.declarative_automation.serialized_objects import (
        get_expanded_label,
    )

    snapshot = condition.get_snapshot()
    return {
        "label": snapshot.node_snapshot.label,
        "expanded_label": list(get_expanded_label(snapshot)),
    }


def asset_entry(
    project: ProjectInfo,
    key: Any,
    node: Any,
    origin: tuple[str, int | None] | None,
    renderer: Renderer,
) -> dict[str, Any]:
    """One asset as `dg list defs --json` shows it. `node` is Dagster's asset graph node, or
    anything with the same attributes (the quick reload describes specs that way)."""
    partitions = node.partitions_def
    return {
        "key": key.to_user_string(),
        "key_parts": list(key.path),
        "deps": sorted(k.to_user_string() for k in node.parent_keys),
        "group": node.group_name,
        "kinds": sorted(node.kinds),
        "owners": _owners(node.owners),
        "tags": sorted(
            (
                {"key": k, "value": v}
                for k, v in node.tags.items()
                if not k.startswith("dagster/kind")
            ),
            key=lambda t: t["key"],
        ),
        "description": node.description,
        "is_executable": node.is_executable,
        "automation_condition": _automation(node.automation_condition),
        "code_version": node.code_version,
        "partitions": str(partitions) if partitions is not None else None,
        "metadata": describe_metadata(node.metadata, renderer),
        "source": _source(project, node.metadata)
        or _statement_line(project, origin[0] if origin else None, key.path[-1]),
        "defs_path": origin[0] if origin else None,
        "defs_index": origin[1] if origin else None,
    }


def describe_repository(
    project: ProjectInfo, repo: Any, origins: Mapping[Any, tuple[str, int | None]]
) -> dict[str, Any]:
    from dagster._config.pythonic_config.resource import get_resource_type_name
    from dagster._core.definitions.assets.job.asset_job import is_reserved_asset_job_name

    graph = repo.asset_graph
    renderer = Renderer()
    assets = []
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        assets.append(asset_entry(project, key, graph.get(key), origins.get(key), renderer))
    checks = []
    for key in sorted(graph.asset_check_keys, key=lambda k: k.to_user_string()):
        node = graph.get(key)
        origin = origins.get(key)
        checks.append(
            {
                "key": key.to_user_string(),
                "asset_key": key.asset_key.to_user_string(),
                "name": key.name,
                "additional_deps": sorted(k.to_user_string() for k in node.parent_entity_keys),
                "description": node.description,
                "source": _source(project, node.metadata)
                or _statement_line(project, origin[0] if origin else None, key.name),
                "defs_path": origin[0] if origin else None,
                "defs_index": origin[1] if origin else None,
            }
        )

    def origin_of(kind: str, name: str, metadata: Mapping[str, Any]) -> dict[str, Any]:
        """Where a job, schedule or sensor is written."""
        origin = origins.get((kind, name))
        defs_path = origin[0] if origin else None
        return {
            "source": _source(project, metadata) or _statement_line(project, defs_path, name),
            "defs_path": defs_path,
            "defs_index": origin[1] if origin else None,
        }

    jobs = []
    for name in sorted(repo.job_names):
        if is_reserved_asset_job_name(name):
            continue
        job = repo.get_job(name)
        jobs.append(
            {
                "name": name,
                "description": job.description,
                "asset_keys": job_asset_keys(job),
                **origin_of("job", name, job.metadata),
            }
        )
    schedules = []
    for schedule in sorted(repo.schedule_defs, key=lambda s: s.name):
        cron = schedule.cron_schedule
        schedules.append(
            {
                "name": schedule.name,
                "cron_schedule": cron if isinstance(cron, str) else ", ".join(cron),
                "job_name": _target_job_name(schedule),
                **origin_of("schedule", schedule.name, schedule.metadata),
            }
        )
    sensors = [
        {
            "name": sensor.name,
            "job_names": sorted(_sensor_job_names(sensor)),
            **origin_of("sensor", sensor.name, sensor.metadata),
        }
        for sensor in sorted(repo.sensor_defs, key=lambda s: s.name)
    ]
    resources = [
        {"name": name, "type": get_resource_type_name(resource)}
        for name, resource in sorted(repo.get_top_level_resources().items())
    ]
    return {
        "assets": assets,
        "asset_checks": checks,
        "jobs": jobs,
        "schedules": schedules,
        "sensors": sensors,
        "resources": resources,
    }


def job_asset_keys(job: Any) -> list[str]:
    """The assets a job materializes (for an asset job, its resolved selection)."""
    try:
        return sorted(key.to_user_string() for key in job.asset_layer.selected_asset_keys)
    except Exception:  # an op job without assets
        return []


def _target_job_name(schedule: Any) -> str | None:
    try:
        return schedule.job_name
    except Exception:  # a schedule without a target
        return None


def _sensor_job_names(sensor: Any) -> list[str]:
    try:
        return [target.job_name for target in sensor.targets]
    except Exception:
        return []
