"""Lossless edits of @asset dependencies in Python source."""

from __future__ import annotations

import difflib

import pytest

from dagster_designer.edits.python_deps import (
    DepsEditError,
    add_dep,
    asset_keys_in,
    remove_dep,
)


def add(source: str, asset_key: str, dep_key: str) -> str:
    out = add_dep(source, asset_key, dep_key)
    compile(out, "<edited>", "exec")  # Dagster is not installed here: at least it must parse
    return out


def remove(source: str, asset_key: str, dep_key: str) -> str:
    out = remove_dep(source, asset_key, dep_key)
    compile(out, "<edited>", "exec")
    return out


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added); every other line is byte-identical, line endings included."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def module(*assets: str, imports: str = "import dagster as dg\n") -> str:
    return imports + "".join(f"\n\n{asset}" for asset in assets)


# --- recognizing assets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("imports", "decorator"),
    [
        ("import dagster as dg\n", "@dg.asset"),
        ("import dagster as dg\n", "@dg.asset()"),
        ("import dagster\n", "@dagster.asset"),
        ("from dagster import asset\n", "@asset"),
        ("from dagster import asset\n", "@asset()"),
        ("from dagster import asset as dagster_asset\n", "@dagster_asset"),
        ("from dagster import *\n", "@asset"),
    ],
)
def test_each_decorator_spelling_is_an_asset(imports: str, decorator: str) -> None:
    source = module(f"{decorator}\ndef orders() -> None: ...\n", imports=imports)
    assert asset_keys_in(source) == {"orders": 4}
    func = decorator.removesuffix("()")
    assert changed(source, add(source, "orders", "raw")) == (
        [f"{decorator}\n"],
        [f'{func}(deps=["raw"])\n'],
    )


@pytest.mark.parametrize(
    "source",
    [
        "from my_lib import asset\n\n\n@asset\ndef orders() -> None: ...\n",
        "import dagster as dg\n\n\n@dg.op\ndef orders() -> None: ...\n",
        "import dagster as dg\n\n\ndef orders() -> None: ...\n",
    ],
)
def test_other_functions_are_not_assets(source: str) -> None:
    assert asset_keys_in(source) == {}
    with pytest.raises(DepsEditError, match="No @asset in this file has the key 'orders'"):
        add_dep(source, "orders", "raw")


@pytest.mark.parametrize(
    ("arguments", "key"),
    [
        ('key=["raw", "orders"]', "raw/orders"),
        ('key=("raw", "orders")', "raw/orders"),
        ('key="orders"', "orders"),
        ('key=dg.AssetKey(["raw", "orders"])', "raw/orders"),
        ('key=dg.AssetKey.from_user_string("raw/orders")', "raw/orders"),
        ('name="x"', "x"),
        ('name="x", key_prefix=["a"]', "a/x"),
        ('key_prefix="a"', "a/fn"),
        ('key_prefix=["a", "b"], group_name="g"', "a/b/fn"),
    ],
)
def test_key_comes_from_key_name_and_key_prefix(arguments: str, key: str) -> None:
    source = module(f"@dg.asset({arguments})\ndef fn() -> None: ...\n")
    assert asset_keys_in(source) == {key: 4}
    assert 'deps=["up"]' in add(source, key, "up")


def test_keys_map_to_the_line_of_their_decorator() -> None:
    source = module(
        "@dg.asset\ndef a() -> None: ...\n",
        "# a comment\n@functools.cache\n@dg.asset(\n    key=['raw', 'b'],\n)\n"
        "def b() -> None: ...\n",
        "@dg.asset(key=KEY)\ndef computed() -> None: ...\n",
    )
    assert asset_keys_in(source) == {"a": 4, "raw/b": 10}
    with pytest.raises(DepsEditError, match="keys of computed are computed"):
        add_dep(source, "c", "a")


# --- adding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("@dg.asset\n", '@dg.asset(deps=["raw"])\n'),
        ("@dg.asset()\n", '@dg.asset(deps=["raw"])\n'),
        ('@dg.asset(group_name="g")\n', '@dg.asset(group_name="g", deps=["raw"])\n'),
        ('@dg.asset(group_name="g",)\n', '@dg.asset(group_name="g", deps=["raw"],)\n'),
        ("@dg.asset(deps=[])\n", '@dg.asset(deps=["raw"])\n'),
        ('@dg.asset(deps=["x"])\n', '@dg.asset(deps=["x", "raw"])\n'),
        (
            '@dg.asset(deps=["x", "y"], kinds={"s3"})\n',
            '@dg.asset(deps=["x", "y", "raw"], kinds={"s3"})\n',
        ),
        ("@dg.asset(deps=())\n", '@dg.asset(deps=("raw",))\n'),
        ('@dg.asset(deps=("x",))\n', '@dg.asset(deps=("x", "raw",))\n'),
    ],
)
def test_adding_to_a_one_line_decorator(before: str, after: str) -> None:
    source = module(f"{before}def orders() -> None: ...\n")
    assert changed(source, add(source, "orders", "raw")) == ([before], [after])


