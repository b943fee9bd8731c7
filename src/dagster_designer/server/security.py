"""One default-deny gate in front of every request and websocket.

In order: the Host header must name this server (DNS rebinding), a browser Origin must be this
server's own origin (cross-site requests and websockets), and a token must be presented as a
bearer header, the session cookie, or once as `?token=` (which sets the cookie and redirects to
the same URL without it). Only `GET /api/v1/health` is public.
"""

from __future__ import annotations

import html
import json
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from ..settings import Settings

PUBLIC = {("GET", "/api/v1/health")}


def cookie_name(port: int) -> str:
    # cookies are not scoped by port: one name per server port keeps servers apart
    return f"dagster_designer_token_{port}"


def split_host(value: str) -> tuple[str, str]:
    """(hostname, port) of a Host header value or an origin's netloc."""
    value = value.strip().lower()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        return host, rest.lstrip(":")
    host, _, port = value.partition(":")
    return host, port


def scrub(text: str) -> str:
    """A URL or log line with token values hidden."""
    if "token=" not in text:
        return text
    parts = urlsplit(text)
    query = urlencode([(k, "***" if k == "token" else v) for k, v in parse_qsl(parts.query)])
    return parts._replace(query=query).geturl()


LOGIN_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Dagster Designer</title>
<style>body{{font-family:system-ui,sans-serif;background:#0f1115;color:#e6e6e6;display:flex;
align-items:center;justify-content:center;height:100vh;margin:0}}form{{background:#181b22;
padding:32px;border-radius:10px;width:420px;box-shadow:0 8px 30px #0008}}h1{{font-size:18px;
margin:0 0 8px}}p{{color:#9aa0aa;font-size:14px}}input{{width:100%;box-sizing:border-box;
padding:10px;border-radius:6px;border:1px solid #333a46;background:#0f1115;color:#e6e6e6}}
button{{margin-top:12px;padding:10px 16px;border:0;border-radius:6px;background:#4f7cff;
color:white;font-weight:600;cursor:pointer}}.err{{color:#ff8080}}</style></head><body>
<form method="get" action="{action}"><h1>Dagster Designer</h1>
<p>Enter the token printed in the terminal where <code>dagster-designer serve</code> was
started, or open the full URL it printed.</p>{error}
<input name="token" type="password" autocomplete="off" autofocus placeholder="token">
<button type="submit">Open</button></form></body></html>"""


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.cookie = cookie_name(settings.port)

    def _token_ok(self, candidate: str | None) -> bool:
        return bool(candidate) and secrets.compare_digest(
            candidate.encode(), self.settings.token.encode()
        )

    def _host_ok(self, host: str) -> bool:
        hostname, _port = split_host(host)
        return bool(hostname) and hostname in self.settings.allowed_hosts

    @staticmethod
    def _origin_ok(origin: str, host: str) -> bool:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False  # includes the opaque origin "null"
        return split_host(parts.netloc) == split_host(host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not self._host_ok(host):
            await self._deny(scope, send, 403, f"Host `{host}` is not allowed for this server.")
            return
        origin = headers.get("origin")
        if origin is not None and not self._origin_ok(origin, host):
            await self._deny(scope, send, 403, "Cross-origin requests are not allowed.")
            return
        method = scope.get("method", "GET")
        if (method, scope["path"]) in PUBLIC:
            await self.app(scope, receive, send)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode()))
        authorization = headers.get("authorization", "")
        bearer = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
        cookies = _cookies(headers.get("cookie", ""))
        if self._token_ok(bearer) or self._token_ok(cookies.get(self.cookie)):
            await self.app(scope, receive, send)
            return
        if self._token_ok(query.get("token")):
            if scope["type"] == "http" and not scope["path"].startswith("/api/"):
                await self._set_cookie_and_redirect(scope, send, query)
            else:
                await self.app(scope, receive, send)
            return
        await self._deny(scope, send, 401, "Missing or wrong token.", bad_token="token" in query)

    async def _set_cookie_and_redirect(self, scope: Scope, send: Send, query: dict) -> None:
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        location = scope["path"] + (f"?{rest}" if rest else "")
        cookie = f"{self.cookie}={self.settings.token}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode()),
                    (b"set-cookie", cookie.encode()),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _deny(
        self, scope: Scope, send: Send, status: int, detail: str, bad_token: bool = False
    ) -> None:
        if scope["type"] == "websocket":
            # closing before accepting answers the handshake with 403
            await send({"type": "websocket.close", "code": 1008, "reason": detail})
            return
        wants_page = (
            status == 401
            and scope.get("method") == "GET"
            and not scope["path"].startswith(("/api/", "/assets/"))
        )
        if wants_page:
            error = '<p class="err">That token is not right.</p>' if bad_token else ""
            body = LOGIN_PAGE.format(action=html.escape(scope["path"]), error=error).encode()
            content_type = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": detail}).encode()
            content_type = b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(body)).encode()),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            out[name] = value
    return out
