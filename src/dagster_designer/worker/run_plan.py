"""What a launch request means for the loaded definitions: the job to execute, its run config,
tags and selection, or why it cannot run (`RunRequestError`, which launches nothing).

The same plan is made twice: by the long-lived worker, to refuse a bad request at once, and by
the run process, which executes it. A selection is materialized as `dg launch --assets` does:
the implicit asset job of the selected assets, their checks included; `checks_only` runs the
checks of the selected assets and not the assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import run_history
from .selection import SelectionError, resolve

# Steps run one after another in the run process: each step of the multiprocess executor would
# start a process that loads the definitions again (seconds per step).
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}


class RunRequestError(ValueError):
    """A request that cannot launch: the message says what to change."""


@dataclass(frozen=True)
class Plan:
    job: Any  # JobDefinition, subset for a selection of checks only
    run_config: dict[str, Any]
    tags: dict[str, str]
    asset_keys: frozenset[Any] | None  # recorded on the run as its asset selection


def plan(repo: Any, request: dict[str, Any]) -> Plan:
    if repo is None:
        raise RunRequestError("The project's definitions do not load: fix their errors first.")
    selection, job_name = request.get("selection"), request.get("job")
    if bool(selection) == bool(job_name):
        raise RunRequestError("Give either an asset `selection` or a `job` to run, not both.")
    config = request.get("config") or {}
    if not isinstance(config, dict):
        raise RunRequestError('`config` is run config: an object such as {"ops": {...}}.')
    tags = {str(k): str(v) for k, v in (request.get("tags") or {}).items()}
    partition = request.get("partition")
    if selection:
        job, keys = _asset_job(repo, selection, bool(request.get("checks_only")))
    else:
        job, keys = _named_job(repo, job_name), None
    tags.update(_partition_tags(job, keys, partition))
    run_config = _with_executor(job, config)
    _validate_config(job, run_config)
    return Plan(job, run_config, tags, None if request.get("checks_only") else keys)


def check(repo: Any, request: dict[str, Any]) -> dict[str, bool]:
    """The request would launch (else `RunRequestError`)."""
    plan(repo, request)
    return {"ok": True}


def _asset_job(repo: Any, text: str, checks_only: bool) -> tuple[Any, frozenset[Any]]:
    try:
        keys, checks = resolve(repo, text)
    except SelectionError as exc:
        raise RunRequestError(str(exc)) from exc
    graph = repo.asset_graph
    executable = frozenset(k for k in keys if graph.get(k).is_executable)
    if not executable:
        what = "selects no asset" if not keys else "selects only assets that cannot be materialized"
        raise RunRequestError(f"The selection `{text}` {what}: nothing to run.")
    job = repo.get_implicit_job_def_for_assets(executable)
    if job is None:
        raise RunRequestError(
            "The selected assets cannot run together: they must share one partitions "
            "definition, or have none."
        )
    if checks_only:
        own = frozenset(c for c in checks if c.asset_key in executable)
        if not own:
            raise RunRequestError(f"The assets of `{text}` have no checks to run.")
        return job.get_subset(asset_selection=set(), asset_check_selection=own), executable
    # the selected assets and all their checks, as `execute_job(asset_selection=...)` does
    return job.get_subset(asset_selection=executable), executable


def _named_job(repo: Any, name: str) -> Any:
    if not repo.has_job(name):
        known = ", ".join(f"`{n}`" for n in sorted(repo.job_names) if not n.startswith("__"))
        raise RunRequestError(f"No job `{name}` in the definitions. Jobs: {known or 'none'}.")
    return repo.get_job(name)


def _partition_tags(job: Any, keys: frozenset[Any] | None, partition: str | None) -> dict:
    from dagster._core.definitions.partitions.context import partition_loading_context
    from dagster._core.errors import DagsterUnknownPartitionError

    partitioned = _is_partitioned(job, keys)
    if partition is None:
        if partitioned:
            raise RunRequestError("The selected assets are partitioned: give a `partition`.")
        return {}
    if not partitioned:
        raise RunRequestError(f"Nothing selected is partitioned, so `{partition}` means nothing.")
    with partition_loading_context(dynamic_partitions_store=run_history.instance()) as context:
        pass  # as `dg launch` makes it: dynamic partitions are read from the instance
    try:
        job.validate_partition_key(partition, selected_asset_keys=keys, context=context)
        return dict(job.get_tags_for_partition_key(partition, selected_asset_keys=keys))
    except (DagsterUnknownPartitionError, ValueError, KeyError) as exc:
        raise RunRequestError(f"No partition `{partition}`: {exc}") from exc


def _is_partitioned(job: Any, keys: frozenset[Any] | None) -> bool:
    if keys is None:
        return job.partitions_def is not None
    return any(job.asset_layer.get(key).partitions_def is not None for key in keys)


def _with_executor(job: Any, config: dict[str, Any]) -> dict[str, Any]:
    from dagster._core.definitions.executor_definition import multi_or_in_process_executor

    if "execution" in config or job.executor_def is not multi_or_in_process_executor:
        return config
    return {**config, **IN_PROCESS}


def _validate_config(job: Any, run_config: dict[str, Any]) -> None:
    from dagster import DagsterInvalidConfigError, validate_run_config

    try:
        validate_run_config(job, run_config)
    except DagsterInvalidConfigError as exc:
        problems = "; ".join(error.message for error in exc.errors) or str(exc)
        raise RunRequestError(f"Invalid run config: {problems}") from exc
