"""Limits on request bodies, in one place, enforced before any route sees a body.

Each kind of route has one size limit (`RULES`, then `DEFAULT`). A declared `Content-Length`
over it is refused before a byte of the body is kept; a body without one (chunked) is counted
as it arrives and refused as soon as it passes the limit, so memory never holds more than the
limit. A refused body is still read to its end (and dropped), up to `DRAIN_LIMIT`: a server that
answers and closes while the client is still sending resets the connection, and the client sees
a network error instead of the 413.

A route that takes an archive gets its body as it arrives, written to disk, and counts it
against the same limit itself (`streamed`). Any other body within its limit is read in full,
and a JSON body is parsed once here to refuse what would break the routes behind (nesting deep
enough to exhaust the parser's or a YAML writer's recursion, more values than the writers behind
handle in seconds, numbers Python cannot hold or YAML would change); then the route gets the
body as if nothing had read it. Every refusal is a 4xx with a `detail` sentence and changes
nothing.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..project_files.files import MAX_TEXT_BYTES
from .security import send_detail

MB = 1024 * 1024
# An uploaded project archive, compressed; what it unpacks to has limits of its own.
MAX_ARCHIVE_BYTES = 256 * MB
# What a refused body is read (and dropped) up to so its sender gets the answer; past this the
# connection is closed on the sender, which costs it the answer rather than us the time.
DRAIN_LIMIT = 64 * MB
# Deeper than any component's attributes; shallow enough for every recursive reader behind.
MAX_JSON_DEPTH = 64
# Values (of every container and scalar) in one JSON body: the layout of a graph of 15,000 nodes
# fits; the YAML writer and the schema check behind cost about 0.2 ms per value.
MAX_JSON_VALUES = 50_000


@dataclass(frozen=True)
class BodyRule:
    methods: frozenset[str]
    path: re.Pattern[str]
    limit: int
    what: str  # for the refusal: "the limit for {what}"
    # passed on as it arrives, for a route that writes it to disk and counts it itself; such a
    # route's contract answers 400 to a body over its limit
    streamed: bool = False


def _rule(methods: str, path: str, limit: int, what: str, streamed: bool = False) -> BodyRule:
    return BodyRule(frozenset(methods.split()), re.compile(path), limit, what, streamed)


_PROJECT = r"/api/v1/projects/[^/]+"
RULES = (
    _rule("PUT", rf"{_PROJECT}/files/.+", MAX_TEXT_BYTES, "a file's text"),
    _rule("PUT", rf"{_PROJECT}/defs/.+", MAX_TEXT_BYTES, "a component's attributes"),
    _rule(
        "POST",
        rf"{_PROJECT}/(python/(format|lint|complete)|defs-check)",
        MAX_TEXT_BYTES,
        "unsaved text",
    ),
    _rule("POST", r"/api/v1/projects/import", MAX_ARCHIVE_BYTES, "an archive", streamed=True),
)
DEFAULT = _rule("", "", 1 * MB, "this request")


def rule_for(method: str, path: str) -> BodyRule:
    for rule in RULES:
        if method in rule.methods and rule.path.fullmatch(path):
            return rule
    return DEFAULT


class _Refused(ValueError):
    """A JSON body the routes must not be given."""


def _refuse_constant(name: str) -> Any:
    raise _Refused(f"`{name}` in the JSON body is not a number JSON allows; send a finite number.")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"The number `{text[:20]}` in the JSON body is too large.")
    return value


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # beyond Python's limit on digits
        raise _Refused(
            f"A number in the JSON body has too many digits ({len(text)}); send it as a string."
        ) from None


def _shape_problem(value: Any) -> str | None:
    """Whether a parsed body is nested too deep or holds too many values."""
    count = 1
    stack = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
        children = item.values() if isinstance(item, dict) else item
        count += len(children)
        if count > MAX_JSON_VALUES:
            return f"The JSON body holds more than {MAX_JSON_VALUES} values; send less at once."
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return None


def json_problem(body: bytes) -> str | None:
    """Why this JSON body is refused, or None. Malformed JSON is left to the route (422)."""
    try:
        value = json.loads(
            body, parse_constant=_refuse_constant, parse_float=_float, parse_int=_int
        )
    except _Refused as exc:
        return str(exc)
    except RecursionError:
        return f"The JSON body is nested more than {MAX_JSON_DEPTH} levels deep."
    except ValueError:
        return None
    return _shape_problem(value)


def _is_json(headers: Headers) -> bool:
    kind = headers.get("content-type", "").split(";")[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


class RequestLimits:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rule = rule_for(scope["method"], scope["path"])
        headers = Headers(scope=scope)
        too_large = (
            f"The request body is larger than {rule.limit // MB} MB, the limit for {rule.what}; "
            "nothing was changed."
        )
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > rule.limit:
            if int(declared) > DRAIN_LIMIT or await _drain(receive, 0):
                await send_detail(send, 400 if rule.streamed else 413, too_large)
            return
        if rule.streamed:
            await self.app(scope, receive, send)
            return
        parts: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > rule.limit:
                if not message.get("more_body", False) or await _drain(receive, size):
                    await send_detail(send, 413, too_large)
                return
            parts.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(parts)
        if body and _is_json(headers) and (problem := json_problem(body)):
            await send_detail(send, 400, problem)
            return
        await self.app(scope, _replay(body, receive), send)


async def _drain(receive: Receive, size: int) -> bool:
    """Read the rest of a refused body and drop it, up to `DRAIN_LIMIT` in all; False when the
    client left meanwhile (nobody to answer)."""
    while size <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] == "http.disconnect":
            return False
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return True


def _replay(body: bytes, receive: Receive) -> Receive:
    """The request's body as one message, then whatever the connection says next."""
    pending = True

    async def replay() -> Message:
        nonlocal pending
        if pending:
            pending = False
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
