"""The gate in front of every endpoint: token, Host allow-list, Origin check, cookie login."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
from pathlib import Path
from urllib.parse import unquote, unquote_plus

import httpx
import pytest
import websockets
from websockets.sync.client import connect

from dagster_designer.server.security import cookie_name
from tests.support import Designer, api_routes, run_async, start_designer, stop_designer

ROUTES = api_routes()
PUBLIC = {("GET", "/api/v1/health")}
# every HTTP route of the API but the public one, and the UI's files
PROTECTED = [
    (route.method, route.url())
    for route in ROUTES
    if route.method != "WEBSOCKET" and (route.method, route.path) not in PUBLIC
] + [("GET", "/assets/index.js")]
WEBSOCKETS = [route.url() for route in ROUTES if route.method == "WEBSOCKET"]


def test_the_routes_gone_through_are_the_apps() -> None:
    assert ("GET", "/api/v1/projects/x/definitions") in PROTECTED
    assert ("PUT", "/api/v1/projects/x/files/x") in PROTECTED
    assert ("GET", "/api/v1/openapi.json") in PROTECTED
    assert "/api/v1/projects/x/live" in WEBSOCKETS and "/api/v1/events" in WEBSOCKETS


def test_health_is_public(designer: Designer) -> None:
    response = httpx.get(f"{designer.url}/api/v1/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["version"]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_everything_else_needs_the_token(designer: Designer, method: str, path: str) -> None:
    response = httpx.request(method, f"{designer.url}{path}")
    assert response.status_code == 401
    assert "token" in response.json()["detail"].lower()


@pytest.mark.parametrize("path", WEBSOCKETS)
def test_every_websocket_needs_the_token(designer: Designer, path: str) -> None:
    with pytest.raises(websockets.InvalidStatus) as refused:
        connect(f"ws://127.0.0.1:{designer.port}{path}", origin=designer.url)
    assert refused.value.response.status_code == 403


def test_wrong_token_is_refused(designer: Designer) -> None:
    response = httpx.get(
        f"{designer.url}/api/v1/projects", headers={"Authorization": "Bearer nope"}
    )
    assert response.status_code == 401


def test_a_page_without_token_shows_the_login_form(designer: Designer) -> None:
    response = httpx.get(f"{designer.url}/")
    assert response.status_code == 401
    assert "<form" in response.text and 'name="token"' in response.text


def test_token_in_the_url_sets_a_cookie_and_is_removed_from_the_url(designer: Designer) -> None:
    response = httpx.get(f"{designer.url}/projects/x?token={designer.token}&a=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/projects/x?a=1"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    name = cookie.split("=", 1)[0]
    with httpx.Client(cookies={name: designer.token}) as client:
        assert client.get(f"{designer.url}/api/v1/projects").status_code == 200


def test_dns_rebinding_host_is_refused(designer: Designer) -> None:
    for host in ("evil.example", "127.0.0.1.evil.example", ""):
        response = httpx.get(
            f"{designer.url}/api/v1/projects",
            headers={"Authorization": f"Bearer {designer.token}", "Host": host},
        )
        assert response.status_code in (400, 403), host
    # even the public endpoint: the Host check comes first
    assert (
        httpx.get(f"{designer.url}/api/v1/health", headers={"Host": "evil.example"}).status_code
        == 403
    )


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.example",
        "http://127.0.0.1:1",  # another local server
        "http://127.0.0.1.evil.example",
        "null",
    ],
)
def test_foreign_origin_is_refused(designer: Designer, origin: str) -> None:
    response = httpx.post(
        f"{designer.url}/api/v1/projects",
        json={"name": "from_elsewhere"},
        headers={"Authorization": f"Bearer {designer.token}", "Origin": origin},
    )
    assert response.status_code == 403
    assert not (designer.workspace / "from_elsewhere").exists()


def test_own_origin_is_accepted(designer: Designer) -> None:
    response = httpx.get(
        f"{designer.url}/api/v1/projects",
        headers={"Authorization": f"Bearer {designer.token}", "Origin": designer.url},
    )
    assert response.status_code == 200


def _ws_url(designer: Designer) -> str:
    return f"ws://127.0.0.1:{designer.port}/api/v1/events"


def test_events_websocket_needs_token_and_own_origin(designer: Designer) -> None:
    cookie = {"Cookie": f"{cookie_name(designer.port)}={designer.token}"}

    async def attempt(headers: dict[str, str], origin: str | None) -> str:
        try:
            async with websockets.connect(
                _ws_url(designer), origin=origin, additional_headers=headers
            ) as ws:
                return json.loads(await asyncio.wait_for(ws.recv(), 10))["type"]
        except websockets.InvalidStatus as exc:
            return f"refused {exc.response.status_code}"

    assert run_async(attempt({}, designer.url)) == "refused 403"
    assert run_async(attempt(cookie, "http://evil.example")) == "refused 403"
    assert run_async(attempt(cookie, designer.url)) == "hello"


# ------------------------------------------------------------------------------------------------
# where the token is taken, and where it never goes


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
@pytest.mark.parametrize("name", ["token", "%74oken"])
def test_the_api_does_not_take_the_token_from_the_url(
    designer: Designer, method: str, name: str
) -> None:
    before = sorted(p.name for p in designer.workspace.iterdir())
    response = httpx.request(
        method, f"{designer.url}/api/v1/projects?{name}={designer.token}", json={"name": "by_url"}
    )
    assert response.status_code == 401
    assert "header" in response.json()["detail"]
    assert sorted(p.name for p in designer.workspace.iterdir()) == before


def test_websockets_do_not_take_the_token_from_the_url(designer: Designer) -> None:
    for query in (f"token={designer.token}", f"%74oken={designer.token}"):
        with pytest.raises(websockets.InvalidStatus) as refused:
            connect(f"{_ws_url(designer)}?{query}", origin=designer.url)
        assert refused.value.response.status_code == 403


def _decodings(text: str) -> list[str]:
    forms = [text, unquote_plus(text)]
    for _ in range(3):
        forms.append(unquote(forms[-1]))
    return forms


def test_the_token_never_reaches_the_log(tmp_path: Path) -> None:
    server = start_designer(tmp_path / "workspace", "--log-level", "debug")
    token = server.token
    encoded = "".join(f"%{byte:02X}" for byte in token.encode())
    bearer = {"Authorization": f"Bearer {token}"}
    cookie = {"Cookie": f"{cookie_name(server.port)}={token}"}
    api = f"{server.url}/api/v1"
    ws = f"ws://127.0.0.1:{server.port}/api/v1/events"
    try:
        # the places it is accepted: the header, the cookie, a page load's query
        assert httpx.get(f"{api}/projects", headers=bearer).status_code == 200
        assert httpx.get(f"{api}/projects", headers=cookie).status_code == 200
        assert httpx.get(f"{server.url}/?token={token}").status_code == 303
        for headers in (bearer, cookie):
            with connect(ws, additional_headers=headers) as socket:
                assert json.loads(socket.recv(timeout=30))["type"] == "hello"
        # and where clients may put it anyway, in every encoding
        queries = [
            f"token={token}",
            f"%74oken={token}",
            f"%74%6F%6B%65%6E={token}",
            f"TOKEN={token}",
            f"token={encoded}",
            f"a=1&token={token}&b=2",
            f"other={encoded}",
            f"token={token.replace('-', '%2D')}",
        ]
        for query in queries:
            for method in ("GET", "POST", "DELETE"):
                httpx.request(method, f"{api}/projects?{query}")
                httpx.request(method, f"{api}/projects?{query}", headers=bearer)
            httpx.get(f"{server.url}/projects/x?{query}")
            with contextlib.suppress(websockets.InvalidStatus):
                connect(f"{ws}?{query}").close()
            with connect(f"{ws}?{query}", additional_headers=bearer) as socket:
                socket.recv(timeout=30)
        httpx.get(f"{api}/projects/{token}", headers=bearer)
        httpx.get(f"{api}/projects/{encoded}", headers=bearer)
    finally:
        stop_designer(server)
    log = server.log.read_text()
    assert "GET /api/v1/projects" in log and "WebSocket /api/v1/events" in log, log[-2000:]
    assert "< GET /api/v1/events" in log, "debug logging of websocket handshakes is on"
    leaks = [line for line in log.splitlines() if any(token in f for f in _decodings(line))]
    assert not leaks, "\n".join(leaks[:10])


def test_the_server_file_is_private_from_its_creation(tmp_path: Path) -> None:
    previous = os.umask(0)  # the server inherits it: nothing may rely on a kind umask
    try:
        server = start_designer(tmp_path / "workspace")
    finally:
        os.umask(previous)
    try:
        state = server.workspace / ".dagster-designer"
        info = state / "server.json"
        assert stat.S_IMODE(info.stat().st_mode) == 0o600
        assert not state.stat().st_mode & 0o022, oct(state.stat().st_mode)
        payload = json.loads(info.read_text())
        assert payload["token"] == server.token and payload["pid"] == server.process.pid
    finally:
        stop_designer(server)
