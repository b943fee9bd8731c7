from __future__ import annotations

import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ...services.manager import ProjectNotFound, ProjectNotReady
from .events import forward

router = APIRouter(tags=["live"])

# Close codes: the project does not exist (or was removed), or is not ready (yet). The socket is
# accepted first: a browser never sees the status of a refused handshake, only a close code.
NOT_FOUND = 4404
NOT_READY = 4409
SERVER_STOPPING = 1012


@router.websocket("/projects/{project_id}/live")
async def live(websocket: WebSocket, project_id: str) -> None:
    """Pushes the project's definitions (as GET /definitions answers them) whenever its files
    change. The first message is the whole state, `{"type": "definitions", "version",
    "changed", "refresh_ms", "definitions"}`; each later one is what changed since the version
    the client has, `{"type": "definitions_delta", "version", "base", ..., "delta"}`
    (`definitions_delta.py`), or the whole state again when the client missed a version. A
    client that reads slowly is sent the newest state next, never a backlog; frames are
    compressed when the client offers permessage-deflate (browsers do). Closes with 4404 when
    the project is unknown or removed, 4409 when it is not ready."""
    manager = websocket.app.state.manager
    await websocket.accept()
    try:
        session = manager.session(project_id)
    except ProjectNotFound:
        await websocket.close(NOT_FOUND, f"No project with id `{project_id}`.")
        return
    except ProjectNotReady as exc:
        await websocket.close(NOT_READY, str(exc)[:120])
        return
    async with session.live.listen() as latest:
        ended = await forward(websocket, latest, websocket.send_text)
    if not ended:
        return
    # the project was closed: removed, or the server is stopping
    try:
        manager.get(project_id)
    except ProjectNotFound:
        code, reason = NOT_FOUND, f"Project `{project_id}` was removed."
    else:
        code, reason = SERVER_STOPPING, "The server is stopping."
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):  # the client left meanwhile
        await websocket.close(code, reason)
