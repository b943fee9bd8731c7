"""Terminals: interactive shells in a project's folder, with the project's environment.

`POST` starts one, `GET` lists them, `DELETE` ends one (with everything it started); the
websocket attaches to one. Client messages are JSON text: `{"type": "input", "data": "..."}`
and `{"type": "resize", "cols": N, "rows": M}` (a binary frame is taken as raw input). The
server sends the PTY's output as binary frames, starting with a replay of the last 64 KB, and
ends with `{"type": "exit", "code": N}` (128 + N for a signal) when the shell is gone. Invalid
messages are answered with `{"type": "error", "detail": "..."}`. Closing a socket leaves the
shell running; shells without a socket for `--terminal-idle-minutes` (15) are ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, WebSocket, status
from fastapi.websockets import WebSocketDisconnect

from ...processes.terminals import (
    MAX_SIZE,
    Closing,
    Subscriber,
    Terminal,
    TerminalError,
    TerminalLimit,
    TerminalManager,
    TerminalNotFound,
)
from ...services.manager import ProjectNotFound, ProjectNotReady
from ..deps import SessionDep
from ..models import TerminalCreate, TerminalOut

router = APIRouter(prefix="/projects/{project_id}/terminals", tags=["terminals"])

# Output frames are joined up to this size when the socket is behind.
FRAME_BYTES = 256 * 1024


def get_terminals(request: Request) -> TerminalManager:
    return request.app.state.terminals


TerminalsDep = Annotated[TerminalManager, Depends(get_terminals)]


def _terminal(terminals: TerminalManager, project_id: str, terminal_id: str) -> Terminal:
    try:
        return terminals.get(project_id, terminal_id)
    except TerminalNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None


@router.get("", response_model=list[TerminalOut])
def list_terminals(session: SessionDep, terminals: TerminalsDep) -> list[dict[str, Any]]:
    return [t.public() for t in terminals.list(session.project_id)]


@router.post("", response_model=TerminalOut, status_code=status.HTTP_201_CREATED)
async def create_terminal(
    session: SessionDep, terminals: TerminalsDep, body: TerminalCreate | None = None
) -> dict[str, Any]:
    """Start an interactive shell in the project's folder with its .venv activated. 409 when
    the project has `--max-terminals-per-project` (8) terminals open, or all projects together
    `--max-terminals` (24): the detail names the limit and the flag that raises it."""
    body = body or TerminalCreate()
    try:
        terminal = await terminals.create(
            session.project_id,
            session.config.root,
            session.config.name,
            cols=body.cols,
            rows=body.rows,
        )
    except TerminalLimit as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
    except TerminalError as exc:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, str(exc)) from None
    return terminal.public()


@router.get("/{terminal_id}", response_model=TerminalOut)
def get_terminal(session: SessionDep, terminals: TerminalsDep, terminal_id: str) -> dict:
    return _terminal(terminals, session.project_id, terminal_id).public()


@router.delete("/{terminal_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_terminal(session: SessionDep, terminals: TerminalsDep, terminal_id: str) -> None:
    """End the shell and everything it started (SIGHUP, SIGTERM, then SIGKILL)."""
    await _terminal(terminals, session.project_id, terminal_id).end()


@router.websocket("/{terminal_id}/ws")
async def attach(websocket: WebSocket, project_id: str, terminal_id: str) -> None:
    """Attach to a terminal: its output as binary frames (the replay first), input and resize
    as JSON messages, and a final `{"type": "exit", "code": N}` when the shell exits."""
    try:
        websocket.app.state.manager.session(project_id)
        terminal = websocket.app.state.terminals.get(project_id, terminal_id)
    except (ProjectNotFound, ProjectNotReady, TerminalNotFound) as exc:
        # accepted first, so the client sees the code (a refused handshake is only a 403)
        await websocket.accept()
        await websocket.close(code=4404, reason=_detail(exc)[:120])
        return
    await websocket.accept()
    with terminal.attach() as subscriber:
        sender = asyncio.create_task(_send(websocket, subscriber))
        receiver = asyncio.create_task(_receive(websocket, terminal, subscriber))
        try:
            await asyncio.wait({sender, receiver}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sender, receiver):
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task


async def _send(websocket: WebSocket, subscriber: Subscriber) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):
        while True:
            item = await subscriber.get(FRAME_BYTES)
            if isinstance(item, bytes):
                await websocket.send_bytes(item)
            elif isinstance(item, Closing):
                await websocket.close(code=item.code, reason=item.reason)
                return
            else:
                await websocket.send_text(json.dumps(item))


def _detail(exc: Exception) -> str:
    if isinstance(exc, ProjectNotFound):
        return f"No project with id `{exc.args[0]}`."
    return str(exc)


def _size(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_SIZE:
        return value
    return None


async def _receive(websocket: WebSocket, terminal: Terminal, subscriber: Subscriber) -> None:
    def problem(detail: str) -> None:
        subscriber.put({"type": "error", "detail": detail})

    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if message.get("bytes") is not None:
                await terminal.write(message["bytes"])
                continue
            try:
                payload = json.loads(message.get("text") or "")
            except ValueError:
                problem("Messages are JSON objects with a `type`: `input` or `resize`.")
                continue
            kind = payload.get("type") if isinstance(payload, dict) else None
            if kind == "input":
                if isinstance(payload.get("data"), str):
                    await terminal.write(payload["data"].encode())
                else:
                    problem("`data` of an `input` message must be a string.")
            elif kind == "resize":
                cols, rows = _size(payload.get("cols")), _size(payload.get("rows"))
                if cols is None or rows is None:
                    problem(f"`cols` and `rows` must be integers from 1 to {MAX_SIZE}.")
                else:
                    terminal.resize(cols, rows)
            else:
                problem(
                    'Unknown message: send {"type": "input", "data": "..."} or '
                    '{"type": "resize", "cols": N, "rows": M}.'
                )
