"""The job builder: a `dg.define_asset_job` over an asset selection, with tags and run
config."""

from __future__ import annotations

from typing import Any

from ..worker.top_level import Definition
from .params import JobParams
from .python_render import call, literal
from .python_shapes import assigned_call

KIND = "job"
TITLE = "Job"
FOLDER = "jobs"
IMPORTS = ("import dagster as dg",)
_FUNC = "dg.define_asset_job"


def render(params: JobParams) -> str:
    keywords = [("name", literal(params.name)), ("selection", literal(params.selection))]
    if params.description:
        keywords.append(("description", literal(params.description)))
    if params.tags:
        keywords.append(("tags", literal(params.tags)))
    if params.run_config:
        keywords.append(("config", literal(params.run_config)))
    return f"{params.name} = {call(_FUNC, keywords)}\n"


def read(source: str, found: Definition) -> dict[str, Any] | None:
    del source
    made = assigned_call(found, _FUNC)
    if made is None or made.args:  # a positional name is not how the form writes it
        return None
    kwargs = dict(made.kwargs)
    params = {
        "name": kwargs.pop("name", None),
        "selection": kwargs.pop("selection", None),
        "description": kwargs.pop("description", ""),
        "tags": kwargs.pop("tags", {}),
        "run_config": kwargs.pop("config", None),
    }
    return params if not kwargs else None
