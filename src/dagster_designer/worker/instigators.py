"""Schedules and sensors of the loaded definitions in the project's instance: whether each is
running, turning it on or off, and one tick evaluated on demand, launching nothing.

The state is Dagster's own `InstigatorState`, written by `DagsterInstance.start_schedule` and
its siblings, as the webserver's mutations write it. The instance finds a state by its selector
(code location, repository and instigator names; the schedule storage's selector index), never
by the origin recorded with it: `dg dev` serves a project through a code server whose origin
(its port or socket) changes with every start. So the location is named as `dg dev` names it
(`code_location_name`, else the project folder's name), and the origin recorded is the stable
one of `dg dev`'s workspace entry (the project's target module, working in the folder above its
root module, no executable path). A schedule turned on here is the one `dg dev`'s daemon runs;
one turned on in Dagster's UI is running here.

A tick is evaluated as the code server evaluates one (the required resources only), with the
instance and, for a sensor, its stored cursor; the new cursor is not stored.
"""

from __future__ import annotations

import time
from itertools import islice
from typing import Any, Literal

from . import errors, loader, run_history
from .project import ProjectInfo

Kind = Literal["schedule", "sensor"]
NEXT_TICKS = 5


class InstigatorError(ValueError):
    """A request that cannot be answered (definitions that do not load, user code that raised);
    `errors` say where, with file and line."""

    def __init__(self, message: str, found: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.errors = found


def listing(project: ProjectInfo, repo: Any, kind: Kind) -> list[dict[str, Any]]:
    repo = _loaded(repo)
    defs = repo.schedule_defs if kind == "schedule" else repo.sensor_defs
    handle = _handle(project, repo)
    now = time.time()
    return [
        _describe(repo, _remote(repo, handle, kind, d.name), d, now)
        for d in sorted(defs, key=lambda d: d.name)
    ]


def set_running(
    project: ProjectInfo, repo: Any, kind: Kind, name: str, running: bool
) -> dict[str, Any] | None:
    """Turns it on or off in the instance; None when there is no such schedule or sensor."""
    repo = _loaded(repo)
    if not _exists(repo, kind, name):
        return None
    remote = _remote(repo, _handle(project, repo), kind, name)
    instance = run_history.instance()
    origin_id, selector_id = remote.get_remote_origin_id(), remote.selector_id
    if kind == "schedule":
        if running:
            instance.start_schedule(remote)
        else:
            instance.stop_schedule(origin_id, selector_id, remote)
    elif running:
        instance.start_sensor(remote)
    else:
        instance.stop_sensor(origin_id, selector_id, remote)
    return _describe(repo, remote, _definition(repo, kind, name), time.time())


def tick(project: ProjectInfo, repo: Any, kind: Kind, name: str) -> dict[str, Any] | None:
    """The run requests (or the reason to skip) of one tick evaluated now; None when there is
    no such schedule or sensor."""
    repo = _loaded(repo)
    if not _exists(repo, kind, name):
        return None
    definition = _definition(repo, kind, name)
    remote = _remote(repo, _handle(project, repo), kind, name)
    try:
        data = _evaluate(repo, remote, definition, kind)
    except BaseException as exc:  # user code: anything, SystemExit included
        if isinstance(exc, KeyboardInterrupt):
            raise
        found = errors.describe(exc, project)
        where = found[0] if found else {}
        at = f" ({where['file']}, line {where['line']})" if where.get("file") else ""
        message = where.get("message") or repr(exc)
        raise InstigatorError(f"The {kind} `{name}` raised {message}{at}.", found) from exc
    default_job = _job_names(definition)
    return {
        "run_requests": [
            _run_request(repo, request, default_job[0] if len(default_job) == 1 else None)
            for request in data.run_requests or ()
        ],
        "skip_reason": data.skip_message,
    }


# ----------------------------------------------------------------------------------------------


def _loaded(repo: Any) -> Any:
    if repo is None:
        raise InstigatorError("The project's definitions do not load: fix their errors first.")
    return repo


def _exists(repo: Any, kind: Kind, name: str) -> bool:
    return repo.has_schedule_def(name) if kind == "schedule" else repo.has_sensor_def(name)


def _definition(repo: Any, kind: Kind, name: str) -> Any:
    return repo.get_schedule_def(name) if kind == "schedule" else repo.get_sensor_def(name)


def _handle(project: ProjectInfo, repo: Any) -> Any:
    """The repository as `dg dev`'s webserver and daemon see it (dagster_dg_cli
    `create_temp_workspace_file`, dagster `location_origin_from_module_name`)."""
    from dagster._core.remote_origin import ManagedGrpcPythonEnvCodeLocationOrigin
    from dagster._core.remote_representation.handle import RepositoryHandle
    from dagster._core.types.loadable_target_origin import LoadableTargetOrigin

    working_directory = project.working_directory or project.root
    origin = ManagedGrpcPythonEnvCodeLocationOrigin(
        LoadableTargetOrigin(
            module_name=project.target_module, working_directory=str(working_directory)
        ),
        project.location_name or project.root.name,
    )
    return RepositoryHandle(
        repository_name=repo.name,
        code_location_origin=origin,
        repository_python_origin=None,
        display_metadata=origin.get_display_metadata(),
    )


def _remote(repo: Any, handle: Any, kind: Kind, name: str) -> Any:
    """The schedule or sensor as the webserver holds it: its snapshot and handle."""
    from dagster._core.remote_representation.external import RemoteSchedule, RemoteSensor
    from dagster._core.remote_representation.external_data import ScheduleSnap, SensorSnap

    if kind == "schedule":
        return RemoteSchedule(ScheduleSnap.from_def(repo.get_schedule_def(name), repo), handle)
    return RemoteSensor(SensorSnap.from_def(repo.get_sensor_def(name), repo), handle)


def _state(remote: Any) -> Any:
    """The state Dagster's tools see: the stored one, or the one declared in code."""
    stored = run_history.instance().get_instigator_state(
        remote.get_remote_origin_id(), remote.selector_id
    )
    return remote.get_current_instigator_state(stored)


def _describe(repo: Any, remote: Any, definition: Any, now: float) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": remote.name,
        "running": _state(remote).is_running,
        "default_status": definition.default_status.value,
        "targets": [_target(repo, job) for job in _job_names(definition)],
    }
    if hasattr(remote, "cron_schedule"):
        cron = remote.cron_schedule
        described["cron_schedule"] = cron if isinstance(cron, str) else ", ".join(cron)
        described["execution_timezone"] = remote.execution_timezone or "UTC"
        ticks = islice(remote.execution_time_iterator(now), NEXT_TICKS)
        described["next_ticks"] = [t.isoformat() for t in ticks]
    else:
        described["minimum_interval_seconds"] = definition.minimum_interval_seconds
        described["sensor_type"] = definition.sensor_type.value
    return described


