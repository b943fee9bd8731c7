"""Server settings, resolved once at start-up from the command line and the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
TOKEN_VARIABLE = "DAGSTER_DESIGNER_TOKEN"  # noqa: S105 - the variable name, not a secret


def default_token() -> str:
    return os.environ.get(TOKEN_VARIABLE) or secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Settings:
    workspace: Path
    token: str = field(default_factory=default_token, repr=False)
    host: str = "127.0.0.1"
    port: int = 3333
    # extra Host header values to accept (for a reverse proxy or a remote bind)
    extra_hosts: tuple[str, ...] = ()
    load_timeout: float = 60.0
    scaffold_timeout: float = 180.0
    registry_timeout: float = 900.0
    create_timeout: float = 1800.0
    validate_timeout: float = 600.0
    # address-space cap of every process that runs a project's code, so it cannot exhaust the
    # machine
    worker_memory_mb: int = 4096
    # runs in progress at once in one project: each is a process with that memory cap
    max_active_runs: int = 10
    # shells: each holds a process tree until closed, so they are counted
    max_terminals_per_project: int = 8
    max_terminals: int = 24
    # managed `dg dev` (webserver, daemon and code server: several hundred MB each)
    max_dagster_uis: int = 2
    # minutes without use after which a process is stopped (0: never); each starts again on
    # the next request, socket or click
    dagster_ui_idle_minutes: float = 30.0
    worker_idle_minutes: float = 30.0
    terminal_idle_minutes: float = 15.0

    @property
    def state_dir(self) -> Path:
        """The designer's own files in the workspace: project list, caches, linked executables."""
        return self.workspace / ".dagster-designer"

    @property
    def linked_bin(self) -> Path:
        """Executables the designer links for its children (uv): first on the PATH of
        create-dagster and uv sync, last on that of terminals."""
        return self.state_dir / "bin"

    @property
    def cache_dir(self) -> Path:
        return self.state_dir / "cache"

    @property
    def allowed_hosts(self) -> frozenset[str]:
        hosts = set(LOOPBACK_HOSTS) | {h.lower() for h in self.extra_hosts}
        if self.host not in ("0.0.0.0", "::", ""):  # noqa: S104 - comparing, not binding
            hosts.add(self.host.lower())
        return frozenset(hosts)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host  # noqa: S104
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"