def test_adding_to_a_multi_line_call_puts_deps_on_its_own_line_last() -> None:
    source = module(
        "@dg.asset(\n"
        '    group_name="sales",  # the group\n'
        '    kinds={"duckdb"},\n'
        ")\n"
        "def orders() -> None: ...\n"
    )
    out = add(source, "orders", "raw")
    assert changed(source, out) == ([], ['    deps=["raw"],\n'])
    assert out.index('deps=["raw"]') > out.index("kinds=")


def test_adding_to_a_multi_line_list_keeps_one_per_line_and_every_comment() -> None:
    source = module(
        "@dg.asset(\n"
        "    deps=[\n"
        '        "x",  # first\n'
        "        # the next one matters\n"
        '        "y",  # second\n'
        "        # 'old',\n"
        "    ],\n"
        ")\n"
        "def orders() -> None: ...\n"
    )
    out = add(source, "orders", "raw")
    assert changed(source, out) == ([], ['        "raw",\n'])
    assert '"y",  # second\n        "raw",\n        # \'old\',\n' in out


def test_adding_to_a_multi_line_list_without_trailing_comma() -> None:
    source = module('@dg.asset(deps=[\n    "x",\n    "y"\n])\ndef orders() -> None: ...\n')
    out = add(source, "orders", "raw")
    assert changed(source, out) == (['    "y"\n'], ['    "y",\n', '    "raw"\n'])


def test_new_strings_use_the_quote_of_the_file() -> None:
    source = module("@dg.asset(group_name='g')\ndef orders() -> None: ...\n")
    assert "deps=['raw']" in add(source, "orders", "raw")


@pytest.mark.parametrize(
    ("imports", "entry"),
    [
        ("import dagster as dg\n", 'dg.AssetKey(["raw", "orders"])'),
        ("import dagster\n", 'dagster.AssetKey(["raw", "orders"])'),
        (
            "from dagster import AssetKey, asset\nimport dagster as dg\n",
            'AssetKey(["raw", "orders"])',
        ),
        ("import dagster as dg\nfrom dagster import AssetKey as Key\n", 'Key(["raw", "orders"])'),
        ("from dagster import *\n", 'AssetKey(["raw", "orders"])'),
    ],
)
def test_a_key_with_several_parts_is_an_asset_key_spelled_like_the_file(
    imports: str, entry: str
) -> None:
    decorator = "@dg.asset" if "dg" in imports else "@dagster.asset"
    decorator = "@asset" if "*" in imports else decorator
    source = module(f"{decorator}\ndef b() -> None: ...\n", imports=imports)
    out = add(source, "b", "raw/orders")
    assert changed(source, out) == ([f"{decorator}\n"], [f"{decorator}(deps=[{entry}])\n"])


def test_asset_key_joins_the_from_dagster_import_in_sorted_place() -> None:
    source = module(
        "@asset\ndef b() -> None: ...\n",
        imports="import os\nfrom dagster import Definitions, asset\n",
    )
    out = add(source, "b", "raw/orders")
    assert changed(source, out) == (
        ["from dagster import Definitions, asset\n", "@asset\n"],
        [
            "from dagster import AssetKey, Definitions, asset\n",
            '@asset(deps=[AssetKey(["raw", "orders"])])\n',
        ],
    )


def test_asset_key_joins_a_parenthesized_import_on_its_own_line() -> None:
    imports = "from dagster import (\n    MaterializeResult,  # returned\n    asset,\n)\n"
    source = module("@asset\ndef b() -> None: ...\n", imports=imports)
    out = add(source, "b", "raw/orders")
    assert out.startswith(
        "from dagster import (\n    AssetKey,\n    MaterializeResult,  # returned\n    asset,\n)\n"
    )


def test_asset_key_is_appended_to_unsorted_imports() -> None:
    source = module("@asset\ndef b() -> None: ...\n", imports="from dagster import asset, Output\n")
    assert add(source, "b", "raw/orders").startswith(
        "from dagster import asset, Output, AssetKey\n"
    )


