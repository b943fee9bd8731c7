"""The hardening suite's own fixtures (the server and the project are the shared ones): a
secret planted in the project's `.env` before anything runs, and a watch over every answer."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support import Designer


@dataclass
class Watch:
    """The values that must never leave their place, and where an answer showed one."""

    values: dict[str, str]  # what it is: its value
    leaks: list[str] = field(default_factory=list)

    def check(self, where: str, text: str) -> None:
        self.leaks += [f"{what} in {where}" for what, v in self.values.items() if v in text]


@pytest.fixture(scope="session")
def planted_env(project_root: Path) -> Iterator[tuple[str, str]]:
    """A `.env` value (name, value) in the project for the duration of the session."""
    env = project_root / ".env"
    before = env.read_text() if env.exists() else None
    name, value = "HARDENING_PLANTED_SECRET", "planted-" + secrets.token_hex(16)
    env.write_text((before or "") + f"\n{name}={value}\n")
    yield name, value
    if before is None:
        env.unlink()
    else:
        env.write_text(before)


@pytest.fixture(scope="session")
def watch(designer: Designer, planted_env: tuple[str, str]) -> Watch:
    return Watch({"the token": designer.token, "the .env value": planted_env[1]})
