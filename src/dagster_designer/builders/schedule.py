"""The schedule builder: a `dg.ScheduleDefinition` on a cron, targeting an asset selection or
a job by name."""

from __future__ import annotations

from typing import Any

from ..worker.top_level import Definition
from .params import ScheduleParams
from .python_render import call, literal, name_of
from .python_shapes import assigned_call

KIND = "schedule"
TITLE = "Schedule"
FOLDER = "schedules"
IMPORTS = ("import dagster as dg",)
_FUNC = "dg.ScheduleDefinition"
_STATUS = "dg.DefaultScheduleStatus."


def render(params: ScheduleParams) -> str:
    keywords = [
        ("name", literal(params.name)),
        ("cron_schedule", literal(params.cron)),
        ("execution_timezone", literal(params.timezone)),
    ]
    if params.target.job is not None:
        keywords.append(("job_name", literal(params.target.job)))
    else:
        keywords.append(("target", literal(params.target.selection)))
    if params.description:
        keywords.append(("description", literal(params.description)))
    if params.default_status == "RUNNING":
        keywords.append(("default_status", f"{_STATUS}RUNNING"))
    return f"{params.name} = {call(_FUNC, keywords)}\n"


def read(source: str, found: Definition) -> dict[str, Any] | None:
    del source
    made = assigned_call(found, _FUNC)
    if made is None or made.args:
        return None
    kwargs = dict(made.kwargs)
    params: dict[str, Any] = {
        "name": kwargs.pop("name", found.name),
        "cron": kwargs.pop("cron_schedule", None),
        "timezone": kwargs.pop("execution_timezone", "UTC"),
        "description": kwargs.pop("description", ""),
    }
    if "job_name" in kwargs:
        params["target"] = {"job": kwargs.pop("job_name")}
    elif isinstance(kwargs.get("target"), str):
        params["target"] = {"selection": kwargs.pop("target")}
    status = name_of(kwargs.pop("default_status", None))
    if status is not None:
        params["default_status"] = status.removeprefix(_STATUS)
    return params if not kwargs else None
