"""Errors Dagster raises while loading land on the file, line and form field they come from,
with a fix that says what is wrong and what to write instead."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support import definitions, written

SCRIPT_COMPONENT = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: run.py
  assets:
    - key: orders
{spec}
"""


@pytest.mark.parametrize(
    ("spec", "line", "field", "words"),
    [
        ("      group_name: sales team!", 7, "assets.0.group_name", "try `sales_team`"),
        ("    - key: my orders!", 7, "assets.1.key", "try `my_orders`"),
        ("      owners: [bob]", 7, "assets.0.owners.0", "try `team:bob`"),
        ("      tags: {'bad key!': x}", 7, "assets.0.tags.bad key!", "try `bad_key`"),
        ("      tags: {team: two words}", 7, "assets.0.tags.team", "try `two_words`"),
        (
            "      description: \"{{ env('DESIGNER_TEST_UNSET_VARIABLE') }}\"",
            7,
            "assets.0.description",
            "`DESIGNER_TEST_UNSET_VARIABLE`",
        ),
        (
            '    - key: "{{ env.DESIGNER_TEST_UNSET_KEY }}"',
            7,
            "assets.1.key",
            "`DESIGNER_TEST_UNSET_KEY` before starting the designer",
        ),
        (
            "      automation_condition: \"{{ dg.AutomationCondition.on_cron('every day') }}\"",
            7,
            "assets.0.automation_condition",
            "five fields",
        ),
        (
            "      partitions_def: {type: daily, start_date: yesterday}",
            7,
            "assets.0.partitions_def.start_date",
            "`YYYY-MM-DD`",
        ),
        (
            "  checks:\n    - asset: orders\n      name: not empty",
            9,
            "checks.0.name",
            "try `not_empty`",
        ),
        (
            "  checks:\n    - asset: ordrs\n      name: positive",
            8,
            "checks.0.asset",
            "targets one of the assets of the same component: try `orders`",
        ),
    ],
)
def test_a_component_load_error_lands_on_its_field(
    api: httpx.Client,
    project: dict,
    defs_root: Path,
    spec: str,
    line: int,
    field: str,
    words: str,
) -> None:
    files = {"placed/defs.yaml": SCRIPT_COMPONENT.format(spec=spec), "placed/run.py": ""}
    with written(defs_root, files):
        errors = definitions(api, project)["errors"]
    assert len(errors) == 1, errors
    error = errors[0]
    assert str(error["file"]).endswith("defs/placed/defs.yaml"), error
    assert (error["line"], error["field"]) == (line, field), error
    assert (error["defs_path"], error["defs_index"]) == ("placed", 0)
    assert words in error["hint"], error["hint"]


def test_the_second_document_of_a_file_is_named(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    second = SCRIPT_COMPONENT.format(spec="      group_name: bad-group").replace(
        "run.py", "run2.py"
    )
    files = {
        "two_docs/defs.yaml": SCRIPT_COMPONENT.format(spec="").rstrip()
        + "\n---\n"
        + second.replace("key: orders", "key: orders_two"),
        "two_docs/run.py": "",
        "two_docs/run2.py": "",
    }
    with written(defs_root, files):
        [error] = definitions(api, project)["errors"]
    assert (error["defs_index"], error["line"], error["field"]) == (1, 14, "assets.0.group_name")
    assert "try `bad_group`" in error["hint"]


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        (
            "import dagster as dg\n\n\n@dg.asset(group_name='sales team!')\ndef x() -> None: ...\n",
            4,
            "try `sales_team`",
        ),
        (
            "import dagster as dg\n\n\n@dg.asset(name='my asset')\ndef x() -> None: ...\n",
            4,
            "try `my_asset`",
        ),
        (
            "import dagster as dg\n\n\n@dg.asset\ndef x() -> None: ...\n\n\n"
            "j = dg.define_asset_job('j', selection=[x])\n"
            "s = dg.ScheduleDefinition(job=j, cron_schedule='every day')\n",
            9,
            "five fields",
        ),
        (
            "import dagster as dg\n\n\n@dg.asset\ndef x() -> None: ...\n\n\n"
            "j = dg.define_asset_job('j', selection=[x])\n"
            "s = dg.ScheduleDefinition(job=j, cron_schedule='0 0 * * * *')\n",
            9,
            "without seconds: try `0 * * * *`",
        ),
        ("import dagster as dg\n\nprint(dg.asset(\n", 3, "Close the `(` opened on line 3"),
        ("def f()\n    return 1\n", 1, "End line 1 with a colon: `def f():`"),
    ],
)
def test_a_python_load_error_has_a_specific_fix(
    api: httpx.Client, project: dict, defs_root: Path, source: str, line: int, words: str
) -> None:
    with written(defs_root, {"placed_module.py": source}):
        [error] = definitions(api, project)["errors"]
    assert error["file"].endswith("defs/placed_module.py")
    assert error["line"] == line
    assert words in error["hint"], error["hint"]


