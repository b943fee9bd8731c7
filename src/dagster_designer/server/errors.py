"""Domain exceptions as HTTP answers: `{"detail": "<what went wrong, in words>"}` and a 4xx."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..builders.cron import InvalidCron
from ..edits.yaml_attributes import YamlEditError
from ..processes.code_tools import CodeToolError
from ..processes.git import GitInputError, GitRefused, NoSuchBranch
from ..processes.git.tree import CommitUnreadable, NotARepository, UnknownRef
from ..processes.supervisor import (
    RequestFailed,
    WorkerCrashed,
    WorkerError,
    WorkerTimeout,
    WorkerUnavailable,
)
from ..project_files.archive import ArchiveRejected
from ..project_files.config import NotAProjectError
from ..project_files.files import Conflict, DiskFull, FileTooLarge, NotText, StaleWrite
from ..project_files.layout import LayoutUnreadable
from ..project_files.names import InvalidName
from ..project_files.paths import PathRejected
from ..project_files.workspace_config import NotAWorkspaceError
from ..review.tests_run import UnreadableResults
from ..review.tests_write import ChainError
from ..services.builders import BuilderError, NotBuilt, StillUsed
from ..services.dagster_ui import DagsterUiNotRunning
from ..services.deploy import DeployError, DeployNeeds
from ..services.folders import NoSuchFolder
from ..services.git import InvalidGitUrl, SecretsFound
from ..services.integrations import IntegrationError
from ..services.lineage import LineageError
from ..services.manager import ProjectNotFound, ProjectNotReady
from ..services.project_tasks import ProjectBusy
from ..services.remote_graphql import RemoteUnavailable
from ..services.remote_runs import RemoteRefused
from ..services.review import NoFix
from ..services.review_tests import PytestMissing, TestsBroken, TestsExist, TestsTimedOut
from ..services.run_target import InvalidTarget
from ..services.runs import RunEnded, RunNotFound, TooManyRuns
from ..services.schedules import InstigatorNotFound
from ..starters.catalog import UnknownStarter
from .dagster_proxy import UpstreamFailed

_STATUS: list[tuple[type[BaseException], int]] = [
    (PathRejected, 400),
    (ArchiveRejected, 400),
    (InvalidName, 400),
    (UnknownStarter, 400),
    (NotAProjectError, 400),
    (NotAWorkspaceError, 400),
    (YamlEditError, 422),
    (LineageError, 400),
    (BuilderError, 400),
    (IntegrationError, 400),
    (DeployError, 400),
    (DeployNeeds, 409),
    (ProjectBusy, 409),
    (UnknownRef, 400),
    (NotARepository, 409),
    (CommitUnreadable, 409),
    (InvalidCron, 400),
    (NotBuilt, 404),
    (StillUsed, 409),
    (Conflict, 409),
    (LayoutUnreadable, 409),
    (CodeToolError, 422),
    (GitInputError, 400),
    (InvalidGitUrl, 400),
    (NoSuchBranch, 404),
    (GitRefused, 409),
    (ProjectNotFound, 404),
    (NoSuchFolder, 404),
    (RunNotFound, 404),
    (InstigatorNotFound, 404),
    (RunEnded, 409),
    (TooManyRuns, 409),
    (InvalidTarget, 400),
    (NoFix, 400),
    (ChainError, 400),
    (PytestMissing, 409),
    (TestsExist, 409),
    (TestsBroken, 422),
    (UnreadableResults, 422),
    (TestsTimedOut, 504),
    (RemoteRefused, 400),
    (RemoteUnavailable, 502),
    (DagsterUiNotRunning, 409),
    (UpstreamFailed, 502),
    (FileNotFoundError, 404),
    (IsADirectoryError, 400),
    (ProjectNotReady, 409),
    (FileTooLarge, 413),
    (DiskFull, 507),
    (NotText, 415),
    (PermissionError, 403),
    (WorkerUnavailable, 503),
    (WorkerTimeout, 504),
    (WorkerCrashed, 502),
    (RequestFailed, 400),
    (WorkerError, 503),
]


def _detail(exc: BaseException) -> str:
    if isinstance(exc, ProjectNotFound):
        return f"No project with id `{exc.args[0]}`."
    if isinstance(exc, DiskFull):
        return exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        name = exc.filename or (exc.args[0] if exc.args else "")
        return f"`{name}` does not exist."
    if isinstance(exc, IsADirectoryError):
        return f"`{exc.args[0] if exc.args else ''}` is a folder."
    if isinstance(exc, WorkerError):
        return exc.message
    return str(exc)


def install(app: FastAPI) -> None:
    for exc_type, status in _STATUS:

        async def handler(_request: Request, exc: Exception, status: int = status) -> JSONResponse:
            body: dict[str, Any] = {"detail": _detail(exc)}
            if isinstance(exc, WorkerError):
                body["errors"] = exc.errors
            if isinstance(exc, DeployNeeds):
                body["fix"] = exc.fix
            if isinstance(exc, GitRefused):  # every field of `GitRefusal`, as documented
                body["reason"] = exc.reason
                body["secrets"] = exc.findings if isinstance(exc, SecretsFound) else None
            if isinstance(exc, PytestMissing):
                body["reason"] = "pytest-missing"
            return JSONResponse(body, status_code=status)

        app.add_exception_handler(exc_type, handler)

    async def stale(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StaleWrite)
        headers = {"ETag": exc.current} if exc.current else {}
        return JSONResponse(
            {
                "detail": "The file changed on disk since it was opened; nothing was written.",
                "current_etag": exc.current,
            },
            status_code=412,
            headers=headers,
        )

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return JSONResponse({"detail": "Invalid request: " + "; ".join(problems)}, 422)

    app.add_exception_handler(StaleWrite, stale)
    app.add_exception_handler(RequestValidationError, invalid)
