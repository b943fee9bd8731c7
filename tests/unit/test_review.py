"""The review's rules and fixes, pure: definitions as the worker describes them, texts."""

from __future__ import annotations

from typing import Any

import pytest

from dagster_designer.review import fixes, kinds, secrets
from dagster_designer.review.instances import document_lines
from dagster_designer.review.kinds import component_kind
from dagster_designer.review.run import review


def asset(key: str, **fields: Any) -> dict[str, Any]:
    return {
        "key": key,
        "deps": [],
        "group": "sales",
        "kinds": ["python"],
        "owners": [{"team": "data"}],
        "tags": [],
        "description": "Orders.",
        "is_executable": True,
        "source": f"src/p/defs/{key.replace('/', '_')}.py:3",
        "defs_path": f"{key.replace('/', '_')}.py",
        "defs_index": None,
        **fields,
    }


def defs(*assets: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"assets": list(assets), "asset_checks": [], "jobs": [], "errors": [], **more}


def rules(definitions: dict[str, Any], texts: dict[str, str] | None = None) -> list[tuple]:
    return [
        (f.rule, f.severity, f.target, f.file, f.line) for f in review(definitions, texts or {})
    ]


def test_a_complete_asset_has_no_findings() -> None:
    assert rules(defs(asset("orders"))) == []


def test_missing_metadata_is_found_where_the_asset_is_written() -> None:
    bare = asset("orders", kinds=[], owners=[], group="default", description=None)
    assert rules(defs(bare)) == [
        ("group", "warning", "orders", "src/p/defs/orders.py", 3),
        ("kinds", "warning", "orders", "src/p/defs/orders.py", 3),
        ("owners", "warning", "orders", "src/p/defs/orders.py", 3),
        ("description", "info", "orders", "src/p/defs/orders.py", 3),
    ]


def test_verb_names_are_flagged() -> None:
    found = review(defs(asset("fetch_orders")), {})
    assert [(f.rule, f.severity) for f in found] == [("asset-name", "info")]
    assert "'orders'" in found[0].message


def test_load_errors_and_duplicate_keys_are_errors() -> None:
    errors = [
        {"message": "Import failed", "file": "src/p/defs/a.py", "line": 4},
        {
            "message": 'Duplicate asset key: AssetKey(["orders"])',
            "file": "src/p/defs/b.py",
            "line": 7,
        },
    ]
    assert rules(defs(errors=errors)) == [
        ("loads", "error", None, "src/p/defs/a.py", 4),
        ("duplicate-key", "error", "orders", "src/p/defs/b.py", 7),
    ]


def test_a_dangling_dependency_and_an_odd_key_depth() -> None:
    a = asset("orders", deps=["raw/orders"], defs_path="c/defs.yaml", defs_index=0)
    b = asset("sales/customers", defs_path="c/defs.yaml", defs_index=0)
    c = asset("sales/items", defs_path="c/defs.yaml", defs_index=0)
    found = rules(defs(a, b, c))
    assert ("dangling-dep", "warning", "orders", "src/p/defs/orders.py", 3) in found
    assert ("key-depth", "warning", "orders", "src/p/defs/orders.py", 3) in found


def test_a_dbt_source_wants_two_levels() -> None:
    raw = asset("raw_orders")
    model = asset("stg_orders", deps=["raw_orders"], kinds=["dbt"])
    found = rules(defs(raw, model))
    assert ("key-depth", "warning", "raw_orders", "src/p/defs/stg_orders.py", 3) in found


def test_an_asset_others_depend_on_wants_a_check() -> None:
    found = rules(defs(asset("orders"), asset("report", deps=["orders"])))
    assert found == [("check-missing", "info", "orders", "src/p/defs/orders.py", 3)]
    checked = defs(asset("orders"), asset("report", deps=["orders"]))
    checked["asset_checks"] = [{"asset_key": "orders"}]
    assert rules(checked) == []


def test_a_tag_marks_an_asset_important() -> None:
    found = rules(defs(asset("orders", tags=[{"key": "tier", "value": "1"}])))
    assert [f[0] for f in found] == ["check-missing"]


