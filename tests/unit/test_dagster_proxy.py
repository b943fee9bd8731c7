"""The proxy to Dagster's webserver passes the request on (path, query, body, headers) without
the designer's credentials, and the answer back without the hop-by-hop headers."""

from __future__ import annotations

import json

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dagster_designer.server.dagster_proxy import (
    HANDSHAKE,
    Credentials,
    DagsterProxy,
    answer_headers,
    forwarded_headers,
    forwarded_query,
)
from tests.support import run_async

CREDENTIALS = Credentials(token="s3cret-Token_x", cookie="dagster_designer_token_3333")
PREFIX = "/api/v1/projects/p/dagster-ui/app"


def test_the_designers_cookie_and_bearer_are_not_forwarded() -> None:
    headers = forwarded_headers(
        [
            ("Cookie", f"theme=dark; {CREDENTIALS.cookie}={CREDENTIALS.token}; lang=en"),
            ("Authorization", f"Bearer {CREDENTIALS.token}"),
            ("X-Echo", f"prefix-{CREDENTIALS.token}"),
            ("Accept", "application/json"),
        ],
        CREDENTIALS,
    )
    assert headers == [("cookie", "theme=dark; lang=en"), ("accept", "application/json")]
    assert not any(CREDENTIALS.token in value for _, value in headers)


def test_a_cookie_header_with_only_the_designers_cookie_is_dropped() -> None:
    only = [("cookie", f"{CREDENTIALS.cookie}={CREDENTIALS.token}")]
    assert forwarded_headers(only, CREDENTIALS) == []
    # another server's cookie of the same kind (another port) is not ours to take out
    other = [("cookie", f"dagster_designer_token_4444=abc; {CREDENTIALS.cookie}=whatever")]
    assert forwarded_headers(other, CREDENTIALS) == [("cookie", "dagster_designer_token_4444=abc")]


def test_hop_by_hop_headers_and_those_connection_names_are_dropped() -> None:
    headers = forwarded_headers(
        [
            ("Connection", "keep-alive, X-Private"),
            ("Keep-Alive", "timeout=5"),
            ("Transfer-Encoding", "chunked"),
            ("TE", "trailers"),
            ("Upgrade", "websocket"),
            ("Proxy-Authorization", "Basic abc"),
            ("X-Private", "1"),
            ("Content-Type", "application/json"),
            ("Authorization", "Basic dXNlcjpwYXNz"),  # not the designer's: Dagster's business
        ],
        CREDENTIALS,
    )
    assert headers == [
        ("content-type", "application/json"),
        ("authorization", "Basic dXNlcjpwYXNz"),
    ]


def test_the_websocket_handshake_headers_are_left_to_the_client() -> None:
    headers = forwarded_headers(
        [
            ("Host", "127.0.0.1:3333"),
            ("Origin", "http://127.0.0.1:3333"),
            ("Sec-WebSocket-Key", "abc"),
            ("Sec-WebSocket-Version", "13"),
            ("Sec-WebSocket-Protocol", "graphql-ws"),
            ("Sec-WebSocket-Extensions", "permessage-deflate"),
            ("Cookie", f"{CREDENTIALS.cookie}={CREDENTIALS.token}; a=b"),
            ("Accept-Language", "en"),
        ],
        CREDENTIALS,
        HANDSHAKE,
    )
    assert headers == [("cookie", "a=b"), ("accept-language", "en")]


def test_a_query_parameter_holding_the_token_is_dropped() -> None:
    token = CREDENTIALS.token
    assert forwarded_query(f"a=1&token={token}&b=%2Fx", CREDENTIALS) == "a=1&b=%2Fx"
    encoded = token.replace("-", "%2D")
    assert forwarded_query(f"x={encoded}&q=runs", CREDENTIALS) == "q=runs"
    assert forwarded_query("", CREDENTIALS) == ""


def test_the_answer_keeps_its_headers_but_the_hop_by_hop_ones() -> None:
    raw = [
        (b"content-type", b"text/html"),
        (b"Set-Cookie", b"a=1"),
        (b"set-cookie", b"b=2"),
        (b"Transfer-Encoding", b"chunked"),
        (b"connection", b"close"),
    ]
    assert answer_headers(raw) == [
        (b"content-type", b"text/html"),
        (b"Set-Cookie", b"a=1"),
        (b"set-cookie", b"b=2"),
    ]


async def _echo(request: Request) -> Response:
    """What a webserver received: method, path as sent, query, headers and body."""
    body = b"".join([chunk async for chunk in request.stream()])
    seen = {
        "method": request.method,
        "raw_path": request.scope["raw_path"].decode(),
        "query": request.scope["query_string"].decode(),
        "headers": [[k.decode(), v.decode()] for k, v in request.scope["headers"]],
        "body": body.decode(),
    }
    answer = JSONResponse(seen, status_code=201, headers={"x-upstream": "yes"})
    answer.raw_headers.append((b"set-cookie", b"dagster=1"))
    answer.raw_headers.append((b"set-cookie", b"other=2"))
    return answer


def test_a_request_goes_through_whole_and_without_the_designers_credentials() -> None:
    upstream = Starlette(routes=[Route("/{path:path}", _echo, methods=["GET", "POST", "PUT"])])
    proxy = DagsterProxy(CREDENTIALS, transport=httpx.ASGITransport(app=upstream))

    async def forward(request: Request) -> Response:
        return await proxy.forward(request, "http://webserver")

    front = Starlette(routes=[Route("/{path:path}", forward, methods=["GET", "POST", "PUT"])])

    async def scenario() -> httpx.Response:
        transport = httpx.ASGITransport(app=front)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:3333") as c:
            try:
                return await c.post(
                    f"{PREFIX}/assets/a%2Fb/graphql?first=1&token={CREDENTIALS.token}",
                    content=b'{"query": "{ version }"}',
                    headers={
                        "Authorization": f"Bearer {CREDENTIALS.token}",
                        "Cookie": f"{CREDENTIALS.cookie}={CREDENTIALS.token}; dagster_ui=1",
                        "Content-Type": "application/json",
                        "Origin": "http://127.0.0.1:3333",
                    },
                )
            finally:
                await proxy.close()

    answer = run_async(scenario())
    assert answer.status_code == 201
    assert answer.headers["x-upstream"] == "yes"
    assert answer.headers.get_list("set-cookie") == ["dagster=1", "other=2"]
    seen = answer.json()
    assert seen["method"] == "POST"
    assert seen["raw_path"] == f"{PREFIX}/assets/a%2Fb/graphql"  # the prefix kept, as sent
    assert seen["query"] == "first=1"
    assert seen["body"] == '{"query": "{ version }"}'
    headers = dict(seen["headers"])
    assert headers["cookie"] == "dagster_ui=1"
    assert headers["content-type"] == "application/json"
    assert headers["origin"] == "http://127.0.0.1:3333"
    assert headers["host"] == "127.0.0.1:3333"  # what the browser asked for, for redirects
    assert "authorization" not in headers
    assert CREDENTIALS.token not in json.dumps(seen)
