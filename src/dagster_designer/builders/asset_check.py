"""The asset check builder: row count, freshness, column schema (from what the asset's latest
materialization recorded), not-null and unique columns (queried in its DuckDB table), or custom
Python. The settings are the decorator and the first lines of the body."""

from __future__ import annotations

import ast
from typing import Any

from ..worker.top_level import Definition
from .params import AssetCheckParams
from .python_render import asset_key, call, indented, literal, name_of, read_asset_key
from .python_shapes import decorator_call, function_parts, leading_literals

KIND = "asset_check"
TITLE = "Asset check"
FOLDER = "checks"
_SEVERITY = "dg.AssetCheckSeverity."
_LATEST = """\
event = context.instance.get_latest_materialization_event({key})
recorded = event.asset_materialization.metadata if event and event.asset_materialization else {{}}
"""
_ROW_COUNT = """\
if "dagster/row_count" not in recorded:
    return dg.AssetCheckResult(
        passed=False,
        severity=severity,
        description="No `dagster/row_count` recorded: materialize the asset first.",
    )
rows = recorded["dagster/row_count"].value
return dg.AssetCheckResult(
    passed=rows >= min_rows and (max_rows is None or rows <= max_rows),
    severity=severity,
    metadata={"row_count": rows},
)
"""
_FRESHNESS = """\
event = context.instance.get_latest_materialization_event({key})
if event is None:
    return dg.AssetCheckResult(passed=False, severity=severity, description="Never materialized.")
age_hours = (time.time() - event.timestamp) / 3600
return dg.AssetCheckResult(
    passed=age_hours <= max_age_hours,
    severity=severity,
    metadata={{"age_hours": round(age_hours, 2)}},
)
"""
_COLUMN_SCHEMA = """\
if "dagster/column_schema" not in recorded:
    return dg.AssetCheckResult(
        passed=False,
        severity=severity,
        description="No `dagster/column_schema` recorded: materialize the asset first.",
    )
actual = {c.name: c.type for c in recorded["dagster/column_schema"].value.columns}
different = {
    name: actual.get(name)
    for name, kind in expected.items()
    if (actual.get(name) or "").lower() != kind.lower()
}
return dg.AssetCheckResult(
    passed=not different, severity=severity, metadata={"different": different}
)
"""
_QUERIES = {
    "not_null": 'select count(*) from {table} where "{column}" is null',
    "unique": 'select count(*) - count(distinct "{column}") from {table}',
}
_TABLE_CHECK = """\
with {resource}.get_connection() as connection:
    failing = {{
        column: connection.execute(f'{query}').fetchone()[0]
        for column in columns
    }}
return dg.AssetCheckResult(
    passed=not any(failing.values()), severity=severity, metadata={{"{metric}": failing}}
)
"""
DEFAULT_BODY = (
    "# Look at the asset's data and say whether it passes.\n"
    "return dg.AssetCheckResult(passed=True, severity=severity)\n"
)


def imports(params: AssetCheckParams) -> tuple[str, ...]:
    if params.check_type == "freshness":
        return ("import time", "import dagster as dg")
    if params.check_type in _QUERIES:
        return ("import dagster as dg", "from dagster_duckdb import DuckDBResource")
    return ("import dagster as dg",)


def requires(params: AssetCheckParams) -> tuple[tuple[str, str], ...]:
    return (("dagster_duckdb", "dagster-duckdb"),) if params.check_type in _QUERIES else ()


def table_name(key: str) -> str:
    """The DuckDB table of an asset: its key's parts as schema and table."""
    return ".".join(key.split("/"))


def render(params: AssetCheckParams) -> str:
    keywords = [("asset", asset_key(params.asset))]
    if params.description:
        keywords.append(("description", literal(params.description)))
    if params.blocking:
        keywords.append(("blocking", "True"))
    leading = [("severity", f"{_SEVERITY}{params.severity}")]
    key = f"dg.AssetKey({literal(params.asset.split('/'))})"
    kind = params.check_type
    resource = ""
    if kind == "row_count":
        leading += [("min_rows", literal(params.min_rows)), ("max_rows", literal(params.max_rows))]
        body = _LATEST.format(key=key) + _ROW_COUNT
    elif kind == "freshness":
        leading.append(("max_age_hours", literal(params.max_age_hours)))
        body = _FRESHNESS.format(key=key)
    elif kind == "column_schema":
        leading.append(("expected", literal(params.columns)))
        body = _LATEST.format(key=key) + _COLUMN_SCHEMA
    elif kind in _QUERIES:
        leading.append(("columns", literal(params.column_names)))
        query = _QUERIES[kind].format(table=table_name(params.asset), column="{column}")
        metric = "null_rows" if kind == "not_null" else "duplicate_rows"
        body = _TABLE_CHECK.format(query=query, metric=metric, resource=params.connection)
        resource = f", {params.connection}: DuckDBResource"
    else:
        body = params.body or DEFAULT_BODY
    lines = "".join(f"{name} = {source}\n" for name, source in leading)
    signature = (
        f"def {params.name}(context: dg.AssetCheckExecutionContext{resource}) "
        "-> dg.AssetCheckResult:\n"
    )
    return f"@{call('dg.asset_check', keywords)}\n{signature}{indented(lines + body)}"


def read(source: str, found: Definition) -> dict[str, Any] | None:
    node = found.node
    if not isinstance(node, ast.FunctionDef):
        return None
    decorator = decorator_call(node, "dg.asset_check")
    if decorator is None or decorator.args:
        return None
    kwargs = dict(decorator.kwargs)
    literals = leading_literals(node)
    severity = name_of(literals.get("severity")) or ""
    params: dict[str, Any] = {
        "name": kwargs.pop("name", node.name),
        "asset": read_asset_key(kwargs.pop("asset", None)),
        "description": kwargs.pop("description", ""),
        "blocking": kwargs.pop("blocking", False),
        "severity": severity.removeprefix(_SEVERITY) or "ERROR",
    }
    if kwargs:
        return None
    if "min_rows" in literals:
        params |= {"check_type": "row_count", "min_rows": literals["min_rows"]}
        params["max_rows"] = literals.get("max_rows")
    elif "max_age_hours" in literals:
        params |= {"check_type": "freshness", "max_age_hours": literals["max_age_hours"]}
    elif "expected" in literals:
        params |= {"check_type": "column_schema", "columns": literals["expected"]}
    elif "columns" in literals:
        text = ast.get_source_segment(source, node) or ""
        params |= {
            "check_type": "unique" if "count(distinct" in text else "not_null",
            "column_names": literals["columns"],
            "connection": node.args.args[-1].arg,
        }
    else:
        body = function_parts(source, node)[1]
        first, _, rest = body.partition("\n")
        params |= {"check_type": "custom", "body": rest if first.startswith("severity =") else body}
    return params