def test_dagster_is_imported_as_dg_when_nothing_else_can_name_asset_key() -> None:
    imports = (
        '"""Doc."""\n\nimport os\n\n'
        "try:\n    from dagster import asset\nexcept ImportError:\n    raise\n"
    )
    source = module("@asset\ndef b() -> None: ...\n", imports=imports)
    out = add(source, "b", "raw/orders")
    assert changed(source, out) == (
        ["@asset\n"],
        ["import dagster as dg\n", '@asset(deps=[dg.AssetKey(["raw", "orders"])])\n'],
    )
    assert out.startswith('"""Doc."""\n\nimport os\nimport dagster as dg\n\ntry:\n')


def test_an_asset_defined_above_is_referenced_by_its_function() -> None:
    source = module(
        "@dg.asset\ndef raw_sales() -> None: ...\n",
        '@dg.asset(key=["raw", "orders"])\ndef orders_table() -> None: ...\n',
        "@dg.asset\ndef report() -> None: ...\n",
    )
    out = add(add(source, "report", "raw_sales"), "report", "raw/orders")
    assert "@dg.asset(deps=[raw_sales, orders_table])\ndef report()" in out


def test_an_asset_defined_below_is_referenced_by_its_key() -> None:
    # The decorator runs before the function below exists: naming it would be a NameError.
    source = module(
        "@dg.asset\ndef report() -> None: ...\n", "@dg.asset\ndef raw_sales() -> None: ...\n"
    )
    assert '@dg.asset(deps=["raw_sales"])\ndef report()' in add(source, "report", "raw_sales")


# --- existing dependencies ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    [
        "raw_orders",
        'dg.AssetKey(["raw", "orders"])',
        'dg.AssetKey(("raw", "orders"))',
        'dg.AssetKey.from_user_string("raw/orders")',
        '["raw", "orders"]',
        'dg.AssetDep(dg.AssetKey(["raw", "orders"]))',
        "dg.AssetDep(raw_orders, partition_mapping=dg.IdentityPartitionMapping())",
        'dg.AssetSpec(key=["raw", "orders"])',
    ],
)
def test_every_spelling_of_a_dep_is_recognized(entry: str) -> None:
    source = module(
        '@dg.asset(key=["raw", "orders"])\ndef raw_orders() -> None: ...\n',
        f'@dg.asset(deps=["x", {entry}])\ndef report() -> None: ...\n',
    )
    assert add(source, "report", "raw/orders") == source
    assert changed(source, remove(source, "report", "raw/orders")) == (
        [f'@dg.asset(deps=["x", {entry}])\n'],
        ['@dg.asset(deps=["x"])\n'],
    )


def test_a_string_with_a_slash_is_one_part_not_a_path() -> None:
    source = module('@dg.asset(deps=["raw/orders"])\ndef report() -> None: ...\n')
    assert "dg.AssetKey" in add(source, "report", "raw/orders")


@pytest.mark.parametrize(
    ("signature", "decorator"),
    [
        ("def report(raw_orders)", "@dg.asset"),
        ("def report(context: dg.AssetExecutionContext, raw_orders: int)", "@dg.asset"),
        ("def report(orders)", '@dg.asset(ins={"orders": dg.AssetIn("raw_orders")})'),
        ("def report(orders)", '@dg.asset(ins={"orders": dg.AssetIn(key=["raw_orders"])})'),
    ],
)
def test_a_parameter_is_an_existing_dep(signature: str, decorator: str) -> None:
    source = module(f"{decorator}\n{signature} -> None: ...\n")
    assert add(source, "report", "raw_orders") == source
    with pytest.raises(DepsEditError, match=r"parameter `[a-z_]+` of report"):
        remove_dep(source, "report", "raw_orders")


def test_asset_in_key_prefix_applies_to_the_parameter_name() -> None:
    source = module(
        '@dg.asset(ins={"orders": dg.AssetIn(key_prefix=["raw"])})\n'
        "def report(orders) -> None: ...\n"
    )
    assert add(source, "report", "raw/orders") == source
    assert add(source, "report", "orders") != source


@pytest.mark.parametrize("name", ["context", "config", "db"])
def test_context_config_and_resources_are_not_deps(name: str) -> None:
    signature = "def report(context, config: ReportConfig, db: DuckDBResource, raw)"
    source = module(f"@dg.asset\n{signature} -> None: ...\n")
    assert f'deps=["{name}"]' in add(source, "report", name)


