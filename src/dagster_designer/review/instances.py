"""The assets of a YAML component instance (a defs.yaml document), as the review fixes them: all
together where all lack an attribute, by key where only some do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..edits.yaml_post_processing import target_of
from .finding import place
from .kinds import component_kind

YAML = (".yaml", ".yml")
# What an asset lacks, by the rule that finds it lacking.
LACKS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "kinds": lambda asset: not asset.get("kinds"),
    "owners": lambda asset: not asset.get("owners"),
    "group": lambda asset: asset.get("group") in (None, "", "default"),
}


def of_yaml(asset: dict[str, Any]) -> bool:
    """Whether a YAML component instance produces the asset and its place is that instance's
    file (Dagster's code reference to the defs.yaml document)."""
    file, _ = place(asset)
    return bool(file and file.endswith(YAML) and not str(asset.get("defs_path")).endswith(".py"))


def members(assets: list[dict[str, Any]], file: str, line: int) -> list[dict[str, Any]]:
    """The materializable assets of the instance whose document is written at `file:line`."""
    return [
        a
        for a in assets
        if a.get("is_executable", True) and of_yaml(a) and place(a) == (file, line)
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
