"""Dagster's asset selection syntax, evaluated by Dagster against the loaded asset graph.

`AssetSelection.from_string` silently falls back to an older parser when the new grammar does
not parse the text, and reads e.g. `tag:daily kind:dbt` as one tag, selecting nothing. The
designer keeps the fallback only for the older `*key`, `key+` clauses it was made for, and
reports the grammar's error otherwise.
"""

from __future__ import annotations

from typing import Any

MISSING_OPERATOR_HINT = "Combine filters with `and` / `or`, e.g. `tag:daily and kind:dbt`."


class SelectionError(ValueError):
    pass


def parse(text: str) -> Any:
    from dagster._core.definitions.antlr_asset_selection.antlr_asset_selection import (
        AntlrAssetSelectionParser,
    )
    from dagster._core.definitions.asset_selection import AssetSelection
    from dagster._core.selector.subset_selector import parse_clause

    try:
        return AntlrAssetSelectionParser(text, include_sources=True).asset_selection
    except Exception as exc:
        if text.strip() == "*":
            return AssetSelection.all(include_sources=True)
        if parse_clause(text.strip()) is not None:
            return AssetSelection.from_string(text.strip(), include_sources=True)
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        hint = f" {MISSING_OPERATOR_HINT}" if " " in text.strip() else ""
        raise SelectionError(f"Not a valid selection: {message}.{hint}") from exc


def resolve(repo: Any, text: str) -> tuple[set[Any], set[Any]]:
    """The asset keys and check keys `text` selects in the loaded definitions; `SelectionError`
    with Dagster's reason when it cannot be read or resolved."""
    try:
        selection = parse(text)
        graph = repo.asset_graph
        return (
            selection.resolve(graph, allow_missing=True),
            selection.resolve_checks(graph, allow_missing=True),
        )
    except SelectionError:
        raise
    except Exception as exc:  # Dagster rejects it while resolving (e.g. an unknown function)
        raise SelectionError(f"Not a valid selection: {type(exc).__name__}: {exc}") from exc


def select(repo: Any, text: str) -> dict[str, Any]:
    if repo is None:
        return {"keys": [], "checks": [], "error": "The project does not load: fix its problems."}
    try:
        keys, checks = resolve(repo, text)
    except SelectionError as exc:
        return {"keys": [], "checks": [], "error": str(exc)}
    return {
        "keys": sorted(key.to_user_string() for key in keys),
        "checks": sorted(key.to_user_string() for key in checks),
        "error": None,
    }
