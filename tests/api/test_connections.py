"""Connections that send nothing, send their headers slowly or stop mid-body are dropped after
a bounded time, while the server keeps answering everyone else."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import Designer, start_designer, stop_designer

# The server's limits are 10 s for a request's headers and 10 s of silence within a body; this
# is how long the test waits for it on a busy machine.
DEADLINE = 120.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Designer]:
    designer = start_designer(tmp_path_factory.mktemp("connections") / "workspace")
    yield designer
    stop_designer(designer)


def opened(port: int, first: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    if first:
        sock.sendall(first)
    sock.setblocking(False)
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    """Reads what is there; True once the server has closed its end."""
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return True
    except BlockingIOError:
        return False
    except OSError:  # reset
        return True


def test_silent_slow_and_stalled_clients_are_dropped_while_others_are_served(
    server: Designer,
) -> None:
    host = f"Host: 127.0.0.1:{server.port}\r\n".encode()
    bearer = f"Authorization: Bearer {server.token}\r\n".encode()
    put = b"PUT /api/v1/projects/none/files/a.txt HTTP/1.1\r\n" + host
    partial_body = b"Content-Length: 1000\r\nContent-Type: text/plain\r\n\r\n" + b"x" * 10
    sockets = {
        "silent": [opened(server.port) for _ in range(150)],
        "slow headers": [
            opened(server.port, b"GET /api/v1/health HTTP/1.1\r\n" + host) for _ in range(100)
        ],
        "stalled body": [opened(server.port, put + bearer + partial_body) for _ in range(50)],
        "stalled body, no token": [opened(server.port, put + partial_body) for _ in range(50)],
    }
    every = [sock for group in sockets.values() for sock in group]
    stop = threading.Event()

    def trickle() -> None:
        """The slow clients send one more header line every second, forever."""
        while not stop.wait(1.0):
            for sock in sockets["slow headers"]:
                with contextlib.suppress(OSError):
                    sock.send(b"X-Slow: 1\r\n")

    trickler = threading.Thread(target=trickle)
    trickler.start()
    started = time.monotonic()
    open_sockets = set(every)
    answered = 0
    try:
        while open_sockets and time.monotonic() - started < DEADLINE:
            # everyone else is served meanwhile
            response = httpx.get(f"{server.url}/api/v1/health", timeout=10)
            assert response.status_code == 200
            answered += 1
            readable, _, _ = select.select(list(open_sockets), [], [], 0.5)
            open_sockets -= {sock for sock in readable if closed_by_server(sock)}
    finally:
        stop.set()
        trickler.join()
        for sock in every:
            sock.close()
    still_open = {name: sum(s in open_sockets for s in group) for name, group in sockets.items()}
    assert not open_sockets, f"not closed after {DEADLINE} s: {still_open}"
    assert answered > 0


def test_a_normal_client_is_not_dropped_by_the_limits(server: Designer) -> None:
    """A request whose body arrives in pieces, with pauses shorter than the limit, gets in."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    try:
        head = (
            f"PUT /api/v1/projects/none/files/a.txt HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
            f"Authorization: Bearer {server.token}\r\nContent-Length: 6\r\n\r\n"
        ).encode()
        for piece in (head[:20], head[20:], b"abc", b"def"):
            sock.sendall(piece)
            time.sleep(2)
        answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 404"), answer  # reached the route: no such project
    finally:
        sock.close()


def test_the_limits_do_not_end_websockets_or_long_requests(server: Designer) -> None:
    """An open events socket outlives the header and body limits."""
    from websockets.sync.client import connect

    url = f"ws://127.0.0.1:{server.port}/api/v1/events"
    with connect(url, additional_headers={"Authorization": f"Bearer {server.token}"}) as ws:
        assert '"hello"' in ws.recv(timeout=30)
        time.sleep(12)
        assert ws.ping().wait(30)
    assert Path(f"/proc/{server.process.pid}").exists()


def test_endless_request_headers_are_refused(server: Designer) -> None:
    """Headers that keep coming (a header value of 100 KB, sent in pieces) are cut off."""
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    try:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        answer = b""
        for _ in range(25):
            sock.sendall(b"a" * 4096)
            readable, _, _ = select.select([sock], [], [], 0.2)  # the server reads each piece
            if readable:
                break
        else:
            sock.sendall(b"\r\n\r\n")
        while chunk := sock.recv(65536):
            answer += chunk
        assert answer.startswith(b"HTTP/1.1 431"), answer[:200]
    finally:
        sock.close()
