"""One default-deny gate in front of every request and websocket, and the token's hygiene.

In order: the Host header must name this server (DNS rebinding), a browser Origin must be this
server's own origin (cross-site requests and websockets), and a token must be presented as a
bearer header or the session cookie. A page load (a GET outside the API) may carry it once as
`?token=`: that sets the cookie and redirects to the same URL without it. The API and websockets
never take it from the URL, where it would end up in logs and browser history. Only
`GET /api/v1/health` is public.

`HideSecrets` keeps the token out of every log line: its value anywhere (plain or
percent-encoded), and any `token` query parameter however its name is encoded.
"""

from __future__ import annotations

import html
import json
import logging
import re
import secrets
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl, unquote, unquote_plus, urlencode, urlsplit

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


# a query parameter: what leads it, its (maybe percent-encoded) name, and its value
_PARAMETER = re.compile(r"(?P<lead>[?&;])(?P<name>[^=&;\s\"'#]*)=(?P<value>[^&;\s\"'#]*)")
# a run of characters a URL or a header value may hold
_RUN = re.compile(r"[^\s\"'<>]+")
HIDDEN = "***"


def _decodings(text: str) -> Iterable[str]:
    yield text
    yield unquote_plus(text)
    for _ in range(3):  # however often it was percent-encoded
        text = unquote(text)
        yield text


def _holds(text: str, value: str) -> bool:
    return any(value in form for form in _decodings(text))


def scrub(text: str, values: Sequence[str] = ()) -> str:
    """A URL or log line with token values hidden: the value of every `token` query parameter
    (its name percent-encoded or not, in any case), and each of `values` wherever it appears,
    plain or encoded (then the whole run of URL characters holding it is hidden)."""
    if "=" in text:
        text = _PARAMETER.sub(
            lambda m: (
                f"{m['lead']}{m['name']}={HIDDEN}"
                if unquote_plus(m["name"]).strip().lower() == "token"
                else m.group()
            ),
            text,
        )
    for value in values:
        text = text.replace(value, HIDDEN)
        if _holds(text, value):
            text = _RUN.sub(lambda m, v=value: HIDDEN if _holds(m.group(), v) else m.group(), text)
    return text


class HideSecrets(logging.Filter):
    """A log filter (for every handler) that scrubs messages, their arguments and tracebacks."""

    def __init__(self, values: Sequence[str] = ()) -> None:
        super().__init__()
        self.values = tuple(value for value in values if value)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = scrub(record.msg, self.values)
        if isinstance(record.args, tuple):  # kept a tuple: uvicorn's access format reads it
            record.args = tuple(
                scrub(a, self.values) if isinstance(a, str) else a for a in record.args
            )
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        if scrub(message, self.values) != message:  # held by an argument that is not text
            record.msg, record.args = scrub(message, self.values), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text, self.values)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info, self.values)
        return True


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
started (or the one set in <code>DAGSTER_DESIGNER_TOKEN</code>), or open the full URL it
printed.</p>{error}
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
        query = dict(parse_qsl(scope.get("query_string", b"").decode(errors="replace")))
        authorization = headers.get("authorization", "")
        bearer = authorization[7:].strip() if authorization.lower().startswith("bearer ") else None
        cookies = _cookies(headers.get("cookie", ""))
        page_load = (
            scope["type"] == "http"
            and method in ("GET", "HEAD")
            and not scope["path"].startswith("/api/")
        )
        if page_load and self._token_ok(query.get("token")):
            await self._set_cookie_and_redirect(scope, send, query)
            return
        if self._token_ok(bearer) or self._token_ok(cookies.get(self.cookie)):
            await self.app(scope, receive, send)
            return
        detail = "Missing or wrong token."
        if "token" in query:
            detail += " Send it in the `Authorization: Bearer` header, not in the URL."
        await self._deny(scope, send, 401, detail, bad_token="token" in query)

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
            page = LOGIN_PAGE.format(action=html.escape(scope["path"]), error=error)
            await send_answer(send, status, page.encode(), b"text/html; charset=utf-8")
        else:
            await send_detail(send, status, detail)


async def send_answer(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    """A whole HTTP answer, sent by a middleware before any route runs; never cached."""
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


async def send_detail(send: Send, status: int, detail: str) -> None:
    """An error answer as every route gives it: `{"detail": "..."}`."""
    await send_answer(send, status, json.dumps({"detail": detail}).encode(), b"application/json")


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        name, sep, value = part.strip().partition("=")
        if sep:
            out[name] = value
    return out
