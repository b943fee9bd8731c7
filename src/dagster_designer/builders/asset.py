"""The Python asset builder: an `@dg.asset` function with its properties in the decorator and
a body the user writes in the editor. It reads back any `@dg.asset` whose decorator is made of
literals, hand-written ones included; the signature and body are kept as written."""

from __future__ import annotations

import ast
import re
from datetime import date
from typing import Any

from ..worker.top_level import Definition
from .params import AssetParams, AssetProperties, Partitions
from .python_render import asset_key, call, indented, literal, read_asset_key
from .python_shapes import Call, decorator_call, function_parts

KIND = "asset"
TITLE = "Python asset"
FOLDER = "assets"
IMPORTS = ("import dagster as dg",)
DEFAULT_BODY = (
    "# Compute the asset here: read its upstream data, store the result, and return\n"
    "# metadata about it (it shows in the designer and in Dagster's UI).\n"
    "return dg.MaterializeResult(metadata={})\n"
)

_PARTITIONS = {
    "hourly": "dg.HourlyPartitionsDefinition",
    "daily": "dg.DailyPartitionsDefinition",
    "weekly": "dg.WeeklyPartitionsDefinition",
    "monthly": "dg.MonthlyPartitionsDefinition",
}
_STATIC = "dg.StaticPartitionsDefinition"
_AUTOMATION = "dg.AutomationCondition."


def decorator_keywords(params: AssetProperties) -> list[tuple[str, str]]:
    """The `@dg.asset` keywords for what the form says, in a fixed order."""
    keywords: list[tuple[str, str]] = []
    if params.description:
        keywords.append(("description", literal(params.description)))
    if params.group:
        keywords.append(("group_name", literal(params.group)))
    if params.owners:
        keywords.append(("owners", literal(params.owners)))
    if params.tags:
        keywords.append(("tags", literal(params.tags)))
    if params.kinds:
        keywords.append(("kinds", literal(set(params.kinds))))
    if params.deps:
        keywords.append(("deps", "[" + ", ".join(asset_key(k) for k in params.deps) + "]"))
    if params.partitions:
        keywords.append(("partitions_def", _partitions(params.partitions)))
    if params.automation:
        automation = params.automation
        argument = literal(automation.cron) if automation.cron else ""
        keywords.append(
            ("automation_condition", f"{_AUTOMATION}{automation.condition}({argument})")
        )
    return keywords


def _partitions(partitions: Partitions) -> str:
    if partitions.type == "static":
        return f"{_STATIC}({literal(partitions.values)})"
    start = partitions.start_date.isoformat() if partitions.start_date else ""
    if partitions.type == "hourly":
        start += "-00:00"  # the hourly format Dagster parses
    return f"{_PARTITIONS[partitions.type]}(start_date={literal(start)})"


def signature(name: str) -> str:
    return f"def {name}(context: dg.AssetExecutionContext) -> dg.MaterializeResult:\n"


def render(params: AssetParams, function: str | None = None) -> str:
    """The decorated function; `function` is an existing `def` line and body to keep (renamed
    to the params' name), otherwise a new signature with the params' body."""
    keywords = decorator_keywords(params)
    decorator = "@" + (call("dg.asset", keywords) if keywords else "dg.asset") + "\n"
    if function is None:
        function = signature(params.name) + indented(params.body or DEFAULT_BODY)
    else:
        function = re.sub(
            r"^(\s*(?:async\s+)?def\s+)\w+", rf"\g<1>{params.name}", function, count=1
        )
        if params.body is not None:
            node = ast.parse(function).body[0]
            assert isinstance(node, ast.FunctionDef)
            function = function_parts(function, node)[0] + indented(params.body)
    return decorator + function


def read(source: str, found: Definition) -> dict[str, Any] | None:
    """The params of an `@dg.asset` function, or None when its decorator says more than the
    form can hold (the ownership check then decides)."""
    node = found.node
    if not isinstance(node, ast.FunctionDef):
        return None
    params = decorator_params(node)
    return params and {**params, "body": function_parts(source, node)[1]}


def decorator_params(node: ast.FunctionDef) -> dict[str, Any] | None:
    """The params an `@dg.asset` decorator of literals says, with the function's name."""
    decorator = decorator_call(node, "dg.asset")
    if decorator is None or decorator.args:
        return None
    params: dict[str, Any] = {"name": node.name}
    fields = {
        "description": "description",
        "group_name": "group",
        "owners": "owners",
        "tags": "tags",
    }
    for keyword, found_value in decorator.kwargs.items():
        if keyword in fields:
            params[fields[keyword]] = found_value
        elif keyword == "kinds" and isinstance(found_value, set | list):
            params["kinds"] = sorted(found_value)
        elif keyword == "deps" and isinstance(found_value, list):
            keys = [read_asset_key(dep) for dep in found_value]
            if None in keys:
                return None
            params["deps"] = keys
        elif keyword == "partitions_def" and isinstance(found_value, Call):
            partitions = _read_partitions(found_value)
            if partitions is None:
                return None
            params["partitions"] = partitions
        elif keyword == "automation_condition" and isinstance(found_value, Call):
            condition = found_value.func.removeprefix(_AUTOMATION)
            if found_value.func == condition or found_value.kwargs:
                return None
            params["automation"] = {
                "condition": condition,
                "cron": found_value.args[0] if found_value.args else None,
            }
        else:
            return None
    return params


def _read_partitions(found: Call) -> dict[str, Any] | None:
    if found.func == _STATIC and len(found.args) == 1 and not found.kwargs:
        return {"type": "static", "values": found.args[0]}
    kinds = {v: k for k, v in _PARTITIONS.items()}
    start = found.kwargs.get("start_date")
    if found.func not in kinds or found.args or set(found.kwargs) != {"start_date"}:
        return None
    if not isinstance(start, str):
        return None
    try:
        return {"type": kinds[found.func], "start_date": date.fromisoformat(start[:10])}
    except ValueError:
        return None
