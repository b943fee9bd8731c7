"""The SQL asset builder: a query whose result becomes the asset's table, run through a DuckDB
resource (dagster-duckdb), recording the table's row count and columns as the materialization's
metadata. The resource `duckdb`, a file in the project, is made when the project has none."""

from __future__ import annotations

import ast
from typing import Any

from ..worker.top_level import Definition
from .asset import decorator_keywords, decorator_params
from .params import SqlAssetParams
from .python_render import call, indented, literal
from .python_shapes import leading_literals

KIND = "sql_asset"
TITLE = "SQL asset"
FOLDER = "assets"
IMPORTS = ("import dagster as dg", "from dagster_duckdb import DuckDBResource")
REQUIRES = (("dagster_duckdb", "dagster-duckdb"),)
DEFAULT_RESOURCE = "duckdb"
DEFAULT_DATABASE = "data/warehouse.duckdb"
_BODY = """\
with {resource}.get_connection() as connection:
    connection.execute(f"create or replace table {table} as {{sql}}")
    rows = connection.execute("select count(*) from {table}").fetchone()[0]
    columns = connection.execute("describe {table}").fetchall()
return dg.MaterializeResult(
    metadata={{
        "dagster/row_count": rows,
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(name, kind) for name, kind, *_ in columns]
        ),
        "sql": dg.MetadataValue.md(f"```sql\\n{{sql.strip()}}\\n```"),
    }}
)
"""


def _sql_literal(sql: str) -> str:
    """The query as a triple-quoted string when it can be one, so it reads as written."""
    text = sql.strip("\n")
    if '"""' in text or "\\" in text or text.endswith('"'):
        return literal(text)
    return f'"""\n{text}\n"""'


def render(params: SqlAssetParams) -> str:
    keywords = decorator_keywords(params)
    decorator = "@" + (call("dg.asset", keywords) if keywords else "dg.asset") + "\n"
    resource = params.connection
    signature = (
        f"def {params.name}(\n    context: dg.AssetExecutionContext, {resource}: DuckDBResource\n"
        ") -> dg.MaterializeResult:\n"
    )
    # the query's lines stay as written: indenting them would change the string
    query = f"    sql = {_sql_literal(params.sql)}\n"
    return (
        decorator + signature + query + indented(_BODY.format(resource=resource, table=params.name))
    )


def read(source: str, found: Definition) -> dict[str, Any] | None:
    node = found.node
    if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 2:
        return None
    params = decorator_params(node)
    sql = leading_literals(node).get("sql")
    if params is None or not isinstance(sql, str):
        return None
    del source  # the body is the template's: nothing of it is kept
    return {**params, "sql": sql.strip("\n"), "connection": node.args.args[1].arg}


def resource_module() -> str:
    """The module that makes the resource `duckdb`, when the project has none."""
    return f"""\
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource


@dg.definitions
def duckdb_resource() -> dg.Definitions:
    \"\"\"The DuckDB database `{DEFAULT_DATABASE}` of the project, as `{DEFAULT_RESOURCE}`.\"\"\"
    root = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
    database = DuckDBResource(database=str(root / "{DEFAULT_DATABASE}"))
    return dg.Definitions(resources={{"{DEFAULT_RESOURCE}": database}})
"""
