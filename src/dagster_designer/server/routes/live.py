from __future__ import annotations

from fastapi import APIRouter, WebSocket

from ...runtime.manager import ProjectNotFound, ProjectNotReady
from .events import forward

router = APIRouter(tags=["live"])


@router.websocket("/projects/{project_id}/live")
async def live(websocket: WebSocket, project_id: str) -> None:
    """Pushes the project's definitions (as GET /definitions answers them) whenever its files
    change: `{"type": "definitions", "version", "changed", "refresh_ms", "definitions"}`.
    The first message is the current state."""
    try:
        session = websocket.app.state.manager.session(project_id)
    except (ProjectNotFound, ProjectNotReady) as exc:
        await websocket.close(code=4404, reason=str(exc)[:120])
        return
    await websocket.accept()
    async with session.live.listen() as queue:
        await forward(websocket, queue, websocket.send_text)
