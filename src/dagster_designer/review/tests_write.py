"""A first pytest module for a chain of assets, in the style of Dagster's testing docs: each asset
materialized with `dg.materialize` together with what it needs upstream within the chain, the
project's own resources, and stand-ins for the resources that reach outside systems; it asserts
the run succeeded and that an asset that returns a value returned one."""

from __future__ import annotations

import json
import keyword
import re
from graphlib import TopologicalSorter
from typing import Any

TESTS_FOLDER = "tests"
# Resources kept as the project defines them: local storage a test run can use as it is.
LOCAL_RESOURCES = re.compile(r"duckdb|io_?manager|filesystem|file_?system|local|fs_|_fs\b", re.I)
_NOT_NAME = re.compile(r"\W+")
MAX_NAME = 80


class ChainError(ValueError):
    """The assets asked for cannot make a chain to test (unknown, or not materializable)."""


def _slug(key: str) -> str:
    slug = _NOT_NAME.sub("_", key).strip("_").lower() or "asset"
    return f"_{slug}" if slug[0].isdigit() or keyword.iskeyword(slug) else slug


def chain(assets: list[dict[str, Any]], keys: list[str]) -> list[tuple[str, list[str]]]:
    """The selected assets, upstream first, each with the selected assets it needs upstream
    (directly or through other selected assets), in that order."""
    by_key = {asset["key"]: asset for asset in assets}
    wanted = list(dict.fromkeys(keys))
    unknown = [key for key in wanted if key not in by_key]
    if unknown:
        raise ChainError(f"No asset with the key {', '.join(unknown)} in the project.")
    external = [key for key in wanted if not by_key[key].get("is_executable", True)]
    if external:
        raise ChainError(
            f"{', '.join(external)}: an external asset, which Dagster does not materialize."
        )
    selected = set(wanted)
    parents = {key: [d for d in by_key[key].get("deps", []) if d in selected] for key in wanted}
    order = list(
        TopologicalSorter({k: sorted(v) for k, v in sorted(parents.items())}).static_order()
    )
    position = {key: index for index, key in enumerate(order)}
    result = []
    for key in order:
        needed: set[str] = set()
        stack = list(parents[key])
        while stack:
            parent = stack.pop()
            if parent not in needed:
                needed.add(parent)
                stack.extend(parents[parent])
        result.append((key, sorted(needed, key=position.__getitem__)))
    return result


def stand_ins(resources: list[dict[str, Any]]) -> list[str]:
    """The resources a test replaces: all but local storage (DuckDB, files, IO managers)."""
    return [
        r["name"]
        for r in resources
        if not LOCAL_RESOURCES.search(f"{r['name']} {r.get('type') or ''}")
    ]


def file_name(ordered: list[tuple[str, list[str]]]) -> str:
    """`tests/test_<first>.py`, or `tests/test_<first>_to_<last>.py` for a chain."""
    first, last = _slug(ordered[0][0]), _slug(ordered[-1][0])
    stem = first if first == last else f"{first}_to_{last}"
    return f"{TESTS_FOLDER}/test_{stem[:MAX_NAME]}.py"


def _constant(key: str, taken: set[str]) -> str:
    name = _slug(key).upper().lstrip("_") or "ASSET"
    name = f"KEY_{name}" if name[0].isdigit() else name
    while name in taken:
        name += "_"
    taken.add(name)
    return name


_HELPERS = '''

@pytest.fixture(scope="module")
def defs() -> dg.Definitions:
    """The project's definitions, loaded from its defs folder as `dg` loads them."""
    return dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)


def written(defs: dg.Definitions, key: dg.AssetKey) -> dg.AssetsDefinition:
    """The project's definition of `key` as written, before its resources are bound."""
    return next(
        a for a in defs.assets or [] if isinstance(a, dg.AssetsDefinition) and key in a.keys
    )


def materialize(defs: dg.Definitions, *keys: dg.AssetKey) -> dg.ExecuteInProcessResult:
    """Materialize `keys` (upstream first) in a throwaway instance."""
    assets = {id(d): d for d in (written(defs, key) for key in keys)}
    resources = {**(defs.resources or {}), **STAND_INS}
    return dg.materialize(list(assets.values()), selection=list(keys), resources=resources)


def assert_value(
    defs: dg.Definitions, result: dg.ExecuteInProcessResult, key: dg.AssetKey
) -> None:
    """An asset that returns a value (one typed `-> None` returns none) returned one."""
    assets_def = written(defs, key)
    output = assets_def.op.output_def_named(assets_def.get_output_name_for_asset_key(key))
    if not output.dagster_type.is_nothing:
        assert result.asset_value(key) is not None, f"{key.to_user_string()} returned None"
'''


def module_text(
    ordered: list[tuple[str, list[str]]],
    key_parts: dict[str, list[str]],
    replaced: list[str],
) -> str:
    """The test module: one test per asset of `ordered` (from `chain`); `key_parts` gives each
    key's parts, `replaced` the resources that get stand-ins."""
    keys = " → ".join(key for key, _ in ordered)
    taken: set[str] = set()
    constants = {key: _constant(key, taken) for key, _ in ordered}
    lines = [
        f'"""Tests of the assets {keys}.',
        "",
        "Each is materialized with what it needs upstream among them, the project's own resources",
        "and stand-ins for the resources that reach outside systems.",
        '"""',
        "",
        "from pathlib import Path",
        "",
        "import dagster as dg",
        "import pytest",
        "",
    ]
    lines += [f"{constants[key]} = dg.AssetKey({json.dumps(key_parts[key])})" for key, _ in ordered]
    lines += ["", "# Resources that reach outside systems answer every call with a mock here."]
    if replaced:
        lines.append("STAND_INS: dict[str, dg.ResourceDefinition] = {")
        lines += [
            f"    {json.dumps(name)}: dg.ResourceDefinition.mock_resource()," for name in replaced
        ]
        lines.append("}")
    else:
        lines.append("STAND_INS: dict[str, dg.ResourceDefinition] = {}")
    text = "\n".join(lines) + "\n" + _HELPERS
    tests, names = [], set()
    for key, upstream in ordered:
        name = f"test_{_slug(key)}"
        while name in names:
            name += "_"
        names.add(name)
        materialized = ", ".join(constants[k] for k in [*upstream, key])
        needs = f" after {', '.join(upstream)}" if upstream else ""
        tests.append(
            f"\n\ndef {name}(defs: dg.Definitions) -> None:\n"
            f'    """{key} materializes{needs}."""\n'
            f"    result = materialize(defs, {materialized})\n"
            "    assert result.success\n"
            f"    assert_value(defs, result, {constants[key]})\n"
        )
    return text + "".join(tests)
