"""Where a project's runs go: its own instance on this machine, or a remote Dagster deployment
(a webserver, or Dagster+) reached through its GraphQL API.

The remote's address, code location and deployment are stored with the workspace's list of
projects, never in the project. Its API token is a secret: the designer never writes it to disk,
never answers it and never logs it. It is kept in the server's memory (set again after a
restart), or read from `DAGSTER_CLOUD_API_TOKEN` in the project's own `.env` when the user keeps
it there.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..project_files import files

TOKEN_VARIABLE = "DAGSTER_CLOUD_API_TOKEN"  # noqa: S105 (a variable's name)


class InvalidTarget(ValueError):
    """A run target that cannot be used: the message says what to change."""


@dataclass(frozen=True)
class RemoteTarget:
    url: str  # the webserver's address, without `/graphql`
    location: str  # the code location the project is deployed as
    deployment: str | None = None  # Dagster+ only

    @property
    def graphql_url(self) -> str:
        return f"{self.url}/graphql"

    @property
    def organization(self) -> str | None:
        """Dagster+'s organization, the first label of `<organization>.dagster.cloud`."""
        host = urlsplit(self.url).hostname or ""
        first, _, rest = host.partition(".")
        return first if rest in ("dagster.cloud", "dagster.plus") else None

    def stored(self) -> dict[str, Any]:
        """What is kept on disk: everything but the token, which this holds not."""
        return asdict(self)


def remote_target(url: str, location: str, deployment: str | None) -> RemoteTarget:
    """A remote target from what the user typed, or `InvalidTarget`."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidTarget(
            f"`{url}` is not a web address: give the Dagster webserver's URL, such as "
            "http://localhost:3000 or https://my-org.dagster.cloud/prod."
        )
    if parts.username or parts.password:
        raise InvalidTarget("Give the URL without a user or password: use the token field.")
    if parts.query or parts.fragment:
        raise InvalidTarget(f"`{url}` has a query or fragment: give the webserver's base URL.")
    url = url.removesuffix("/graphql")
    if not location.strip():
        raise InvalidTarget("Give the code location the project is deployed as.")
    return RemoteTarget(url, location.strip(), (deployment or "").strip() or None)


def stored_target(data: dict[str, Any] | None) -> RemoteTarget | None:
    """The remote target kept in the project list; none when there is none or it is not
    readable any more (runs then stay on this machine)."""
    if not data:
        return None
    try:
        return remote_target(str(data["url"]), str(data["location"]), data.get("deployment"))
    except (KeyError, InvalidTarget):
        return None


def env_file_token(root: Path) -> str | None:
    """`DAGSTER_CLOUD_API_TOKEN` from the project's `.env`, read by the confinement rule."""
    try:
        text = files.read_text(root, ".env")[0]
    except (OSError, ValueError):
        return None
    for line in text.splitlines():
        name, sep, value = line.strip().removeprefix("export ").partition("=")
        if sep and name.strip() == TOKEN_VARIABLE:
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value or None
    return None