# --- removing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "dep", "after"),
    [
        ('@dg.asset(deps=["a", "b", "c"])\n', "a", '@dg.asset(deps=["b", "c"])\n'),
        ('@dg.asset(deps=["a", "b", "c"])\n', "b", '@dg.asset(deps=["a", "c"])\n'),
        ('@dg.asset(deps=["a", "b", "c"])\n', "c", '@dg.asset(deps=["a", "b"])\n'),
        ('@dg.asset(deps=["a", "b",])\n', "b", '@dg.asset(deps=["a",])\n'),
        ('@dg.asset(deps=("a", "b"))\n', "b", '@dg.asset(deps=("a",))\n'),
        ('@dg.asset(deps=["a"])\n', "a", "@dg.asset\n"),
        ('@dg.asset(deps=["a", "a"])\n', "a", "@dg.asset\n"),
        ('@dg.asset(deps=["a"], group_name="g")\n', "a", '@dg.asset(group_name="g")\n'),
        ('@dg.asset(group_name="g", deps=["a"])\n', "a", '@dg.asset(group_name="g")\n'),
    ],
)
def test_removing_from_a_one_line_decorator(before: str, dep: str, after: str) -> None:
    source = module(f"{before}def orders() -> None: ...\n")
    assert changed(source, remove(source, "orders", dep)) == ([before], [after])


def test_removing_from_a_multi_line_list_drops_its_line_and_keeps_other_comments() -> None:
    lines = [
        "@dg.asset(\n",
        "    deps=[\n",
        '        "a",  # first\n',
        "        # about b\n",
        '        "b",  # second\n',
        '        "c",  # third\n',
        "    ],\n",
        ")\n",
    ]
    source = module("".join(lines) + "def orders() -> None: ...\n")
    assert changed(source, remove(source, "orders", "b")) == (['        "b",  # second\n'], [])
    assert changed(source, remove(source, "orders", "c")) == (['        "c",  # third\n'], [])
    assert changed(source, remove(source, "orders", "a")) == (['        "a",  # first\n'], [])


def test_removing_the_last_dep_of_a_multi_line_call_drops_the_argument_line() -> None:
    source = module(
        '@dg.asset(\n    group_name="g",\n    deps=["a"],  # upstream\n)\n'
        "def orders() -> None: ...\n"
    )
    assert changed(source, remove(source, "orders", "a")) == (['    deps=["a"],  # upstream\n'], [])


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize("deps", ["DEPS", "[k for k in KEYS]", "common_deps + ['x']", "get_deps()"])
def test_computed_deps_must_be_edited_by_hand(deps: str) -> None:
    source = module(f"@dg.asset(deps={deps})\ndef orders() -> None: ...\n")
    for edit in (add_dep, remove_dep):
        with pytest.raises(DepsEditError, match=r"deps of 'orders' are computed.*by hand"):
            edit(source, "orders", "x")


def test_a_dep_hidden_in_a_computed_entry_cannot_be_removed() -> None:
    source = module('@dg.asset(deps=[*COMMON, "x"])\ndef orders() -> None: ...\n')
    assert add(source, "orders", "y").count('"y"') == 1
    with pytest.raises(DepsEditError, match=r"computed \(\*COMMON\)"):
        remove_dep(source, "orders", "y")


def test_multi_assets_are_out_of_scope() -> None:
    source = module(
        "@dg.multi_asset(outs={'a': dg.AssetOut(), 'b': dg.AssetOut()})\ndef both() -> None: ...\n"
    )
    assert asset_keys_in(source) == {}
    with pytest.raises(DepsEditError, match=r"@multi_asset functions \(both\) are out of scope"):
        add_dep(source, "a", "x")


def test_unknown_asset_lists_the_keys_that_are_here() -> None:
    source = module("@dg.asset\ndef a() -> None: ...\n", "@dg.asset\ndef b() -> None: ...\n")
    with pytest.raises(DepsEditError, match=r"key 'c' \(defined here: 'a', 'b'\)"):
        add_dep(source, "c", "a")


def test_removing_a_dep_that_is_not_there() -> None:
    source = module(
        '@dg.asset(deps=["x"])\ndef a() -> None: ...\n', "@dg.asset\ndef b() -> None: ...\n"
    )
    for asset in ("a", "b"):
        with pytest.raises(DepsEditError, match=f"'y' is not among the deps of '{asset}'"):
            remove_dep(source, asset, "y")


def test_syntax_errors_name_the_line() -> None:
    source = "import dagster as dg\n\n@dg.asset(\ndef a() -> None: ...\n"
    with pytest.raises(DepsEditError, match="not valid Python \\(line 4\\)"):
        asset_keys_in(source)
    with pytest.raises(DepsEditError, match="not valid Python"):
        add_dep(source, "a", "b")


