"""Secrets come through `EnvVar` or `{{ env.X }}`, never as literals in the project's YAML or
Python: a small detector of likely secrets (key names such as password or token holding a
long random value, private key blocks, well-known token prefixes)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .finding import Finding

_NAME = r"[\w-]*(?:password|passwd|secret|token|api[_-]?key|apikey|access[_-]?key)[\w-]*"
# `name: value`, `name = "value"`, `"name": "value"`, `name="value"` (a keyword argument)
_ASSIGNED = re.compile(
    rf"""(?ix)(?P<name>{_NAME})["']?\s*[:=]\s*
    (?:(?P<q>["'])(?P<quoted>[^"'\n]+)(?P=q)|(?P<bare>[^\s"'#,)\]}}]+))"""
)
_PREFIXED = re.compile(
    r"(?P<value>ghp_[A-Za-z0-9]{30,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}"
    r"|sk-[A-Za-z0-9_-]{20,})"
)
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----")
_PLACEHOLDERS = ("{{", "${", "<", "changeme", "xxx", "***", "example", "env.", "envvar")


@dataclass(frozen=True)
class Secret:
    line: int
    name: str  # the name to give it in .env
    value: str | None  # None for a private key block, which is never moved line by line


def looks_random(value: str) -> bool:
    """A long value of mixed characters rather than a word, a placeholder or a reference."""
    lowered = value.lower()
    if len(value) < 8 or any(p in lowered for p in _PLACEHOLDERS):
        return False
    if value.isidentifier() and "_" in value:  # a variable name such as MY_TOKEN_NAME
        return False
    tests = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    classes = sum(any(test(c) for c in value) for test in tests)
    return classes >= 2


def env_name(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_") or "SECRET"


def find(text: str) -> list[Secret]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        if _PRIVATE_KEY.search(line):
            found.append(Secret(number, "PRIVATE_KEY", None))
            continue
        prefixed = _PREFIXED.search(line)
        assigned = _ASSIGNED.search(line)
        if assigned is not None:
            value = assigned.group("quoted") or assigned.group("bare") or ""
            if looks_random(value) or _PREFIXED.fullmatch(value):
                found.append(Secret(number, env_name(assigned.group("name")), value))
                continue
        if prefixed is not None:
            found.append(Secret(number, "API_TOKEN", prefixed.group("value")))
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