def test_a_long_key_list_in_a_job_is_a_warning_naming_the_group() -> None:
    keys = [f"a{i}" for i in range(6)]
    line = "job = dg.define_asset_job('j', selection=" + " or ".join(f"key:{k}" for k in keys)
    job = {"name": "j", "asset_keys": keys, "source": "src/p/defs/jobs.py:2"}
    found = review(
        defs(*(asset(k) for k in keys), jobs=[job]), {"src/p/defs/jobs.py": f"x\n{line}\n"}
    )
    listed = [f for f in found if f.rule == "key-list"]
    assert [(f.severity, f.file, f.line) for f in listed] == [("warning", "src/p/defs/jobs.py", 2)]
    assert "group:sales" in listed[0].message
    short = {"name": "j", "asset_keys": keys[:5], "source": "src/p/defs/jobs.py:2"}
    assert not [f for f in review(defs(jobs=[short]), {}) if f.rule == "key-list"]


def test_materialization_is_judged_only_when_known() -> None:
    assert review(defs(asset("orders")), {}, set())[0].rule == "never-materialized"
    assert review(defs(asset("orders")), {}, {"orders"}) == []
    assert review(defs(asset("orders")), {}) == []


@pytest.mark.parametrize(
    "line",
    [
        "password: Xk3v9qLmZ2pQ7rT4w",
        '  api_key = "aB3dE5fG7hJ9kLmN2"',
        'conn = Db(token="ghp_abcdefghijklmnopqrstuvwxyz0123456789")',
        "key = 'AKIAABCDEFGHIJKLMNOP'",
        "-----BEGIN RSA PRIVATE KEY-----",
        '"secret": "s3cr3t-V4lue-long"',
    ],
)
def test_likely_secrets_are_found(line: str) -> None:
    assert [s.line for s in secrets.find(f"a: 1\n{line}\n")] == [2]


@pytest.mark.parametrize(
    "line",
    [
        'password: "{{ env.DB_PASSWORD }}"',
        'token = dg.EnvVar("API_TOKEN")',
        "password: changeme",
        "# password: Xk3v9qLmZ2pQ7rT4w",
        "token_name: MY_TOKEN_NAME",
        "secret: short",
        "description: the api_key field is read from the environment",
    ],
)
def test_references_and_words_are_not_secrets(line: str) -> None:
    assert secrets.find(line) == []


def test_a_yaml_secret_moves_to_env_changing_only_its_line() -> None:
    text = "type: x\nattributes:\n  password: 'Xk3v9qLmZ2pQ7rT4w'  # db\n  user: me\n"
    out = fixes.move_secret("defs.yaml", text, 3, None)
    assert out["defs.yaml"] == text.replace("'Xk3v9qLmZ2pQ7rT4w'", '"{{ env.PASSWORD }}"')
    assert out[".env"] == "PASSWORD=Xk3v9qLmZ2pQ7rT4w\n"
    assert secrets.find(out["defs.yaml"]) == []


def test_a_python_secret_becomes_an_env_var() -> None:
    text = 'import dagster as dg\n\nres = Db(\n    token="aB3dE5fG7hJ9kLmN2",  # x\n)\n'
    out = fixes.move_secret("r.py", text, 4, "A=1")
    assert out["r.py"] == text.replace('"aB3dE5fG7hJ9kLmN2"', 'dg.EnvVar("TOKEN")')
    assert out[".env"] == "A=1\nTOKEN=aB3dE5fG7hJ9kLmN2\n"


def test_the_env_var_import_is_added_after_future_imports() -> None:
    text = (
        'from __future__ import annotations\n\nimport os\n\nT = {"api_key": "aB3dE5fG7hJ9kLmN2"}\n'
    )
    out = fixes.move_secret("r.py", text, 5, None)["r.py"]
    assert out.splitlines()[:4] == [
        "from __future__ import annotations",
        "",
        "import dagster as dg",
        "import os",
    ]


def test_env_names_do_not_clash() -> None:
    assert fixes.env_with("TOKEN=other\n", "TOKEN", "v")[1] == "TOKEN_2"
    assert fixes.env_with("TOKEN=v\n", "TOKEN", "v") == ("TOKEN=v\n", "TOKEN")


def test_a_line_without_a_secret_has_no_fix() -> None:
    with pytest.raises(fixes.FixError):
        fixes.move_secret("a.yaml", "a: 1\n", 1, None)


