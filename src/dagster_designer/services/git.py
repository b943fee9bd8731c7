"""Source control of a project: the git actions as the API offers them, a look for secrets in
what is about to be committed, and the checks on a URL to clone."""

from __future__ import annotations

import ipaddress
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from ..edits.secrets import Finding, scan_diff
from ..processes import git
from ..processes.git.runner import run
from ..project_files.config import ProjectConfig


class SecretsFound(git.GitRefused):
    """Staged changes that look like secrets: the commit waits for `allow_secrets`."""

    def __init__(self, findings: list[Finding]) -> None:
        places = ", ".join(f"{f.path}:{f.line}" for f in findings[:10])
        super().__init__(
            f"The staged changes look like they hold secrets ({places}). Move them to the "
            "project's `.env` (and read them with `{{ env.NAME }}` or `EnvVar`), or commit "
            "anyway if they are not secrets."
        )
        self.findings = [asdict(finding) for finding in findings]


class InvalidGitUrl(ValueError):
    """A URL the designer will not clone from: 400."""


async def secrets_staged(root: Path) -> list[Finding]:
    staged = await run(
        root, "diff", "--cached", "--no-ext-diff", "--no-textconv", "--no-color", "--relative"
    )
    return scan_diff(staged.text) if staged.ok else []


async def commit(
    config: ProjectConfig, message: str, paths: list[str] | None, allow_secrets: bool
) -> str:
    if not message.strip():
        raise git.GitInputError("Write a commit message.")
    if paths:
        await git.stage(config.root, paths)
    if not allow_secrets and (findings := await secrets_staged(config.root)):
        raise SecretsFound(findings)
    return await git.commit(config.root, message)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_url(url: str, token: str | None) -> str:
    """An http(s) URL without credentials in it (they would be written to the clone's config);
    a token goes over https only, or to this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InvalidGitUrl(f"`{url}` is not an https URL of a git repository.")
    if parts.username or parts.password:
        raise InvalidGitUrl(
            "Leave credentials out of the URL (they would be stored in the clone's config): "
            "give the token in its own field."
        )
    if token and parts.scheme == "http" and not _loopback(parts.hostname):
        raise InvalidGitUrl("A token is sent over https only: use the https URL.")
    return url


def name_from_url(url: str) -> str:
    last = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix(".git") or "project"
