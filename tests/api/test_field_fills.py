"""Attributes that take a Dagster object (the Templated SQL component's `connection`, a
`SQLClient`) are filled with a template that loads a component providing one."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support import definitions, written

SQL_CLIENT = "dagster.components.lib.sql_component.sql_client.SQLClient"
WAREHOUSE_TYPE = "sales_analytics.components.warehouse.LocalWarehouse"
WAREHOUSE = '''import dagster as dg
from dagster.components.lib.sql_component.sql_client import SQLClient


class LocalWarehouse(dg.Component, dg.Resolvable, dg.Model, SQLClient):
    """A warehouse connection of this project."""

    database: str = "warehouse.db"

    def connect_and_execute(self, sql: str) -> None: ...

    def build_defs(self, context: dg.ComponentLoadContext) -> dg.Definitions:
        return dg.Definitions()
'''
DAILY = """type: dagster.TemplatedSqlComponent
attributes:
  sql_template: select 1
  connection: "{{ context.load_component('warehouse') }}"
  assets:
    - key: daily_revenue
"""


def _fills(api: httpx.Client, project: dict, key: str) -> httpx.Response:
    return api.get(f"/projects/{project['id']}/component-types/{key}/fills")


def test_with_no_provider_installed_the_integration_with_one_is_named(
    api: httpx.Client, project: dict
) -> None:
    response = _fills(api, project, "dagster.TemplatedSqlComponent")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "type": "dagster.TemplatedSqlComponent",
        "fields": {
            "connection": {
                "expects": SQL_CLIENT,
                "fills": [
                    {
                        "title": "A new Snowflake connection at `snowflake_connection` "
                        "(installs `dagster-snowflake`)",
                        "value": "{{ context.load_component('snowflake_connection') }}",
                        "requires": {
                            "package": "dagster-snowflake",
                            "component_type": "dagster_snowflake.SnowflakeConnectionComponent",
                            "path": "snowflake_connection",
                        },
                    }
                ],
            }
        },
    }
    # a type without such attributes has nothing to fill
    plain = _fills(api, project, "dagster.PythonScriptComponent")
    assert plain.status_code == 200 and plain.json()["fields"] == {}


def test_a_provider_type_and_its_instances_fill_the_connection(
    api: httpx.Client, project: dict, project_root: Path, defs_root: Path
) -> None:
    package = project_root / "src" / "sales_analytics"
    with written(package, {"components/__init__.py": "", "components/warehouse.py": WAREHOUSE}):
        types = {t["key"]: t for t in api.get(f"/projects/{project['id']}/component-types").json()}
        assert types[WAREHOUSE_TYPE]["provides"] == [SQL_CLIENT]
        assert types["dagster.TemplatedSqlComponent"]["provides"] == []
        offered = _fills(api, project, "dagster.TemplatedSqlComponent").json()
        assert offered["fields"]["connection"]["fills"] == [
            {
                "title": "A new LocalWarehouse at `local_warehouse`",
                "value": "{{ context.load_component('local_warehouse') }}",
                "requires": {"component_type": WAREHOUSE_TYPE, "path": "local_warehouse"},
            }
        ]
        files = {"warehouse/defs.yaml": f"type: {WAREHOUSE_TYPE}\n", "daily/defs.yaml": DAILY}
        with written(defs_root, files):
            fills = _fills(api, project, "dagster.TemplatedSqlComponent").json()
            first = fills["fields"]["connection"]["fills"][0]
            assert first == {
                "title": "`warehouse` (LocalWarehouse)",
                "value": "{{ context.load_component('warehouse') }}",
                "requires": None,
            }
            # the value offered is what Dagster accepts
            loaded = definitions(api, project)
            assert loaded["errors"] == []
            assert "daily_revenue" in {a["key"] for a in loaded["assets"]}


def test_text_in_an_object_field_says_how_to_fill_it(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    url = f"/projects/{project['id']}/defs"
    created = api.post(url, json={"type": "dagster.TemplatedSqlComponent", "path": "sql_text"})
    assert created.status_code == 201, created.text
    try:
        saved = api.put(
            f"{url}/sql_text",
            json={
                "attributes": {
                    "sql_template": "select 1",
                    "connection": "my_db",
                    "assets": [{"key": "typed_text"}],
                }
            },
        )
        assert saved.status_code == 200, saved.text
        [error] = [e for e in saved.json()["errors"] if e.get("field") == "connection"]
        assert error["file"].endswith("defs/sql_text/defs.yaml")
        lines = (defs_root / "sql_text" / "defs.yaml").read_text().splitlines()
        assert lines[error["line"] - 1].strip().startswith("connection:")
        assert "{{ context.load_component('<defs path>') }}" in error["hint"]
        assert "SQLClient" in error["hint"]
    finally:
        assert api.delete(f"{url}/sql_text").status_code == 204


@pytest.mark.parametrize("key", ["no.SuchComponent", "dagster.asset"])
def test_fills_of_an_unknown_component_type_are_a_404(
    api: httpx.Client, project: dict, key: str
) -> None:
    response = _fills(api, project, key)
    assert response.status_code == 404
    assert key in response.json()["detail"]
