"""Each asset has been materialized at least once in the project's Dagster instance."""

from __future__ import annotations

from typing import Any

from .finding import Finding, place


def review(definitions: dict[str, Any], materialized: set[str]) -> list[Finding]:
    found = []
    for asset in definitions.get("assets", []):
        if asset["key"] in materialized or not asset.get("is_executable", True):
            continue
        file, line = place(asset)
        found.append(
            Finding(
                "never-materialized",
                "info",
                f"Asset {asset['key']} has never been materialized in this project's instance.",
                file,
                line,
                asset["key"],
            )
        )
    return found