def _job_names(definition: Any) -> list[str]:
    """The jobs it launches: a schedule has one target, a sensor any number."""
    try:
        targets = definition.targets if hasattr(definition, "targets") else [definition.target]
        return [target.job_name for target in targets]
    except Exception:  # one without a target
        return []


def _target(repo: Any, job_name: str) -> dict[str, Any]:
    return {"job_name": job_name, "asset_keys": _asset_keys(repo, job_name)}


def _asset_keys(repo: Any, job_name: str | None) -> list[str]:
    if job_name is None or not repo.has_job(job_name):
        return []
    return loader.job_asset_keys(repo.get_job(job_name))


def _evaluate(repo: Any, remote: Any, definition: Any, kind: Kind) -> Any:
    from dagster import build_schedule_context, build_sensor_context
    from dagster._core.execution.resources_init import get_transitive_required_resource_keys

    instance = run_history.instance()
    available = repo.get_top_level_resources()
    required = get_transitive_required_resource_keys(definition.required_resource_keys, available)
    resources = {k: v for k, v in available.items() if k in required}
    if kind == "schedule":
        when = next(remote.execution_time_iterator(time.time()))
        with build_schedule_context(
            instance=instance,
            scheduled_execution_time=when,
            resources=resources,
            repository_def=repo,
        ) as context:
            return definition.evaluate_tick(context)
    data = getattr(_state(remote), "instigator_data", None)
    with build_sensor_context(
        instance=instance,
        cursor=getattr(data, "cursor", None),
        repository_name=repo.name,
        repository_def=repo,
        sensor_name=definition.name,
        resources=resources,
        last_sensor_start_time=getattr(data, "last_sensor_start_timestamp", None),
    ) as context:
        return definition.evaluate_tick(context)


def _run_request(repo: Any, request: Any, default_job: str | None) -> dict[str, Any]:
    job_name = request.job_name or default_job
    selected = request.asset_selection
    return {
        "run_key": request.run_key,
        "asset_keys": (
            sorted(k.to_user_string() for k in selected)
            if selected is not None
            else _asset_keys(repo, job_name)
        ),
        "job_name": job_name,
        "tags": dict(request.tags),
    }
