"""Dagster's own UI of a project: its state, start and stop, and the proxy that serves it
under `/api/v1/projects/{project_id}/dagster-ui/app/` on the designer's origin.

The prefix is a path of the API: the UI's static files and client-side routes never use one,
the gate treats it as it treats every API route (credentials in a header or the cookie, never in
the URL), and each project's UI lives under the project's own path.
"""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, Request, WebSocket
from starlette.responses import Response

from ...services.dagster_ui import DagsterUiNotRunning
from ...services.manager import ProjectNotFound, ProjectNotReady
from ..deps import SessionDep
from ..models import DagsterUi
from .live import NOT_FOUND, NOT_READY

router = APIRouter(prefix="/projects/{project_id}/dagster-ui", tags=["dagster-ui"])

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# The webserver is not running: try again once it is.
NOT_RUNNING = 1013


@router.get("", response_model=DagsterUi)
async def dagster_ui(session: SessionDep) -> dict[str, Any]:
    """The state of the project's Dagster UI (`dg dev`: webserver and daemon) and the path to
    open it at once it is `running`."""
    return session.dagster_ui.status()


@router.post("", status_code=202, response_model=DagsterUi)
async def start_dagster_ui(session: SessionDep) -> dict[str, Any]:
    """Start the project's `dg dev`, unless it is starting or running already; answers at once.
    Its state changes arrive as `dagster_ui` events on `/api/v1/events`. When
    `--max-dagster-uis` (2) already run, the least recently used one is stopped to make room;
    one unused for `--dagster-ui-idle-minutes` (30) is stopped too. Either starts again here."""
    return session.dagster_ui.start()


@router.delete("", response_model=DagsterUi)
async def stop_dagster_ui(session: SessionDep) -> dict[str, Any]:
    """Stop the project's `dg dev`; answers once none of its processes is left."""
    return await session.dagster_ui.stop()


@router.api_route("/app/{path:path}", methods=METHODS, include_in_schema=False)
async def dagster_ui_app(request: Request, session: SessionDep, path: str) -> Response:
    """Dagster's webserver, proxied: 409 while it does not run."""
    return await request.app.state.dagster_proxy.forward(request, session.dagster_ui.upstream())


@router.websocket("/app/{path:path}")
async def dagster_ui_socket(websocket: WebSocket, project_id: str, path: str) -> None:
    """Dagster's GraphQL websocket, relayed with its subprotocol. Closes with 4404 for an
    unknown project, 4409 when it is not ready, 1013 when its Dagster UI does not run."""
    manager = websocket.app.state.manager
    try:
        upstream = manager.session(project_id).dagster_ui.upstream()
    except (ProjectNotFound, ProjectNotReady, DagsterUiNotRunning) as exc:
        await websocket.accept()
        code = {ProjectNotFound: NOT_FOUND, ProjectNotReady: NOT_READY}.get(type(exc), NOT_RUNNING)
        reason = f"No project with id `{project_id}`." if code == NOT_FOUND else str(exc)
        with contextlib.suppress(RuntimeError):
            await websocket.close(code, reason.encode()[:120].decode(errors="ignore"))
        return
    await websocket.app.state.dagster_proxy.relay(websocket, upstream)
