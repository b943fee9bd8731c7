"""The project's Dagster instance as the designer reads it: runs, their events (step output
included), the latest state of each asset; and the status changes made from outside a run
(canceling, canceled, failed because its process ended).

The instance is the one `DAGSTER_HOME` names (the server sets it for every project process), so
what is read here is what `dg dev` on the same instance shows.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .metadata import recorded

# Runs that have not ended.
LIVE_STATUSES = ("QUEUED", "NOT_STARTED", "STARTING", "STARTED", "CANCELING")
# The tag of the runs the designer launched: only those can be left without their process by
# a designer that stopped (a `dg dev` on the same instance runs its own).
LAUNCHED_BY = ("dagster_designer/launched_by", "designer")
_CHECK_EVALUATION = "ASSET_CHECK_EVALUATION"


@cache
def instance() -> Any:
    from dagster import DagsterInstance

    return DagsterInstance.get()


def run_summary(record: Any) -> dict[str, Any]:
    run = record.dagster_run
    return {
        "run_id": run.run_id,
        "status": run.status.value,
        "job_name": run.job_name,
        "asset_keys": sorted(k.to_user_string() for k in run.asset_selection or ()),
        "start_time": record.start_time,
        "end_time": record.end_time,
    }


def list_runs(
    status: str | None = None, job: str | None = None, asset: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    from dagster import AssetKey, DagsterRunStatus, RunsFilter

    filters = RunsFilter(
        statuses=[DagsterRunStatus(status)] if status else [],
        job_name=job or None,
    )
    if asset is None:
        return [run_summary(r) for r in instance().get_run_records(filters, limit=limit)]
    key = AssetKey.from_user_string(asset)
    found = []
    for record in instance().get_run_records(filters):  # newest first
        if key in (record.dagster_run.asset_selection or ()):
            found.append(run_summary(record))
            if len(found) == limit:
                break
    return found


def get_run(run_id: str) -> dict[str, Any] | None:
    from dagster import RunsFilter

    records = instance().get_run_records(RunsFilter(run_ids=[run_id]), limit=1)
    if not records:
        return None
    summary = run_summary(records[0])
    summary["error"] = _error(run_id) if summary["status"] == "FAILURE" else None
    return summary


def _error(run_id: str) -> dict[str, str] | None:
    """The first step failure of a run (its user error and the whole stack), or else why the run
    itself failed."""
    from dagster import DagsterEventType

    for kind in (DagsterEventType.STEP_FAILURE, DagsterEventType.RUN_FAILURE):
        records = instance().get_records_for_run(run_id, of_type=kind, limit=1).records
        if not records:
            continue
        entry = records[0].event_log_entry
        data = entry.dagster_event.event_specific_data if entry.dagster_event else None
        error = getattr(data, "error", None)
        if error is not None:
            root = error
            while root.cause is not None:
                root = root.cause
            return {"message": root.message.strip(), "stack": error.to_string()}
        return {"message": entry.message or entry.user_message, "stack": ""}
    return None


def asset_status(repo: Any) -> list[dict[str, Any]]:
    """Per asset of the definitions: its last materialization, its last run, its checks."""
    if repo is None:
        return []
    graph = repo.asset_graph
    keys = sorted(k for k in graph.get_all_asset_keys() if graph.get(k).is_materializable)
    records = {r.asset_entry.asset_key: r.asset_entry for r in instance().get_asset_records(keys)}
    run_ids = {e.last_run_id for e in records.values() if e.last_run_id}
    statuses = _statuses(run_ids)
    check_keys = [c for k in keys for c in graph.get(k).check_keys]
    storage = instance().event_log_storage
    executions = storage.get_latest_asset_check_execution_by_key(check_keys) if check_keys else {}
    out = []
    for key in keys:
        entry = records.get(key)
        materialization = entry.last_materialization_record if entry else None
        last_run = entry.last_run_id if entry else None
        out.append(
            {
                "key": key.to_user_string(),
                "last_materialization": (
                    {
                        "run_id": materialization.run_id,
                        "timestamp": materialization.timestamp,
                        "metadata": recorded(_materialization_metadata(materialization)),
                    }
                    if materialization is not None
                    else None
                ),
                "last_run": (
                    {"run_id": last_run, "status": statuses.get(last_run, "UNKNOWN")}
                    if last_run
                    else None
                ),
                "checks": [_check(c, executions.get(c)) for c in sorted(graph.get(key).check_keys)],
            }
        )
    return out


def _materialization_metadata(record: Any) -> Any:
    found = record.event_log_entry.asset_materialization
    return found.metadata if found is not None else None


def _statuses(run_ids: set[str]) -> dict[str, str]:
    from dagster import RunsFilter

    if not run_ids:
        return {}
    runs = instance().get_runs(RunsFilter(run_ids=sorted(run_ids)))
    return {run.run_id: run.status.value for run in runs}


def _check(key: Any, execution: Any) -> dict[str, Any]:
    evaluation = None
    if execution is not None and execution.event is not None and execution.event.dagster_event:
        event = execution.event.dagster_event
        is_evaluation = event.event_type.name == _CHECK_EVALUATION
        evaluation = event.asset_check_evaluation_data if is_evaluation else None
    return {
        "name": key.name,
        "passed": evaluation.passed if evaluation is not None else None,
        "severity": evaluation.severity.value if evaluation is not None else None,
    }


# ----------------------------------------------------------------------------------------------
# status changes from outside a run


def _live_run(run_id: str) -> Any:
    run = instance().get_run_by_id(run_id)
    return run if run is not None and run.status.value in LIVE_STATUSES else None


def mark_canceling(run_id: str) -> bool:
    run = _live_run(run_id)
    if run is None:
        return False
    instance().report_run_canceling(run, "Canceling: the designer stops the run's process.")
    return True


def mark_ended(run_id: str, status: str, reason: str) -> str | None:
    """A run whose process is gone ends CANCELED or FAILURE with `reason`, unless it ended by
    itself; answers the status it has now."""
    run = _live_run(run_id)
    if run is None:
        current = instance().get_run_by_id(run_id)
        return current.status.value if current is not None else None
    if status == "CANCELED":
        instance().report_run_canceled(run, reason)
    else:
        instance().report_run_failed(run, reason)
    return status


def fail_orphans(reason: str, keep: list[str] | None = None) -> list[str]:
    """Runs the designer launched that have not ended and have no process (`keep` are the live
    ones) end FAILURE."""
    from dagster import DagsterRunStatus, RunsFilter

    statuses = [DagsterRunStatus(s) for s in LIVE_STATUSES]
    filters = RunsFilter(statuses=statuses, tags=dict([LAUNCHED_BY]))
    ended = []
    for run in instance().get_runs(filters):
        if run.run_id not in (keep or []):
            instance().report_run_failed(run, reason)
            ended.append(run.run_id)
    return ended
