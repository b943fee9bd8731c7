"""The whole review: every rule over the definitions and the project's texts, errors first."""

from __future__ import annotations

from typing import Any

from . import checks, keys, loading, materialized, metadata, names, secrets, selections, tests_exist
from .finding import SEVERITIES, Finding


def review(
    definitions: dict[str, Any],
    texts: dict[str, str],
    materialized_keys: set[str] | None = None,
    defs_folder: str | None = None,
) -> list[Finding]:
    """`texts`: the project's YAML and Python files by project-relative path;
    `materialized_keys`: the keys the instance has materialized (None: not known, not judged);
    `defs_folder`: the project-relative defs folder."""
    found = [
        *loading.review(definitions),
        *secrets.review(texts),
        *metadata.review(definitions, texts, defs_folder),
        *names.review(definitions),
        *selections.review(definitions, texts),
        *keys.review(definitions),
        *checks.review(definitions),
        *tests_exist.review(texts),
    ]
    if materialized_keys is not None:
        found += materialized.review(definitions, materialized_keys)
    return sorted(
        found,
        key=lambda f: (SEVERITIES.index(f.severity), f.file or "~", f.line or 0, f.rule),
    )
