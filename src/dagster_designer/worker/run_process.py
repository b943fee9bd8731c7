"""A run process: one Dagster run, executed in the project's environment, outside the worker.

It loads the definitions before it is asked for anything, says `ready`, and waits: the server
keeps one such process warm per project, so that a launch costs no import and no load. Asked to
`launch`, it plans the request (a bad one is refused and the process keeps waiting), creates the
run in the instance, answers its id at once, then executes it with Dagster's own machinery
(`execute_run_iterator`, noting where each step's output starts: `run_log.StepMarks`) and exits.
The server ends it with its process group to cancel it. If the channel closes while it runs
(the server stopped), it marks its run FAILURE and ends.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from . import errors, loader, protocol, run_history, run_log, run_plan
from .project import ProjectInfo

DESIGNER_STOPPED = "The designer stopped while the run was going on."
T = TypeVar("T")


def serve(project: ProjectInfo, requests: BinaryIO, replies: BinaryIO, ahead: bool) -> int:
    """`ahead`: a warm process, loading before anyone asks; else a launch waits for it."""
    repo, load_errors = _yielding(lambda: _load(project)) if ahead else _load(project)
    run_id = _prepare_run_storage()
    protocol.send(replies, {"event": "ready", "pid": os.getpid(), "errors": load_errors})
    while (message := protocol.read(requests)) is not None:
        request_id = message.get("id", 0)
        try:
            made = run_plan.plan(repo, message.get("params") or {})
            run = _create(made, run_id)
        except run_plan.RunRequestError as exc:
            protocol.send(
                replies, protocol.failure(request_id, {"type": "user", "message": str(exc)})
            )
            continue
        except Exception as exc:
            described = errors.describe(exc, project)
            error = {"type": type(exc).__name__, "message": described[0]["message"]}
            protocol.send(replies, protocol.failure(request_id, error))
            continue
        answer = {"run_id": run.run_id, "status": run.status.value}
        protocol.send(replies, protocol.success(request_id, answer))
        _end_with_channel(requests, run.run_id)
        return _execute(made, run)
    _forget_run_storage(run_id)  # dropped without a launch
    return 0


def _prepare_run_storage() -> str:
    """The id of the next run, its event storage made already. SQLite storage (Dagster's
    default) keeps a database per run, and making one is most of what creating a run costs
    (0.3 to 0.8 s): done while waiting, a launch does not wait for it."""
    from dagster._core.utils import make_new_run_id

    instance = run_history.instance()
    instance.get_run_records(limit=1)  # the run storage opened
    run_id = make_new_run_id()
    storage = instance.event_log_storage
    if hasattr(storage, "path_for_shard"):
        with storage.run_connection(run_id):  # one at a time: they take the same lock
            pass
        with storage.index_connection():
            pass
    return run_id


def _forget_run_storage(run_id: str) -> None:
    storage = run_history.instance().event_log_storage
    if hasattr(storage, "path_for_shard"):
        path = storage.path_for_shard(run_id)
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(path + suffix).unlink(missing_ok=True)


def _yielding(work: Callable[[], T]) -> T:
    """`work` done in a thread that yields the processor (nice +10). The load ahead of a launch
    is background work: at thousands of assets it takes seconds of processor beside the user's
    browser, after each pause in editing. Linux gives each thread its own nice value, and one
    given up cannot be taken back: the run, executed later from the main thread, keeps the
    process's own priority; a launch that comes before the load is done does not wait for it
    (`services/runs.py`)."""
    done: list[T] = []
    failed: list[BaseException] = []

    def target() -> None:
        if sys.platform == "linux":  # elsewhere a thread's id is no process id to renice
            with contextlib.suppress(OSError):
                thread = threading.get_native_id()
                nice = os.getpriority(os.PRIO_PROCESS, thread)
                os.setpriority(os.PRIO_PROCESS, thread, nice + 10)
        try:
            done.append(work())
        except BaseException as exc:  # raised again where the caller waits
            failed.append(exc)

    loading = threading.Thread(target=target, name="load ahead of a launch")
    loading.start()
    loading.join()
    if failed:
        raise failed[0]
    return done[0]


def _load(project: ProjectInfo) -> tuple[Any, list[dict[str, Any]]]:
    try:
        target, _tree = loader.load_target(project)
        return loader.build_repository(target), []
    except BaseException as exc:  # user code may raise anything
        if isinstance(exc, KeyboardInterrupt):
            raise
        return None, errors.describe(exc, project)


def _create(made: run_plan.Plan, run_id: str) -> Any:
    return run_history.instance().create_run_for_job(
        job_def=made.job,
        run_id=run_id,
        run_config=made.run_config,
        tags={**made.tags, run_history.LAUNCHED_BY[0]: run_history.LAUNCHED_BY[1]},
        asset_selection=made.asset_keys,
    )


def _execute(made: run_plan.Plan, run: Any) -> int:
    from dagster import DagsterRunStatus
    from dagster._core.definitions.job_base import InMemoryJob
    from dagster._core.execution.api import execute_run_iterator

    instance = run_history.instance()
    marks = run_log.StepMarks(run.run_id)  # where each step's output starts, for the log
    try:
        for event in execute_run_iterator(InMemoryJob(made.job), run, instance):
            marks.note(event)
    except BaseException:  # Dagster records step errors itself; this is its own failure
        traceback.print_exc()
        run_history.mark_ended(run.run_id, "FAILURE", traceback.format_exc()[-4000:])
        return 1
    ended = instance.get_run_by_id(run.run_id)
    return 0 if ended is not None and ended.status == DagsterRunStatus.SUCCESS else 1


def _end_with_channel(requests: BinaryIO, run_id: str) -> None:
    """When the server is gone, the run cannot be watched or cancelled: it ends, recorded."""

    def watch() -> None:
        while requests.read(4096):
            pass
        run_history.mark_ended(run_id, "FAILURE", DESIGNER_STOPPED)
        os._exit(1)

    threading.Thread(target=watch, name="channel-watch", daemon=True).start()
