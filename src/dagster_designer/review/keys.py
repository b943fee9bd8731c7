"""Asset keys line up: no dependency on a key nothing produces, one key depth across a
component, two-level keys where dbt sources consume them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .finding import Finding, place


def review(definitions: dict[str, Any]) -> list[Finding]:
    assets = definitions.get("assets", [])
    # Dagster stands in an external asset for a dep nothing defines: it is not produced
    produced = {a["key"] for a in assets if a.get("is_executable", True) or a.get("defs_path")}
    found = []
    for asset in assets:
        file, line = place(asset)
        for dep in asset.get("deps", []):
            if dep not in produced:
                found.append(
                    Finding(
                        "dangling-dep",
                        "warning",
                        f"Asset {asset['key']} depends on {dep}, which no asset produces.",
                        file,
                        line,
                        asset["key"],
                    )
                )
    by_component: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for asset in assets:
        if asset.get("defs_path") and asset.get("is_executable", True):
            by_component[f"{asset['defs_path']}#{asset.get('defs_index') or 0}"].append(asset)
    for members in by_component.values():
        depths = defaultdict(list)
        for asset in members:
            depths[len(asset["key"].split("/"))].append(asset)
        if len(depths) < 2:
            continue
        usual = max(depths, key=lambda d: len(depths[d]))
        for depth, odd in sorted(depths.items()):
            if depth == usual:
                continue
            for asset in odd:
                file, line = place(asset)
                found.append(
                    Finding(
                        "key-depth",
                        "warning",
                        f"Asset {asset['key']} has {depth} key level(s) where the other assets "
                        f"of its component have {usual}.",
                        file,
                        line,
                        asset["key"],
                    )
                )
    # dbt sources: an external asset a dbt model reads should be `source_name/table`
    for asset in assets:
        if "dbt" not in asset.get("kinds", []):
            continue
        for dep in asset.get("deps", []):
            if dep in produced and "/" not in dep and _is_source_of(dep, assets):
                file, line = place(asset)
                found.append(
                    Finding(
                        "key-depth",
                        "warning",
                        f"dbt model {asset['key']} reads {dep} as a source: dbt names sources "
                        "with two levels (source/table); give the producing asset that key.",
                        file,
                        line,
                        dep,
                    )
                )
    return found


def _is_source_of(key: str, assets: list[dict[str, Any]]) -> bool:
    producer = next((a for a in assets if a["key"] == key), None)
    return producer is not None and "dbt" not in producer.get("kinds", [])
