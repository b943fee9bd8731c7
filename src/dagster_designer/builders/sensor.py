"""The sensor builder: file arrival, run status, asset materialization, or custom Python; each
a decorated function whose settings are in its decorator and the first lines of its body."""

from __future__ import annotations

import ast
from typing import Any

from ..worker.top_level import Definition
from .params import SensorParams, Target
from .python_render import call, indented, literal, name_of, read_asset_key
from .python_shapes import Call, decorator_call, function_parts, leading_literals

KIND = "sensor"
TITLE = "Sensor"
FOLDER = "sensors"
_STATUS = "dg.DefaultSensorStatus."
_RUN_STATUS = "dg.DagsterRunStatus."
_DECORATORS = {
    "file": "dg.sensor",
    "custom": "dg.sensor",
    "run_status": "dg.run_status_sensor",
    "asset": "dg.asset_sensor",
}
_IMPORTS = {
    "file": ("import glob", "import json", "from pathlib import Path", "import dagster as dg"),
    "custom": ("import dagster as dg",),
    "run_status": ("import dagster as dg",),
    "asset": ("import dagster as dg",),
}
DEFAULT_BODY = (
    "# Return dg.RunRequest(...) to launch a run, or dg.SkipReason(...) to say why not.\n"
    'return dg.SkipReason("Nothing to do yet")\n'
)
_FILE_BODY = """\
root = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
place = root / watched
paths = sorted(place.iterdir()) if place.is_dir() else sorted(map(Path, glob.glob(str(place))))
found = {str(path): path.stat().st_mtime for path in paths if path.is_file()}
seen = json.loads(context.cursor) if context.cursor else {}
new = [path for path, mtime in found.items() if seen.get(path) != mtime]
if not new:
    return dg.SensorResult(skip_reason=f"Nothing new in {watched}", cursor=json.dumps(found))
return dg.SensorResult(
    run_requests=[
        dg.RunRequest(run_key=f"{path}:{found[path]}", tags={"file": path}) for path in new
    ],
    cursor=json.dumps(found),
)
"""
_RUN_STATUS_BODY = """\
run = context.dagster_run
if monitored_jobs and run.job_name not in monitored_jobs:
    return dg.SkipReason(f"{run.job_name} is not watched")
context.log.info(f"Run {run.run_id} of {run.job_name}: {context.dagster_event.event_type_value}")
"""
_ASSET_BODY = "return dg.RunRequest(run_key=context.cursor)\n"


def imports(params: SensorParams) -> tuple[str, ...]:
    return _IMPORTS[params.sensor_type]


def _target_keywords(target: Target | None) -> list[tuple[str, str]]:
    if target is None:
        return []
    if target.job is not None:
        return [("job_name", literal(target.job))]
    return [("target", literal(target.selection))]


def render(params: SensorParams) -> str:
    kind = params.sensor_type
    keywords: list[tuple[str, str]] = []
    signature = f"def {params.name}(context: dg.SensorEvaluationContext):\n"
    leading: list[tuple[str, str]] = []
    if kind == "asset":
        keywords.append(("asset_key", f"dg.AssetKey({literal((params.asset or '').split('/'))})"))
        signature = (
            f"def {params.name}(\n    context: dg.SensorEvaluationContext, "
            "asset_event: dg.EventLogEntry\n):\n"
        )
        body = _ASSET_BODY
    elif kind == "run_status":
        keywords.append(("run_status", f"{_RUN_STATUS}{params.run_status}"))
        signature = f"def {params.name}(context: dg.RunStatusSensorContext):\n"
        leading.append(("monitored_jobs", literal(params.monitored_jobs)))
        body = _RUN_STATUS_BODY
        if params.target is not None:
            body += "return dg.RunRequest(run_key=run.run_id)\n"
    elif kind == "file":
        leading.append(("watched", literal(params.path)))
        body = _FILE_BODY
    else:
        body = params.body or DEFAULT_BODY
    keywords.append(("minimum_interval_seconds", literal(params.minimum_interval_seconds)))
    if kind == "run_status":
        if params.target is not None:
            job = call(
                "dg.define_asset_job",
                [
                    ("name", literal(f"{params.name}_job")),
                    ("selection", literal(params.target.selection)),
                ],
                "    ",
            )
            keywords.append(("request_job", job))
    else:
        keywords.extend(_target_keywords(params.target))
    if params.description:
        keywords.append(("description", literal(params.description)))
    if params.default_status == "RUNNING":
        keywords.append(("default_status", f"{_STATUS}RUNNING"))
    lines = "".join(f"{name} = {source}\n" for name, source in leading)
    return f"@{call(_DECORATORS[kind], keywords)}\n{signature}{indented(lines + body)}"


def read(source: str, found: Definition) -> dict[str, Any] | None:
    node = found.node
    if not isinstance(node, ast.FunctionDef):
        return None
    decorator = decorator_call(node, *set(_DECORATORS.values()))
    if decorator is None or decorator.args:
        return None
    kwargs = dict(decorator.kwargs)
    params: dict[str, Any] = {
        "name": node.name,
        "minimum_interval_seconds": kwargs.pop("minimum_interval_seconds", 30),
        "description": kwargs.pop("description", ""),
    }
    status = name_of(kwargs.pop("default_status", None))
    if status is not None:
        params["default_status"] = status.removeprefix(_STATUS)
    literals = leading_literals(node)
    if decorator.func == "dg.asset_sensor":
        params["sensor_type"] = "asset"
        params["asset"] = read_asset_key(kwargs.pop("asset_key", None))
    elif decorator.func == "dg.run_status_sensor":
        params["sensor_type"] = "run_status"
        run_status = name_of(kwargs.pop("run_status", None)) or ""
        params["run_status"] = run_status.removeprefix(_RUN_STATUS)
        params["monitored_jobs"] = literals.get("monitored_jobs", [])
        job = kwargs.pop("request_job", None)
        if isinstance(job, Call):
            params["target"] = {"selection": job.kwargs.get("selection")}
    elif "watched" in literals:
        params["sensor_type"] = "file"
        params["path"] = literals["watched"]
    else:
        params["sensor_type"] = "custom"
        params["body"] = function_parts(source, node)[1]
    if "job_name" in kwargs:
        params["target"] = {"job": kwargs.pop("job_name")}
    elif "target" in kwargs:
        params["target"] = {"selection": kwargs.pop("target")}
    return params if not kwargs else None
