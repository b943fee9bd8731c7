"""A run process: one Dagster run, executed in the project's environment, outside the worker.

It loads the definitions before it is asked for anything, says `ready`, and waits: the server
keeps one such process warm per project, so that a launch costs no import and no load. Asked to
`launch`, it plans the request (a bad one is refused and the process keeps waiting), creates the
run in the instance, answers its id at once, then executes it with Dagster's own machinery
(`execute_run`) and exits. The server ends it with its process group to cancel it. If the
channel closes while it runs (the server stopped), it marks its run FAILURE and ends.
"""

from __future__ import annotations

import os
import threading
import traceback
from typing import Any, BinaryIO

from . import errors, loader, protocol, run_history, run_plan
from .project import ProjectInfo

DESIGNER_STOPPED = "The designer stopped while the run was going on."


def serve(project: ProjectInfo, requests: BinaryIO, replies: BinaryIO) -> int:
    repo, load_errors = _load(project)
    run_history.instance().get_run_records(limit=1)  # opened before a launch waits on it
    protocol.send(replies, {"event": "ready", "pid": os.getpid(), "errors": load_errors})
    while (message := protocol.read(requests)) is not None:
        request_id = message.get("id", 0)
        try:
            made = run_plan.plan(repo, message.get("params") or {})
            run = _create(made)
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
        protocol.send(replies, protocol.success(request_id, {"run_id": run.run_id}))
        _end_with_channel(requests, run.run_id)
        return _execute(made, run)
    return 0


def _load(project: ProjectInfo) -> tuple[Any, list[dict[str, Any]]]:
    try:
        target, _tree = loader.load_target(project)
        return loader.build_repository(target), []
    except BaseException as exc:  # user code may raise anything
        if isinstance(exc, KeyboardInterrupt):
            raise
        return None, errors.describe(exc, project)


def _create(made: run_plan.Plan) -> Any:
    return run_history.instance().create_run_for_job(
        job_def=made.job,
        run_config=made.run_config,
        tags={**made.tags, run_history.LAUNCHED_BY[0]: run_history.LAUNCHED_BY[1]},
        asset_selection=made.asset_keys,
    )


def _execute(made: run_plan.Plan, run: Any) -> int:
    from dagster._core.definitions.job_base import InMemoryJob
    from dagster._core.execution.api import execute_run

    try:
        result = execute_run(InMemoryJob(made.job), run, run_history.instance())
    except BaseException:  # Dagster records step errors itself; this is its own failure
        traceback.print_exc()
        run_history.mark_ended(run.run_id, "FAILURE", traceback.format_exc()[-4000:])
        return 1
    return 0 if result.success else 1


def _end_with_channel(requests: BinaryIO, run_id: str) -> None:
    """When the server is gone, the run cannot be watched or cancelled: it ends, recorded."""

    def watch() -> None:
        while requests.read(4096):
            pass
        run_history.mark_ended(run_id, "FAILURE", DESIGNER_STOPPED)
        os._exit(1)

    threading.Thread(target=watch, name="channel-watch", daemon=True).start()
