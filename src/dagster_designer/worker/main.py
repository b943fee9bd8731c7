"""Worker entry point: answers the server's requests over a private copy of stdin/stdout.

User code may print, read stdin or write to file descriptor 1 from C; none of that may corrupt
the protocol. So the worker keeps duplicates of fds 0 and 1 for itself and points the real
ones at /dev/null and stderr before anything else is imported.

Usage (through the server's bootstrap): ``main(["serve", PROJECT_JSON])`` answers requests until
stdin closes; ``main(["call", PROJECT_JSON, METHOD])`` answers one request and exits;
``main(["run", PROJECT_JSON])`` is a run process (``run_process``). Either way the process then
ends at once, whatever threads user code left running.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from . import fresh_sources, interruption, protocol
from .project import ProjectInfo


def _handlers(project: ProjectInfo) -> dict[str, Callable[..., Any]]:
    from . import (
        fills,
        instigators,
        metadata,
        registry,
        run_history,
        run_log,
        run_plan,
        scaffold,
        yaml_check,
    )
    from .engine import Engine
    from .sent_definitions import SentDefinitions

    engine = Engine(project)
    sent = SentDefinitions()

    def check(path: str, text: str | None = None) -> dict[str, Any]:
        try:
            import jsonschema  # noqa: F401 - dagster-dg-core brings it; without it, load only
        except ImportError:
            return {"errors": [], "checked": False}
        errors = yaml_check.check_file(project, project.root / path, text)
        return {"errors": errors, "checked": True}

    return {
        "ping": lambda: {"pid": os.getpid()},
        "load": lambda changed=None: engine.reload(changed),
        "load_since": lambda changed=None, base=None: sent.answer(engine.reload(changed), base),
        "check_jobs": engine.check_jobs,
        "confirm": engine.confirm,
        "select": engine.select,
        "asset_metadata": lambda key: metadata.asset_metadata(engine.repo, key),
        "registry": lambda: registry.list_types(project),
        "fills": lambda type: fills.fills(project, engine.tree, type),
        "check": check,
        "scaffold": lambda type, path, params=None, format="yaml": scaffold.scaffold(
            project, type, path, params, format
        ),
        "check_run": lambda request: run_plan.check(engine.repo, request),
        "runs": run_history.list_runs,
        "run": run_history.get_run,
        "run_events": run_log.run_events,
        "asset_status": lambda: run_history.asset_status(engine.repo),
        "mark_canceling": run_history.mark_canceling,
        "mark_ended": run_history.mark_ended,
        "fail_orphans": run_history.fail_orphans,
        "instigators": lambda kind: instigators.listing(project, engine.repo, kind),
        "set_instigator": lambda kind, name, running: instigators.set_running(
            project, engine.repo, kind, name, running
        ),
        "tick": lambda kind, name: instigators.tick(project, engine.repo, kind, name),
    }


def _error_payload(exc: BaseException, project: ProjectInfo) -> dict[str, Any]:
    from . import errors
    from .instigators import InstigatorError
    from .run_plan import RunRequestError
    from .scaffold import ScaffoldError

    if isinstance(exc, (ScaffoldError, RunRequestError)):
        return {"type": "user", "message": str(exc)}
    if isinstance(exc, InstigatorError):
        return {"type": "user", "message": str(exc), "errors": exc.errors}
    described = errors.describe(exc, project)
    return {
        "type": type(exc).__name__,
        "message": described[0]["message"] if described else str(exc),
        "errors": described,
        "traceback": "".join(traceback.format_exception(exc))[-20000:],
    }


def _answer(
    handlers: dict[str, Callable[..., Any]], message: dict[str, Any], project: ProjectInfo
) -> dict[str, Any]:
    request_id = message.get("id", 0)
    handler = handlers.get(message.get("method", ""))
    if handler is None:
        return protocol.failure(
            request_id, {"type": "protocol", "message": f"unknown method {message.get('method')}"}
        )
    try:
        return protocol.success(request_id, handler(**(message.get("params") or {})))
    except BaseException as exc:  # user code runs inside the handlers; SystemExit included
        if isinstance(exc, KeyboardInterrupt):
            raise
        return protocol.failure(request_id, _error_payload(exc, project))


def _leave(replies: BinaryIO, code: int) -> NoReturn:
    """End the process now: a normal exit would wait for every non-daemon thread user code
    started, and a worker whose server is gone (even killed hard) must not linger."""
    for stream in (replies, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # the server may be gone with the pipe
            stream.flush()
    os._exit(code)


def main(argv: list[str]) -> NoReturn:
    requests, replies = protocol.take_channel()
    # On SIGUSR1 print every thread's stack: the server asks for it before killing a hung worker.
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    mode, project_json = argv[0], argv[1]
    project = ProjectInfo.from_json(project_json)
    os.chdir(project.root)

    import dagster  # the expensive import, done once before the first request

    fresh_sources.install(project)
    interruption.install()  # before `ready`: the server signals ready workers only

    if mode == "run":
        from . import run_process

        ahead = argv[2:3] == ["ahead"]  # a warm process, loaded before any launch asks
        _leave(replies, run_process.serve(project, requests, replies, ahead))
    handlers = _handlers(project)
    if mode == "call":
        reply = _answer(handlers, {"id": 0, "method": argv[2], "params": {}}, project)
        protocol.send(replies, reply, argv[2])
        _leave(replies, 0)
    protocol.send(
        replies,
        (
            {
                "event": "ready",
                "pid": os.getpid(),
                "dagster_version": dagster.__version__,
                "python": sys.version.split()[0],
                "executable": str(Path(sys.executable)),
            }
        ),
    )
    try:
        while (message := protocol.read(requests)) is not None:
            protocol.send(
                replies, _answer(handlers, message, project), str(message.get("method", ""))
            )
    except BaseException:  # a broken channel: the server is gone mid-message
        traceback.print_exc()
        _leave(replies, 1)
    _leave(replies, 0)  # stdin closed: the server is gone or wants us gone
