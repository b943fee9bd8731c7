from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

router = APIRouter(tags=["events"])


@router.websocket("/events")
async def events(websocket: WebSocket) -> None:
    """Pushes project, progress, worker and definitions events as JSON messages."""
    manager = websocket.app.state.manager
    await websocket.accept()
    async with websocket.app.state.events.subscribe() as queue:
        await websocket.send_json(
            {"type": "hello", "projects": [p.public() for p in manager.list()]}
        )
        await forward(websocket, queue, websocket.send_json)


async def forward(
    websocket: WebSocket, queue: asyncio.Queue[Any], send: Callable[[Any], Awaitable[None]]
) -> None:
    """Send what arrives on `queue` until the client goes away (its messages are ignored)."""
    receiver = asyncio.create_task(_drain(websocket))
    try:
        while not receiver.done():
            getter = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait({getter, receiver}, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                await send(getter.result())
            else:
                getter.cancel()
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        receiver.cancel()
        with contextlib.suppress(BaseException):
            await receiver


async def _drain(websocket: WebSocket) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await websocket.receive_text()
