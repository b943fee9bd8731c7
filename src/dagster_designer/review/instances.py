"""The assets of a YAML component instance (one document of a defs.yaml), as the review fixes
them: all together where all lack an attribute, by key where only some do. An instance is named
by its folder below the defs folder (`defs_path`) and its document's index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..edits.yaml_post_processing import target_of
from .finding import place
from .kinds import component_kind

DEFS_FILE = "defs.yaml"
YAML = (".yaml", ".yml")
# What an asset lacks, by the rule that finds it lacking.
LACKS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "kinds": lambda asset: not asset.get("kinds"),
    "owners": lambda asset: not asset.get("owners"),
    "group": lambda asset: asset.get("group") in (None, "", "default"),
}


def document_lines(text: str) -> list[int]:
    """The line each document of a YAML text starts on: its first line of content, where
    Dagster places the instance (comments and blank lines before it left out)."""
    starts, fresh = [], True
    for number, row in enumerate(text.splitlines(), start=1):
        stripped = row.strip()
        if row.startswith("---"):
            fresh = True
        elif fresh and stripped and not stripped.startswith(("#", "%")):
            starts.append(number)
            fresh = False
    return starts


def of_yaml(asset: dict[str, Any]) -> bool:
    """Whether a YAML component instance (not a Python module) produces the asset."""
    defs_path = asset.get("defs_path")
    return bool(defs_path) and not str(defs_path).endswith(".py")


def instance_place(
    asset: dict[str, Any], texts: dict[str, str], defs_folder: str | None
) -> tuple[str, int] | None:
    """The defs.yaml and line of the document that produces `asset`: where its own place is,
    when Dagster places it there, else found from its `defs_path` below `defs_folder` (dbt places
    its models at their SQL files)."""
    if not of_yaml(asset):
        return None
    file, line = place(asset)
    if file and line and file.endswith(YAML):
        return file, line
    if defs_folder is None:
        return None
    file = f"{defs_folder}/{asset['defs_path']}/{DEFS_FILE}"
    starts = document_lines(texts[file]) if file in texts else []
    index = asset.get("defs_index") or 0
    return (file, starts[index]) if index < len(starts) else None


def members(assets: list[dict[str, Any]], defs_path: str, index: int) -> list[dict[str, Any]]:
    """The materializable assets of the instance of document `index` at `defs_path`."""
    return [
        a
        for a in assets
        if a.get("is_executable", True)
        and a.get("defs_path") == defs_path
        and (a.get("defs_index") or 0) == index
    ]


def target(assets: list[dict[str, Any]], rule: str) -> str | None:
    """The post-processing target of the assets of one instance that lack what `rule` wants:
    every asset (`*`) when all do, else their keys; None when none does."""
    lacking = [a["key"] for a in assets if LACKS[rule](a)]
    if not lacking:
        return None
    return target_of(None if len(lacking) == len(assets) else lacking)


def kind(definitions: dict[str, Any], asset: dict[str, Any]) -> str | None:
    """The kind of the component type that produces `asset` (None if it is not known)."""
    origin = (asset.get("defs_path"), asset.get("defs_index"))
    for component in definitions.get("components", []):
        if (component.get("defs_path"), component.get("defs_index")) == origin:
            return component_kind(str(component.get("class") or ""))
    return None
