"""Every component type and scaffold target of the project's environment, from Dagster."""

from __future__ import annotations

import importlib.metadata
import time
from typing import Any

from .project import ProjectInfo


def _registry_modules(project: ProjectInfo) -> list[str]:
    from dagster_shared.seven import resolve_module_pattern

    return sorted(
        {m for pattern in project.registry_modules for m in resolve_module_pattern(pattern)}
    )


def _distribution_of(namespace: str, mapping: dict[str, list[str]]) -> str | None:
    dists = mapping.get(namespace.split(".")[0])
    return dists[0] if dists else None


def _provides(namespace: str, name: str) -> list[str]:
    """The interfaces a component type implements (what attributes of other types can take)."""
    from dagster_shared.seven import load_module_object

    from .fills import provides

    try:  # the registry imported it already
        return provides(load_module_object(namespace, name))
    except Exception:
        return []


def list_types(project: ProjectInfo) -> dict[str, Any]:
    from dagster.components.list import list_plugins
    from dagster_shared.serdes.objects.package_entry import (
        ComponentFeatureData,
        ScaffoldTargetTypeData,
    )

    started = time.perf_counter()
    manifest = list_plugins(entry_points=True, extra_modules=_registry_modules(project))
    if not hasattr(manifest, "objects"):  # SerializableErrorInfo: an entry point failed to load
        raise RuntimeError(manifest.to_string())
    distributions = importlib.metadata.packages_distributions()
    types = []
    for snap in sorted(manifest.objects, key=lambda o: o.key.to_typename()):
        schema = None
        scaffold_schema = None
        is_component = False
        for feature in snap.feature_data:
            if isinstance(feature, ComponentFeatureData):
                is_component = True
                schema = feature.schema
            elif isinstance(feature, ScaffoldTargetTypeData):
                scaffold_schema = feature.schema
        namespace = snap.key.namespace
        types.append(
            {
                "key": snap.key.to_typename(),
                "name": snap.key.name,
                "namespace": namespace,
                "package": _distribution_of(namespace, distributions) or namespace,
                "kind": "component" if is_component else "scaffold_target",
                "summary": snap.summary,
                "description": snap.description,
                "schema": schema,
                "scaffold_params_schema": scaffold_schema,
                "aliases": [alias.to_typename() for alias in snap.aliases],
                "provides": _provides(snap.key.namespace, snap.key.name) if is_component else [],
                "tags": list(snap.tags),
                "owners": list(snap.owners),
            }
        )
    return {
        "types": types,
        "modules": list(manifest.modules),
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
    }
