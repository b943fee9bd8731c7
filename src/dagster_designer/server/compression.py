"""gzip for the answers of the API and the UI's files, when the client accepts it.

The definitions of a project of thousands of assets are megabytes of JSON and a tenth of that
compressed. The relayed Dagster UI is left as its webserver answers it: it streams, and a
compressor would hold back what it streams until a block fills.
"""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

MINIMUM_SIZE = 4096  # below, compressing costs more than it saves
RELAYED = "/dagster-ui/"


class CompressedAnswers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzip = GZipMiddleware(app, minimum_size=MINIMUM_SIZE)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and RELAYED not in scope["path"]:
            await self.gzip(scope, receive, send)
        else:
            await self.app(scope, receive, send)
