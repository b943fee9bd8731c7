"""Deadlines on what a client sends, on top of uvicorn's HTTP/1.1 protocol (httptools).

uvicorn bounds the idle time between requests (keep-alive), not the time a client takes to send
one: a socket that connects and sends nothing, sends its headers a byte at a time, or stops
half-way through a body would hold its connection for ever. Here:
- a request's line and headers must arrive within `HEADER_TIMEOUT` of the connection (or of the
  request's first byte on a kept-alive connection) and within `MAX_HEADER_BYTES`: else 408 or
  431, and the connection is closed;
- a body may not pause for longer than `BODY_TIMEOUT` while the server waits for it;
- an answer given before its request's body was read (a refusal) is followed by reading and
  dropping the rest for up to `LINGER` seconds, so the client can finish sending and read the
  answer, and then the connection is closed;
- at most `MAX_WAITING` connections wait for their headers at once: a new one pushes out the one
  that has waited longest, so a flood of idle sockets never locks out a real client.
Websockets leave this protocol once upgraded; uvicorn's pings end the ones whose peer is gone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 10.0
LINGER = 10.0
MAX_HEADER_BYTES = 64 * 1024
MAX_WAITING = 64
# open connections and requests in progress beyond which new requests are answered 503
MAX_CONNECTIONS = 512

_TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n"
    b"connection: close\r\n\r\n"
)


class GuardedHttpProtocol(HttpToolsProtocol):
    # connections waiting for a request's headers, the longest waiting first
    _waiting: ClassVar[dict[GuardedHttpProtocol, None]] = {}

    _deadline: asyncio.TimerHandle | None = None
    _linger: asyncio.TimerHandle | None = None
    _header_bytes = 0
    _in_body = False

    # -- uvicorn's hooks ------------------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._await_request()

    def connection_lost(self, exc: Exception | None) -> None:
        self._forget()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        if self in self._waiting:  # all of it was request line and headers
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES:
                self._refuse(_TOO_LARGE)
        elif self._in_body:
            self._arm(BODY_TIMEOUT, self._body_stalled)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self not in self._waiting:  # a kept-alive connection's next request
            self._await_request()

    def on_headers_complete(self) -> None:
        self._waiting.pop(self, None)
        super().on_headers_complete()
        self._in_body = True
        self._arm(BODY_TIMEOUT, self._body_stalled)

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_body = False
        self._disarm()
        if self._linger is not None:
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self._in_body and not self.transport.is_closing():
            # answered before the body was read: drop the rest, then close
            self._linger = self.loop.call_later(LINGER, self.transport.close)

    def handle_websocket_upgrade(self) -> None:
        self._forget()
        super().handle_websocket_upgrade()

    # -- deadlines ------------------------------------------------------------------------------

    def _await_request(self) -> None:
        self._header_bytes = 0
        self._waiting[self] = None
        while len(self._waiting) > MAX_WAITING:
            oldest = next(iter(self._waiting))
            oldest._forget()
            oldest.transport.close()
        self._arm(HEADER_TIMEOUT, lambda: self._refuse(_TIMEOUT))

    def _refuse(self, answer: bytes) -> None:
        """Answer a request whose headers never came in full (when nothing else is being
        answered on this connection), and close."""
        self._forget()
        if self.cycle is None or self.cycle.response_complete:
            self.transport.write(answer)
        self.transport.close()

    def _body_stalled(self) -> None:
        self._deadline = None
        cycle = self.cycle
        if self.flow.read_paused or (cycle is not None and cycle.waiting_for_100_continue):
            # the server has not asked for more yet: the client is not the one waiting
            self._arm(BODY_TIMEOUT, self._body_stalled)
        else:
            self._forget()
            self.transport.close()

    def _arm(self, delay: float, callback: Callable[[], None]) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(delay, callback)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _forget(self) -> None:
        """No more deadlines: the connection is closing or no longer speaks HTTP/1.1."""
        self._waiting.pop(self, None)
        self._in_body = False
        self._disarm()
        if self._linger is not None:
            self._linger.cancel()
            self._linger = None
