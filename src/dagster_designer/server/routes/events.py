from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

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


class Source(Protocol):
    async def get(self) -> Any:
        """The next message; None once there will be no more."""
        ...


async def forward(
    websocket: WebSocket, source: Source, send: Callable[[Any], Awaitable[None]]
) -> bool:
    """Send what `source` gives until the client goes away (its messages are ignored) or the
    source ends; True when the source ended and the socket is still open."""
    receiver = asyncio.create_task(_drain(websocket))
    try:
        while not receiver.done():
            getter = asyncio.create_task(source.get())
            done, _ = await asyncio.wait({getter, receiver}, return_when=asyncio.FIRST_COMPLETED)
            if getter not in done:
                getter.cancel()
            elif (message := getter.result()) is None:
                return True
            else:
                await send(message)
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        receiver.cancel()
        with contextlib.suppress(BaseException):
            await receiver
    return False


async def _drain(websocket: WebSocket) -> None:
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):
        while True:
            await websocket.receive_text()
