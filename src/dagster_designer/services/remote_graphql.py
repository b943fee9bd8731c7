"""Requests to a remote Dagster deployment's GraphQL API, each with a timeout.

Whatever goes wrong on the way (unreachable, a refused token, an error of the remote's own)
becomes `RemoteUnavailable` naming the remote, never an unexplained failure. Dagster+'s headers
are sent only when a token is set; the token never appears in a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from .run_target import RemoteTarget

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
# The remote's answers to the questions asked here are small; a larger one is not Dagster.
MAX_ANSWER = 50 * 1024 * 1024


class RemoteUnavailable(RuntimeError):
    """The remote did not answer, refused the request, or failed answering it."""


class RemoteClient:
    def __init__(self, target: RemoteTarget, token: Callable[[], str | None]) -> None:
        self.target = target
        self._token = token
        self._client = httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)

    @property
    def name(self) -> str:
        return f"the remote Dagster at {self.target.url}"

    def _headers(self) -> dict[str, str]:
        token = self._token()
        if not token:
            return {}
        headers = {"Dagster-Cloud-Api-Token": token}
        if self.target.organization:
            headers["Dagster-Cloud-Organization"] = self.target.organization
        if self.target.deployment:
            headers["Dagster-Cloud-Deployment"] = self.target.deployment
        return headers

    async def query(self, text: str, field: str, **variables: Any) -> Any:
        """The answer's `field`; GraphQL's own errors (a malformed query, a field this version
        lacks) and a missing answer are `RemoteUnavailable`."""
        try:
            response = await self._client.post(
                self.target.graphql_url,
                json={"query": text, "variables": variables},
                headers=self._headers(),
            )
        except httpx.TimeoutException as exc:
            raise RemoteUnavailable(f"{self.name} did not answer in time ({exc!r}).") from None
        except httpx.HTTPError as exc:
            raise RemoteUnavailable(f"{self.name} cannot be reached: {exc}.") from None
        if response.status_code in (401, 403):
            raise RemoteUnavailable(
                f"{self.name} refused the request ({response.status_code}): set its API token "
                "in the run target."
            )
        if len(response.content) > MAX_ANSWER:
            raise RemoteUnavailable(f"{self.name} answered more than {MAX_ANSWER} bytes.")
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            raise RemoteUnavailable(
                f"{self.name} answered {response.status_code} without GraphQL: is it a Dagster "
                "webserver?"
            )
        if body.get("errors"):
            messages = "; ".join(str(e.get("message", e)) for e in body["errors"])
            raise RemoteUnavailable(f"{self.name} refused the query: {messages}")
        data = body.get("data")
        if not response.is_success or not isinstance(data, dict) or data.get(field) is None:
            raise RemoteUnavailable(
                f"{self.name} answered {response.status_code} without `{field}`."
            )
        return data[field]

    async def close(self) -> None:
        await self._client.aclose()
