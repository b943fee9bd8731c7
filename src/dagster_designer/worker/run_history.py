"""The project's Dagster instance as the designer reads it: runs, their events (step output
included), the latest state of each asset; and the status changes made from outside a run
(canceling, canceled, failed because its process ended).

The instance is the one `DAGSTER_HOME` names (the server sets it for every project process), so
what is read here is what `dg dev` on the same instance shows.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

# Runs that have not ended.
LIVE_STATUSES = ("QUEUED", "NOT_STARTED", "STARTING", "STARTED", "CANCELING")
# The tag of the runs the designer launched: only those can be left without their process by
# a designer that stopped (a `dg dev` on the same instance runs its own).
LAUNCHED_BY = ("dagster_designer/launched_by", "designer")
# Captured stdout and stderr sent as events, at most this much of each.
MAX_OUTPUT = 1024 * 1024
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


def run_events(run_id: str, after: int | None = None, limit: int = 1000) -> dict[str, Any]:
    """Events after the cursor `after` (a storage id). A run's captured stdout and stderr come
    as events of their own (`STDOUT`, `STDERR`) just before the event that ends the run, under
    its cursor, so that reading on from a cursor never repeats or skips them."""
    from dagster import DagsterEventType
    from dagster._core.storage.event_log.base import EventLogCursor

    cursor = EventLogCursor.from_storage_id(after).to_string() if after is not None else None
    connection = instance().get_records_for_run(run_id, cursor=cursor, limit=limit)
    ends = {
        DagsterEventType.RUN_SUCCESS,
        DagsterEventType.RUN_FAILURE,
        DagsterEventType.RUN_CANCELED,
    }
    events: list[dict[str, Any]] = []
    last = after
    for record in connection.records:
        entry = record.event_log_entry
        event = entry.dagster_event
        if event is not None and event.event_type in ends:
            events += _output_events(run_id, record.storage_id, entry.timestamp)
        events.append(_event(record.storage_id, entry))
        last = record.storage_id
    run = instance().get_run_by_id(run_id)
    done = run is not None and run.status.value not in LIVE_STATUSES and not connection.has_more
    return {"events": events, "cursor": last, "done": done}


def _event(storage_id: int, entry: Any) -> dict[str, Any]:
    event = entry.dagster_event
    asset_key = getattr(event, "asset_key", None) if event is not None else None
    if event is not None and asset_key is None and event.event_type.name == _CHECK_EVALUATION:
        asset_key = event.asset_check_evaluation_data.asset_key
    message = entry.message if event is not None else entry.user_message
    if event is not None and event.event_type.name == "STEP_FAILURE":
        error = getattr(event.event_specific_data, "error", None)
        message = error.to_string() if error is not None else message
    return {
        "cursor": storage_id,
        "timestamp": entry.timestamp,
        "level": logging.getLevelName(entry.level),
        "event_type": event.event_type.name if event is not None else "LOG",
        "step_key": entry.step_key,
        "asset_key": asset_key.to_user_string() if asset_key is not None else None,
        "message": message or "",
    }


def _output_events(run_id: str, cursor: int, timestamp: float) -> list[dict[str, Any]]:
    """What the run's steps wrote, from the compute logs Dagster captured."""
    from dagster import DagsterEventType

    manager = instance().compute_log_manager
    captured = instance().get_records_for_run(run_id, of_type=DagsterEventType.LOGS_CAPTURED)
    events = []
    for record in captured.records:
        data = record.event_log_entry.dagster_event.event_specific_data
        steps = list(data.step_keys or [])
        log = manager.get_log_data(manager.build_log_key_for_run(run_id, data.file_key))
        for kind, raw in (("STDOUT", log.stdout), ("STDERR", log.stderr)):
            text = (raw or b"")[:MAX_OUTPUT].decode(errors="replace")
            if text.strip():
                events.append(
                    {
                        "cursor": cursor,
                        "timestamp": timestamp,
                        "level": "INFO" if kind == "STDOUT" else "WARNING",
                        "event_type": kind,
                        "step_key": steps[0] if len(steps) == 1 else None,
                        "asset_key": None,
                        "message": text,
                    }
                )
    return events


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
                    {"run_id": materialization.run_id, "timestamp": materialization.timestamp}
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