KINDLESS = '''"""Assets."""

import dagster as dg
from dagster_duckdb import DuckDBResource


@dg.asset
def orders() -> None: ...


@dg.asset(
    owners=["team:data"],  # who answers
    group_name="sales",
)
def customers(duckdb: DuckDBResource) -> None: ...


@dg.asset(group_name="sales")
def items() -> None: ...
'''


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """The lines that differ, as (before, after) pairs, when the fix adds no line."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


@pytest.mark.parametrize(
    ("name", "decorator", "kind", "was", "now"),
    [
        ("orders", "@dg.asset\n", "python", "@dg.asset\n", '@dg.asset(kinds={"python"})\n'),
        ("customers", "@dg.asset(\n", "duckdb", "    owners", '    kinds={"duckdb"},\n    owners'),
        (
            "items",
            "@dg.asset(group",
            "python",
            '@dg.asset(group_name="sales")\n',
            '@dg.asset(kinds={"python"}, group_name="sales")\n',
        ),
    ],
)
def test_an_asset_without_kinds_gets_the_kind_of_its_function(
    name: str, decorator: str, kind: str, was: str, now: str
) -> None:
    rows = KINDLESS.splitlines(keepends=True)
    line = next(i for i, row in enumerate(rows, 1) if row.startswith(decorator))
    bare = asset(name, kinds=[], source=f"src/p/defs/a.py:{line}")
    texts = {"src/p/defs/a.py": KINDLESS}
    [finding] = [f for f in review(defs(bare), texts) if f.rule == "kinds"]
    assert finding.fix == f'Add kinds={{"{kind}"}} to its decorator'

    out = fixes.add_kinds("src/p/defs/a.py", KINDLESS, line)["src/p/defs/a.py"]
    if "\n" in now.rstrip("\n"):  # a keyword on a line of its own: one line more
        assert out == KINDLESS.replace(was, now, 1)
    else:
        assert changed_lines(KINDLESS, out) == [(was, now)]
    kinded = asset(name, kinds=[kind], source=f"src/p/defs/a.py:{line}")
    assert [f for f in review(defs(kinded), {"src/p/defs/a.py": out}) if f.rule == "kinds"] == []
    with pytest.raises(fixes.FixError, match="no asset without kinds"):
        fixes.add_kinds("src/p/defs/a.py", out, line)


ODD_DECORATORS = (
    '\ufeff"""Façade: é before anything."""\r\n'
    "import dagster as dg\r\n"
    "\r\n"
    "@dg.asset(kinds={'python'})\r\n"
    "async def plain() -> None: ...\r\n"
    "\r\n"
    "@functools.cache\r\n"
    "@(\r\n"
    "    dg.asset\r\n"
    ")\r\n"
    "def wrapped(db: dagster_duckdb.DuckDBResource, /, other: SnowflakeResource) -> None: ...\r\n"
    "\r\n"
    "@dg.asset(**options, owners=['a@b.c'])\r\n"
    "def by_options(*, snow: SnowflakeResource) -> None: ...\r\n"
)


def test_decorated_assets_are_found_at_their_at_sign_in_any_layout() -> None:
    # the line Dagster's code reference names is the `@`'s: CRLF, a BOM and a parenthesized
    # decorator change nothing; only positional-or-keyword parameters name a tool, as in libcst
    assert kinds.decorated_assets(ODD_DECORATORS) == {
        4: (frozenset({"kinds"}), "python"),
        8: (frozenset(), "snowflake"),
        13: (frozenset({"owners"}), "python"),
    }
    assert kinds.decorated_assets("@dg.asset\ndef broken(:\n") == {}
    assert kinds.decorated_assets("x = 1\0\n") == {}


def test_an_asset_not_written_with_a_decorator_has_no_kinds_fix() -> None:
    bare = asset("orders", kinds=[], source="src/p/defs/a.py:1")
    [finding] = [f for f in review(defs(bare), {"src/p/defs/a.py": "x = 1\n"}) if f.rule == "kinds"]
    assert finding.fix is None
    with pytest.raises(fixes.FixError):
        fixes.add_kinds("src/p/defs/a.py", "x = 1\n", 1)


def test_an_asset_in_the_default_group_gets_the_group_of_its_folder() -> None:
    line = KINDLESS.splitlines().index("@dg.asset") + 1
    place = {"source": f"src/p/defs/shop/a.py:{line}", "defs_path": "shop/a.py"}
    texts = {"src/p/defs/shop/a.py": KINDLESS}
    bare = asset("orders", group="default", **place)
    [finding] = [f for f in review(defs(bare), texts) if f.rule == "group"]
    assert finding.fix == 'Add group_name="shop" (its folder) to its decorator'
    out = fixes.add_group("src/p/defs/shop/a.py", KINDLESS, line, "shop")["src/p/defs/shop/a.py"]
    assert changed_lines(KINDLESS, out) == [("@dg.asset\n", '@dg.asset(group_name="shop")\n')]
    grouped = asset("orders", group="shop", **place)
    assert [
        f for f in review(defs(grouped), {"src/p/defs/shop/a.py": out}) if f.rule == "group"
    ] == []
    with pytest.raises(fixes.FixError, match="already sets group_name"):
        fixes.add_group("src/p/defs/shop/a.py", out, line, "shop")


@pytest.mark.parametrize("defs_path", ["a.py", "my-shop/a.py", None])
def test_a_file_in_no_nameable_folder_has_no_group_fix(defs_path: str | None) -> None:
    line = KINDLESS.splitlines().index("@dg.asset") + 1
    bare = asset("orders", group="default", source=f"a.py:{line}", defs_path=defs_path)
    [finding] = [f for f in review(defs(bare), {"a.py": KINDLESS}) if f.rule == "group"]
    assert finding.fix is None


JOBS = """import dagster as dg

