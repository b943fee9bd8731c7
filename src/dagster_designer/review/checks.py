"""Important assets have checks: those other assets depend on, and those whose owners or tags
mark them important."""

from __future__ import annotations

from typing import Any

from .finding import Finding, place

IMPORTANT_TAGS = ("tier", "critical", "important", "priority", "sla")


def important(asset: dict[str, Any], consumed: set[str]) -> str | None:
    """Why the asset is important, or None."""
    if asset["key"] in consumed:
        return "other assets depend on it"
    for tag in asset.get("tags", []):
        if any(word in str(tag.get("key", "")).lower() for word in IMPORTANT_TAGS):
            return f"its tag {tag['key']} marks it important"
    return None


def review(definitions: dict[str, Any]) -> list[Finding]:
    assets = definitions.get("assets", [])
    checked = {c["asset_key"] for c in definitions.get("asset_checks", [])}
    consumed = {dep for a in assets for dep in a.get("deps", [])}
    found = []
    for asset in assets:
        if asset["key"] in checked or not asset.get("is_executable", True):
            continue
        why = important(asset, consumed)
        if why is None:
            continue
        file, line = place(asset)
        found.append(
            Finding(
                "check-missing",
                "info",
                f"Asset {asset['key']} has no checks though {why}.",
                file,
                line,
                asset["key"],
            )
        )
    return found
