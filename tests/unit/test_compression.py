"""What is compressed: everything large but the relayed Dagster UI, which streams."""

from __future__ import annotations

import httpx
from starlette.types import Receive, Scope, Send

from dagster_designer.server.compression import CompressedAnswers
from tests.support import run_async

BODY = b"x" * 100_000


async def _app(scope: Scope, receive: Receive, send: Send) -> None:
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": BODY})


async def _get(path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=CompressedAnswers(_app))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path, headers={"Accept-Encoding": "gzip"})


def test_a_large_answer_is_gzipped_and_the_relayed_dagster_ui_is_not() -> None:
    api = run_async(_get("/api/v1/projects/p/definitions"))
    relayed = run_async(_get("/api/v1/projects/p/dagster-ui/app/graphql"))
    assert api.headers["content-encoding"] == "gzip" and api.content == BODY
    assert "content-encoding" not in relayed.headers and relayed.content == BODY
