"""The gate in front of every endpoint: token, Host allow-list, Origin check, cookie login."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets

from tests.support import Designer, run_async

PROTECTED = [
    ("GET", "/api/v1/projects"),
    ("POST", "/api/v1/projects"),
    ("GET", "/api/v1/projects/x/definitions"),
    ("PUT", "/api/v1/projects/x/files/a.py"),
    ("POST", "/api/v1/projects/x/validate"),
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/assets/index.js"),
]


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


def _ws_url(designer: Designer, query: str = "") -> str:
    return f"ws://127.0.0.1:{designer.port}/api/v1/events{query}"


def test_events_websocket_needs_token_and_own_origin(designer: Designer) -> None:
    async def attempt(query: str, origin: str | None) -> str:
        try:
            async with websockets.connect(_ws_url(designer, query), origin=origin) as ws:
                return json.loads(await asyncio.wait_for(ws.recv(), 10))["type"]
        except websockets.InvalidStatus as exc:
            return f"refused {exc.response.status_code}"

    assert run_async(attempt("", designer.url)) == "refused 403"
    assert run_async(attempt(f"?token={designer.token}", "http://evil.example")) == "refused 403"
    assert run_async(attempt(f"?token={designer.token}", designer.url)) == "hello"
