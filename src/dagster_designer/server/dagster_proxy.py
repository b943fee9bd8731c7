"""A reverse proxy to a project's Dagster webserver, on the designer's origin and behind its
gate: every HTTP method with the bodies streamed both ways, and the GraphQL websocket relayed
frame by frame with its subprotocol (Dagster's UI speaks the legacy `graphql-ws`).

The path is forwarded unchanged: the webserver is served under the same prefix (stripping it
makes the webserver redirect to it again, in a loop). Headers pass as they are but for the
hop-by-hop ones and the designer's own credentials: its cookie and a bearer header or query
parameter holding its token never reach Dagster.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

import httpx
import websockets
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect
from websockets.asyncio.client import ClientConnection, connect

# RFC 9110 7.6.1, plus the old `proxy-connection` and `keep-alive`.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# What the websocket client makes of its own for the upstream handshake.
HANDSHAKE = frozenset({"host", "origin", "user-agent"}) | {
    f"sec-websocket-{name}" for name in ("key", "version", "extensions", "protocol", "accept")
}
# A GraphQL answer or a run's logs can be large; a message past this closes the socket.
MAX_MESSAGE = 64 * 1024 * 1024
# Close codes that only report how a socket ended and may not be sent.
_UNSENDABLE = frozenset({1005, 1006, 1015})


@dataclass(frozen=True)
class Credentials:
    """The designer's own: its token, and the name of the cookie that carries it."""

    token: str
    cookie: str

    def in_header(self, name: str, value: str) -> str | None:
        """The header's value with the designer's credentials taken out; None to drop it."""
        if name == "cookie":
            kept = [
                part.strip()
                for part in value.split(";")
                if part.strip() and part.split("=", 1)[0].strip() != self.cookie
            ]
            return "; ".join(kept) or None
        if self.token in value:  # a bearer header, or any other that repeats it
            return None
        return value


def forwarded_headers(
    headers: Iterable[tuple[str, str]], credentials: Credentials, drop: frozenset[str] = frozenset()
) -> list[tuple[str, str]]:
    """The headers to send upstream: all but the hop-by-hop ones (and those `Connection`
    names), `drop`, and the designer's credentials."""
    pairs = [(name.lower(), value) for name, value in headers]
    named = {
        token.strip().lower()
        for name, value in pairs
        if name == "connection"
        for token in value.split(",")
    }
    out = []
    for name, value in pairs:
        if name in HOP_BY_HOP or name in named or name in drop:
            continue
        if (kept := credentials.in_header(name, value)) is not None:
            out.append((name, kept))
    return out


def forwarded_query(query: str, credentials: Credentials) -> str:
    """The query string as it came, less any parameter that holds the designer's token."""
    return "&".join(
        part for part in query.split("&") if part and credentials.token not in unquote_plus(part)
    )


def answer_headers(headers: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The upstream's answer headers to pass on: all but the hop-by-hop ones."""
    return [(name, value) for name, value in headers if name.lower().decode() not in HOP_BY_HOP]


class UpstreamFailed(RuntimeError):
    """The webserver could not be reached, or broke off."""


class _Relayed(StreamingResponse):
    """An upstream answer streamed on; the upstream response is closed however this ends (the
    client may leave mid-way)."""

    def __init__(self, answer: httpx.Response) -> None:
        super().__init__(answer.aiter_raw(), status_code=answer.status_code)
        self.raw_headers = answer_headers(answer.headers.raw)
        self._answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self._answer.aclose()


class DagsterProxy:
    def __init__(
        self, credentials: Credentials, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.credentials = credentials
        # never through a proxy of the environment: the webserver is on the loopback
        self._client = httpx.AsyncClient(
            transport=transport,
            trust_env=False,
            follow_redirects=False,
            timeout=httpx.Timeout(300.0, connect=10.0),
        )

    async def close(self) -> None:
        await self._client.aclose()

    def _target(self, scope: Scope, base: str) -> str:
        path = scope.get("raw_path") or scope["path"].encode()
        query = forwarded_query(scope.get("query_string", b"").decode("latin-1"), self.credentials)
        return f"{base}{path.decode('latin-1')}" + (f"?{query}" if query else "")

    async def forward(self, request: Request, upstream: str) -> StreamingResponse:
        """The webserver's answer to the request, streamed; `UpstreamFailed` when it cannot be
        reached."""
        headers = forwarded_headers(request.headers.items(), self.credentials)
        has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
        outgoing = self._client.build_request(
            request.method,
            self._target(request.scope, upstream),
            headers=headers,
            content=request.stream() if has_body else None,
        )
        try:
            answer = await self._client.send(outgoing, stream=True)
        except httpx.HTTPError as exc:
            raise UpstreamFailed(f"Dagster's webserver did not answer: {exc}") from exc
        return _Relayed(answer)

    async def relay(self, websocket: WebSocket, upstream: str) -> None:
        """Connect to the webserver's websocket with the subprotocols the client asked for,
        accept the client with the one the webserver chose, and relay frames both ways until
        either side closes."""
        url = "ws" + self._target(websocket.scope, upstream).removeprefix("http")
        requested = websocket.scope.get("subprotocols") or None
        try:
            connection = await connect(
                url,
                subprotocols=requested,
                additional_headers=forwarded_headers(
                    websocket.headers.items(), self.credentials, HANDSHAKE
                ),
                user_agent_header=websocket.headers.get("user-agent"),
                proxy=None,
                compression=None,
                max_size=MAX_MESSAGE,
                open_timeout=30,
            )
        except (OSError, TimeoutError, websockets.InvalidHandshake) as exc:
            await websocket.accept()
            await websocket.close(1011, f"Dagster's webserver did not answer: {exc}"[:120])
            return
        async with connection as server:
            await websocket.accept(subprotocol=server.subprotocol)
            await _both_ways(
                lambda: _to_server(websocket, server), lambda: _to_client(server, websocket)
            )


async def _to_server(client: WebSocket, server: ClientConnection) -> None:
    while True:
        message = await client.receive()
        if message["type"] == "websocket.disconnect":
            code = message.get("code", 1000)
            await server.close(1000 if code in _UNSENDABLE else code)
            return
        data = message.get("text")
        await server.send(data if data is not None else message.get("bytes") or b"")


async def _to_client(server: ClientConnection, client: WebSocket) -> None:
    try:
        async for data in server:
            if isinstance(data, str):
                await client.send_text(data)
            else:
                await client.send_bytes(data)
    except websockets.ConnectionClosed:
        pass
    code = server.close_code or 1000
    with contextlib.suppress(WebSocketDisconnect, RuntimeError):  # the client left meanwhile
        await client.close(1000 if code in _UNSENDABLE else code, server.close_reason or "")


async def _both_ways(*pumps: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run the pumps until the first ends; the other is stopped."""
    tasks = [asyncio.create_task(pump()) for pump in pumps]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, Exception) and not isinstance(
            result, (WebSocketDisconnect, websockets.ConnectionClosed, RuntimeError)
        ):
            raise result
