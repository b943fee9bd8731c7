"""The builders' text: every variant reopens as the params it was written from, hand-written
code reopens only when the form can rewrite it losslessly, and a definition is placed, replaced
and removed leaving the rest of its module byte for byte."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from dagster_designer.builders import cron, module_text
from dagster_designer.builders.catalog import BUILDERS
from dagster_designer.worker.top_level import definition_named
from tests.api.test_builders import VARIANTS


@pytest.mark.parametrize(
    ("kind", "params"), [(k, p) for k, _, p in VARIANTS], ids=lambda v: str(v)[:40]
)
def test_every_variant_reopens_as_written(kind: str, params: dict) -> None:
    builder = BUILDERS[kind]
    given = builder.params.model_validate(params)
    module = module_text.new_module(builder.imports(given), builder.statement(given, None, None))
    found = definition_named(module, params["name"])
    assert found is not None
    reopened = builder.reopen(module, found)
    assert reopened is not None
    expected = given.model_dump(exclude={"body"})
    assert reopened.model_dump(exclude={"body"}) == expected


def reopen(kind: str, module: str, name: str) -> dict | None:
    found = definition_named(module, name)
    assert found is not None
    params = BUILDERS[kind].reopen(module, found)
    return params.model_dump(mode="json") if params else None


def test_a_hand_written_asset_reopens_with_its_function_kept() -> None:
    module = (
        "import dagster as dg\n\n"
        "@dg.asset(group_name='x', kinds={'s3'})\n"
        "def raw(): return 1  # one\n"
    )
    params = reopen("asset", module, "raw")
    assert params is not None
    assert params["group"] == "x" and params["kinds"] == ["s3"]
    assert params["body"] == "return 1  # one\n"
    builder = BUILDERS["asset"]
    found = definition_named(module, "raw")
    assert found is not None
    changed = builder.params.model_validate({**params, "group": "y", "body": None})
    assert builder.statement(changed, module, found).endswith("def raw(): return 1  # one\n")


@pytest.mark.parametrize(
    ("kind", "module", "name"),
    [
        # a comment in the decorator would be lost by the form
        (
            "asset",
            "import dagster as dg\n\n@dg.asset(\n    group_name='x',  # why\n)\ndef a(): ...\n",
            "a",
        ),
        # a value that is not a literal
        ("asset", "import dagster as dg\nG = 'x'\n\n@dg.asset(group_name=G)\ndef a(): ...\n", "a"),
        # a keyword the form does not know
        ("asset", "import dagster as dg\n\n@dg.asset(io_manager_key='m')\ndef a(): ...\n", "a"),
        ("job", "import dagster as dg\nj = dg.define_asset_job('j', selection=['a'])\n", "j"),
        (
            "schedule",
            "import dagster as dg\n"
            "s = dg.ScheduleDefinition(name='t', cron_schedule='@daily', job=J)\n",
            "s",
        ),
    ],
)
def test_code_the_form_cannot_rewrite_does_not_reopen(kind: str, module: str, name: str) -> None:
    assert reopen(kind, module, name) is None


MODULE = (
    '"""Doc."""\n'
    "import dagster as dg\n"
    "\n\n"
    "# about a\n"
    "@dg.asset\n"
    "def a(): ...\n"
    "\n\n"
    "b = dg.define_asset_job(name='b', selection='a')  # b\n"
    "\n\n"
    "@dg.asset\n"
    "def c(): ...\n"
)


def test_removing_a_definition_keeps_everything_else() -> None:
    first = definition_named(MODULE, "a")
    assert first is not None
    assert module_text.remove_definition(MODULE, first) == MODULE.replace(
        "# about a\n@dg.asset\ndef a(): ...\n\n\n", ""
    )
    middle = definition_named(MODULE, "b")
    assert middle is not None
    assert module_text.remove_definition(MODULE, middle) == MODULE.replace(
        "b = dg.define_asset_job(name='b', selection='a')  # b\n\n\n", ""
    )
    last = definition_named(MODULE, "c")
    assert last is not None
    assert module_text.remove_definition(MODULE, last) == MODULE.replace(
        "\n\n\n@dg.asset\ndef c(): ...\n", "\n"
    )
    only = "import dagster as dg\n\n\n@dg.asset\ndef a(): ...\n"
    found = definition_named(only, "a")
    assert found is not None
    assert module_text.only_imports(module_text.remove_definition(only, found))


def test_replacing_a_definition_adds_only_missing_imports() -> None:
    found = definition_named(MODULE, "b")
    assert found is not None
    replaced = module_text.replace_definition(
        MODULE, found, ("import json", "import dagster as dg"), "b = json.loads('{}')\n"
    )
    assert replaced == MODULE.replace(
        "import dagster as dg\n", "import dagster as dg\nimport json\n"
    ).replace("b = dg.define_asset_job(name='b', selection='a')  # b\n", "b = json.loads('{}')\n")
    added = module_text.add_definition("x = 1", ("import dagster as dg",), "y = 2\n")
    assert added == "import dagster as dg\n\nx = 1\n\n\ny = 2\n"


def test_cron_as_dagster_takes_it() -> None:
    assert cron.check("@daily") == "0 0 * * *"
    assert cron.describe("0 9 * * 1-5") == "At 09:00 AM, Monday through Friday"
    after = datetime(2026, 3, 7, 12, tzinfo=ZoneInfo("Europe/Paris"))
    times = cron.next_times("0 9 1 * *", "Europe/Paris", count=3, after=after)
    assert [t.date().isoformat() for t in times] == ["2026-04-01", "2026-05-01", "2026-06-01"]
    assert all(t.hour == 9 and t.utcoffset() is not None for t in times)
    for bad, says in [
        ("* * * * * *", "has 6 fields"),
        ("0 0 31 2 *", "never fires"),
        ("0 25 * * *", "not a cron expression"),
    ]:
        with pytest.raises(cron.InvalidCron, match=says):
            cron.check(bad)
    with pytest.raises(cron.InvalidCron, match="not a timezone"):
        cron.timezone("Europe/Atlantis")