ORDERS = "import dagster as dg\n\n\n@dg.asset\ndef orders() -> None: ...\n"


def test_a_key_defined_twice_is_shown_at_both_definitions(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    files = {
        "twice/orders.py": ORDERS,
        "twice/script/defs.yaml": SCRIPT_COMPONENT.format(spec=""),
        "twice/script/run.py": "",
    }
    with written(defs_root, files):
        errors = definitions(api, project)["errors"]
    places = {(e["file"].split("defs/", 1)[1], e["line"], e["field"]) for e in errors}
    assert places == {("twice/orders.py", 4, None), ("twice/script/defs.yaml", 6, "assets.0.key")}
    by_path = {e["defs_path"]: e for e in errors}
    assert set(by_path) == {"twice/orders.py", "twice/script"}
    assert "twice/script/defs.yaml:6" in by_path["twice/orders.py"]["message"]
    assert "rename one of the definitions of `orders`" in by_path["twice/script"]["hint"]


def test_a_job_that_selects_nothing_names_its_file_and_line(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    source = ORDERS + "\n\nnightly = dg.define_asset_job('nightly', selection=['ordres'])\n"
    with written(defs_root, {"jobs_select.py": source}):
        [error] = definitions(api, project)["errors"]
    assert error["file"].endswith("defs/jobs_select.py") and error["line"] == 8
    assert error["defs_path"] == "jobs_select.py"
    assert "`ordres`" in error["hint"]


def test_a_missing_input_asset_names_the_asset_that_takes_it(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    source = (
        "import dagster as dg\n\n\n"
        "@dg.asset(ins={'upstream': dg.AssetIn('not_there')})\n"
        "def takes_input(upstream) -> None: ...\n"
    )
    with written(defs_root, {"takes_input.py": source}):
        [error] = definitions(api, project)["errors"]
    assert error["file"].endswith("defs/takes_input.py") and error["line"] == 4
    assert 'dg.AssetSpec("not_there")' in error["hint"]


@pytest.mark.parametrize(
    ("attributes", "field", "words"),
    [
        ("  execution:\n    path: run.py\n  asets: []\n", "asets", "did you mean `assets`?"),
        (
            "  execution:\n    path: run.py\n  assets:\n    - key: a\n      grup_name: sales\n",
            "assets.0.grup_name",
            "did you mean `group_name`?",
        ),
        ("  assets: []\n", "execution", "Add `execution`"),
    ],
)
def test_the_schema_check_names_the_attribute_meant(
    api: httpx.Client, project: dict, attributes: str, field: str, words: str
) -> None:
    text = f"type: dagster.PythonScriptComponent\nattributes:\n{attributes}"
    response = api.post(
        f"/projects/{project['id']}/defs-check",
        json={"path": f"{project['defs_path']}/typo/defs.yaml", "text": text},
    )
    assert response.status_code == 200, response.text
    [error] = [e for e in response.json()["errors"] if e["field"] == field]
    assert words in error["hint"], error
