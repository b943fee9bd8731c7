"""Secrets come through `EnvVar` or `{{ env.X }}`, never as literals in the project's YAML or
Python: the lines the one detector of secrets (`edits/secrets.py`) finds, each named for `.env`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..edits.secrets import line_secret
from .finding import Finding


@dataclass(frozen=True)
class Secret:
    line: int
    name: str  # the name to give it in .env
    value: str | None  # None for a private key block, which is never moved line by line


def env_name(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_") or "SECRET"


def find(text: str) -> list[Secret]:
    """The lines of a YAML or Python text that hold a secret (comments aside)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#") or (secret := line_secret(line)) is None:
            continue
        if secret.value is None:
            name = "PRIVATE_KEY"
        else:
            name = env_name(secret.name) if secret.name else "API_TOKEN"
        found.append(Secret(number, name, secret.value))
    return found


def review(texts: dict[str, str]) -> list[Finding]:
    found = []
    for file, text in sorted(texts.items()):
        if not file.endswith((".py", ".yaml", ".yml")):
            continue
        reference = "dg.EnvVar" if file.endswith(".py") else "{{ env.X }}"
        for secret in find(text):
            movable = secret.value is not None
            found.append(
                Finding(
                    "secret",
                    "error",
                    f"A likely secret ({secret.name.lower()}) is written in the file: read it "
                    f"from the environment through {reference} instead.",
                    file,
                    secret.line,
                    None,
                    f"Move it into .env as {secret.name}" if movable else None,
                )
            )
    return found
