"""Every asset says what it is made with (kinds), who owns it, which group it belongs to (not
`default`) and what it holds (a description)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import instances
from .finding import Finding, Severity, place
from .kinds import inferred_kind, lacks

GROUP_NAME = re.compile(r"[A-Za-z0-9_]+")  # what Dagster accepts


def folder_group(defs_path: str | None) -> str | None:
    """The group named after the first folder below the defs folder an asset is written in;
    None for a file directly in the defs folder or a folder name no group can have."""
    folder, slash, _ = (defs_path or "").partition("/")
    return folder if slash and GROUP_NAME.fullmatch(folder) else None


def owner_text(owner: dict[str, str]) -> str:
    """An owner as Dagster takes it: `team:<name>` or an email address."""
    return f"team:{owner['team']}" if "team" in owner else owner.get("email", "")


def conventional_owner(assets: list[dict[str, Any]]) -> str | None:
    """The owner most of the project's assets name, when at least two do (ties: by name)."""
    counts = Counter(owner_text(o) for a in assets for o in a.get("owners") or [])
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked and ranked[0][1] >= 2 else None


def _python_fixes(
    asset: dict[str, Any], texts: dict[str, str], owner: str | None
) -> dict[str, str]:
    """The fixes of an asset written in Python: a keyword its `@asset` decorator lacks."""
    file, line = place(asset)
    if file not in texts or not line:
        return {}
    fixes = {}
    kind = inferred_kind(texts[file], line)
    if kind:
        fixes["kinds"] = f'Add kinds={{"{kind}"}} to its decorator'
    if owner and lacks(texts[file], line, "owners"):
        fixes["owners"] = f'Add owners=["{owner}"] (the project\'s usual) to its decorator'
    group = folder_group(asset.get("defs_path"))
    if group and lacks(texts[file], line, "group_name"):
        fixes["group"] = f'Add group_name="{group}" (its folder) to its decorator'
    return fixes


def _yaml_fixes(
    definitions: dict[str, Any], asset: dict[str, Any], file: str, owner: str | None
) -> dict[str, str]:
    """The fixes of an asset a YAML component instance produces, written in `file`: a
    `post_processing` rule there giving the attribute to the instance's assets that lack it."""
    name = file.rsplit("/", 1)[-1]
    where = f"in post_processing of {name}"
    assets = definitions.get("assets", [])
    found = instances.members(assets, asset["defs_path"], asset.get("defs_index") or 0)
    whom = {r: instances.target(found, r) for r in instances.LACKS}
    scope = {r: "its component's assets" if t == "*" else "these assets" for r, t in whom.items()}
    fixes = {}
    kind = instances.kind(definitions, asset)
    if kind and whom["kinds"]:
        fixes["kinds"] = f"Give {scope['kinds']} kinds: [{kind}] {where}"
    if owner and whom["owners"]:
        fixes["owners"] = f"Give {scope['owners']} owners: [{owner}] (the project's usual) {where}"
    group = folder_group(f"{asset['defs_path']}/{name}")
    if group and whom["group"]:
        fixes["group"] = f"Give {scope['group']} group_name: {group} (its folder) {where}"
    return fixes


def review(
    definitions: dict[str, Any], texts: dict[str, str], defs_folder: str | None = None
) -> list[Finding]:
    """`defs_folder`: the project-relative defs folder, where the defs.yaml of an instance
    whose assets Dagster places elsewhere (dbt's, at their SQL) is found."""
    found = []
    owner = conventional_owner(definitions.get("assets", []))
    for asset in definitions.get("assets", []):
        if not asset.get("is_executable", True):
            continue  # an external asset is described where it is produced
        key = asset["key"]
        own = place(asset)
        # what an instance gives its assets is written in its document: found there
        at = instances.instance_place(asset, texts, defs_folder)
        if at is not None and at[0] in texts:
            fixes = _yaml_fixes(definitions, asset, at[0], owner)
        else:
            at, fixes = None, _python_fixes(asset, texts, owner)
        missing: list[tuple[str, Severity, str]] = []
        if not asset.get("kinds"):
            missing.append(("kinds", "warning", "has no kinds: say what it is made with"))
        if not asset.get("owners"):
            copy = "" if owner else " (no owner is common to the project's assets to copy)"
            missing.append(("owners", "warning", f"has no owners: name the team or person{copy}"))
        if asset.get("group") in (None, "", "default"):
            missing.append(("group", "warning", "is in the default group: give it a group"))
        if not (asset.get("description") or "").strip():
            missing.append(("description", "info", "has no description"))
        for rule, severity, message in missing:
            file, line = at if at is not None and rule in instances.LACKS else own
            found.append(
                Finding(rule, severity, f"Asset {key} {message}.", file, line, key, fixes.get(rule))
            )
    return found