@pytest.mark.parametrize(("asset", "dep"), [("a", "a"), ("a", "raw//x"), ("a", ""), ("/a", "b")])
def test_impossible_keys(asset: str, dep: str) -> None:
    source = module("@dg.asset\ndef a() -> None: ...\n")
    with pytest.raises(DepsEditError):
        add_dep(source, asset, dep)


# --- whole files --------------------------------------------------------------------------------

SALES = '''\
"""Sales assets."""  # noqa: D100

from __future__ import annotations

import dagster as dg

THRESHOLD   =  10  # odd spacing stays
KEYS = [ "a" ,"b" ]


def helper(x ,y):   # not an asset
    return x+y


@dg.asset
def raw_sales() -> None:
    """Raw."""


# Cleaned sales: see the wiki.
@dg.asset(
    group_name="sales",  # group
    kinds={"duckdb"},
)
def cleaned(context: dg.AssetExecutionContext, raw_sales) -> None:
    context.log.info("cleaning")  # keep


@dg.asset(deps=[raw_sales], key_prefix=["marts"])
def report() -> None:
    ...


@dg.asset(
    deps=[
        cleaned,  # the cleaned table
        # "legacy_table",
        dg.AssetKey(["marts", "report"]),
    ],
)
def summary() -> dict:
    return {"a": 1,   "b": 2}
'''


@pytest.mark.parametrize(
    ("asset", "dep", "removed", "added"),
    [
        ("raw_sales", "seed", ["@dg.asset\n"], ['@dg.asset(deps=["seed"])\n']),
        ("cleaned", "seed", [], ['    deps=["seed"],\n']),
        (
            "marts/report",
            "cleaned",
            ['@dg.asset(deps=[raw_sales], key_prefix=["marts"])\n'],
            ['@dg.asset(deps=[raw_sales, cleaned], key_prefix=["marts"])\n'],
        ),
        ("summary", "raw/orders", [], ['        dg.AssetKey(["raw", "orders"]),\n']),
        ("summary", "raw_sales", [], ["        raw_sales,\n"]),
    ],
)
def test_a_real_file_changes_only_the_edited_lines(
    asset: str, dep: str, removed: list[str], added: list[str]
) -> None:
    out = add(SALES, asset, dep)
    assert changed(SALES, out) == (removed, added)
    assert add(out, asset, dep) == out  # idempotent
    assert remove(out, asset, dep) == SALES  # round trip


def test_a_real_file_removals() -> None:
    assert changed(SALES, remove(SALES, "summary", "cleaned")) == (
        ["        cleaned,  # the cleaned table\n"],
        [],
    )
    assert changed(SALES, remove(SALES, "summary", "marts/report")) == (
        ['        dg.AssetKey(["marts", "report"]),\n'],
        [],
    )
    assert changed(SALES, remove(SALES, "marts/report", "raw_sales")) == (
        ['@dg.asset(deps=[raw_sales], key_prefix=["marts"])\n'],
        ['@dg.asset(key_prefix=["marts"])\n'],
    )
    with pytest.raises(DepsEditError, match="parameter `raw_sales` of cleaned"):
        remove_dep(SALES, "cleaned", "raw_sales")
    assert add(SALES, "cleaned", "raw_sales") == SALES


def test_windows_line_endings_are_kept() -> None:
    source = SALES.replace("\n", "\r\n")
    out = add(source, "summary", "seed")
    assert changed(source, out) == ([], ['        "seed",\r\n'])
    assert remove(out, "summary", "seed") == source


@pytest.mark.parametrize(
    "decorator",
    [
        "@dg.asset",
        '@dg.asset(group_name="g")',
        '@dg.asset(\n    group_name="g",\n)',
        '@dg.asset(\n    group_name="g"\n)',
        '@dg.asset(deps=["x"])',
        '@dg.asset(deps=["x",])',
        '@dg.asset(deps=("x",))',
        '@dg.asset(deps=[\n    "x",  # x\n    # y\n])',
        '@dg.asset(deps=[\n    "x"  # x\n])',
    ],
)
@pytest.mark.parametrize("dep", ["up", "raw/orders", "first"])
def test_add_is_idempotent_and_remove_undoes_it(decorator: str, dep: str) -> None:
    source = module("@dg.asset\ndef first() -> None: ...\n", f"{decorator}\ndef b() -> None: ...\n")
    once = add(source, "b", dep)
    assert once != source
    assert add(once, "b", dep) == once
    assert remove(once, "b", dep) == source


def test_a_parameter_dep_is_a_no_op_even_when_deps_are_computed() -> None:
    source = module("@dg.asset(deps=DEPS)\ndef report(raw) -> None: ...\n")
    assert add(source, "report", "raw") == source