nightly = dg.define_asset_job(
    "nightly",
    selection=[
        "a0", "a1", "a2",
        "a3", "a4", "a5",
    ],  # every sales asset
    tags={"team": "data"},
)
"""


def test_a_key_list_that_is_one_group_becomes_its_selection() -> None:
    keys = [f"a{i}" for i in range(6)]
    job = {"name": "nightly", "asset_keys": keys, "source": "src/p/defs/jobs.py:3"}
    assets = [asset(k) for k in keys]
    texts = {"src/p/defs/jobs.py": JOBS}
    [finding] = [f for f in review(defs(*assets, jobs=[job]), texts) if f.rule == "key-list"]
    assert finding.fix == "Select group:sales"
    out = fixes.select_group("src/p/defs/jobs.py", JOBS, 3, "sales")["src/p/defs/jobs.py"]
    listed = JOBS[JOBS.index("[") : JOBS.index("]") + 1]
    assert out == JOBS.replace(listed, '"group:sales"')
    after = {"src/p/defs/jobs.py": out}
    assert [f for f in review(defs(*assets, jobs=[job]), after) if f.rule == "key-list"] == []
    other = [asset(k) for k in keys] + [asset("b")]
    [mixed] = [f for f in review(defs(*other, jobs=[job]), texts) if f.rule == "key-list"]
    assert mixed.fix is None  # the keys are no whole group: no selection says the same


def test_an_asset_without_owners_gets_the_projects_usual_owner() -> None:
    line = KINDLESS.splitlines().index("@dg.asset") + 1
    bare = asset("orders", owners=[], source=f"src/p/defs/a.py:{line}")
    usual = [asset(k, owners=[{"team": "data"}]) for k in ("x", "y")] + [
        asset("z", owners=[{"email": "al@example.com"}])
    ]
    texts = {"src/p/defs/a.py": KINDLESS}
    [finding] = [f for f in review(defs(bare, *usual), texts) if f.rule == "owners"]
    assert finding.fix == """Add owners=["team:data"] (the project's usual) to its decorator"""
    out = fixes.add_owners("src/p/defs/a.py", KINDLESS, line, "team:data")["src/p/defs/a.py"]
    assert changed_lines(KINDLESS, out) == [("@dg.asset\n", '@dg.asset(owners=["team:data"])\n')]
    owned = asset("orders", owners=[{"team": "data"}], source=f"src/p/defs/a.py:{line}")
    after = {"src/p/defs/a.py": out}
    assert [f for f in review(defs(owned, *usual), after) if f.rule == "owners"] == []


def test_without_a_usual_owner_the_finding_says_so_and_has_no_fix() -> None:
    line = KINDLESS.splitlines().index("@dg.asset") + 1
    bare = asset("orders", owners=[], source=f"src/p/defs/a.py:{line}")
    texts = {"src/p/defs/a.py": KINDLESS}
    [finding] = [f for f in review(defs(bare, asset("x")), texts) if f.rule == "owners"]
    assert finding.fix is None and "no owner is common" in finding.message


@pytest.mark.parametrize(
    ("component", "kind"),
    [
        ("dagster_dbt.DbtProjectComponent", "dbt"),
        ("dagster_sling.SlingReplicationCollectionComponent", "sling"),
        ("dagster_dlt.DltLoadCollectionComponent", "dlt"),
        ("dagster.TemplatedSqlComponent", "sql"),
        ("dagster.PythonScriptComponent", "python"),
        ("shop.components.DuckDBQueryComponent", "duckdb"),
        ("shop.components.ExportComponent", "python"),
    ],
)
def test_a_component_types_kind_is_its_tool(component: str, kind: str) -> None:
    assert component_kind(component) == kind


INSTANCE = "type: dagster.TemplatedSqlComponent\nattributes:\n  sql_template: select 1\n"


def instance_asset(key: str, **fields: Any) -> dict[str, Any]:
    place = {"source": "src/p/defs/shop/defs.yaml:1", "defs_path": "shop", "defs_index": None}
    return asset(key, **{**place, **fields})


SQL_COMPONENT = {"defs_path": "shop", "defs_index": None, "class": "dagster.TemplatedSqlComponent"}


@pytest.mark.parametrize(
    ("rule", "lacking", "title"),
    [
        ("kinds", {"kinds": []}, "kinds: [sql]"),
        ("group", {"group": "default"}, "group_name: shop (its folder)"),
        ("owners", {"owners": []}, "owners: [team:data] (the project's usual)"),
    ],
)
def test_assets_of_a_yaml_instance_get_a_post_processing_fix(
    rule: str, lacking: dict[str, Any], title: str
) -> None:
    texts = {"src/p/defs/shop/defs.yaml": INSTANCE}
    usual = [asset("x"), asset("y")]  # owned by team:data, as the project usually is
    every = defs(instance_asset("a", **lacking), instance_asset("b", **lacking), *usual)
    every["components"] = [SQL_COMPONENT]
    where = "in post_processing of defs.yaml"
    fixed = [f.fix for f in review(every, texts) if f.rule == rule]
    assert fixed == [f"Give its component's assets {title} {where}"] * 2
    some = defs(instance_asset("a", **lacking), instance_asset("b"), *usual)
    some["components"] = [SQL_COMPONENT]
    [finding] = [f for f in review(some, texts) if f.rule == rule]
    assert finding.target == "a" and finding.fix == f"Give these assets {title} {where}"
    out = fixes.give_instance_assets("src/p/defs/shop/defs.yaml", INSTANCE, 0, 'key:"a"', rule, "x")
    assert out["src/p/defs/shop/defs.yaml"].startswith(INSTANCE + "post_processing:\n")


def test_documents_start_at_their_first_line_of_content() -> None:
    text = "# one\n\ntype: a\n---\ntype: b\n--- # three\n# about it\ntype: c\n"
    assert document_lines(text) == [3, 5, 8]


def test_a_model_placed_at_its_sql_is_fixed_in_its_instances_document() -> None:
    """dbt places its models at their SQL files: their kinds, owners and group findings are
    placed at the document of their instance, where the fix goes."""
    sql = {"source": "src/p/defs/.local_defs_state/orders.sql", "defs_index": 1}
    model = instance_asset("orders", group="default", **sql)
    texts = {"src/p/defs/shop/defs.yaml": f"type: x\n---\n# dbt\n{INSTANCE}"}
    dbt = {**SQL_COMPONENT, "defs_index": 1, "class": "dagster_dbt.DbtProjectComponent"}
    found = review(defs(model, components=[dbt]), texts, defs_folder="src/p/defs")
    [group] = [f for f in found if f.rule == "group"]
    assert (group.file, group.line) == ("src/p/defs/shop/defs.yaml", 4)
    assert group.fix and group.fix.startswith("Give its component's assets group_name: shop")
    unknown = review(defs(model, components=[dbt]), texts)  # no defs folder known: no fix
    assert [f.fix for f in unknown if f.rule == "group"] == [None]
