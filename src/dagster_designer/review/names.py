"""Asset names are nouns for data, not the verbs of the step that makes them."""

from __future__ import annotations

from typing import Any

from .finding import Finding, place

VERB_PREFIXES = (
    "load_",
    "fetch_",
    "process_",
    "get_",
    "run_",
    "compute_",
    "calculate_",
    "make_",
    "create_",
    "build_",
    "extract_",
    "transform_",
    "download_",
    "upload_",
    "update_",
    "generate_",
)


def verb_of(name: str) -> str | None:
    lowered = name.lower()
    return next((p[:-1] for p in VERB_PREFIXES if lowered.startswith(p)), None)


def review(definitions: dict[str, Any]) -> list[Finding]:
    found = []
    for asset in definitions.get("assets", []):
        name = asset["key"].rsplit("/", 1)[-1]
        verb = verb_of(name)
        if verb is None:
            continue
        file, line = place(asset)
        found.append(
            Finding(
                "asset-name",
                "info",
                f"Asset {asset['key']} is named for a step ('{verb}'): name it for the data it "
                f"holds, e.g. '{name[len(verb) + 1 :]}'.",
                file,
                line,
                asset["key"],
            )
        )
    return found
