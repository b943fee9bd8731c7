"""Lines that look like they hold a secret: the added lines of staged changes are read before a
commit, and the project's files by the review, which moves them into `.env`. Pure: text in,
findings out."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

# Known token shapes: a match is a secret whatever the line around it says.
_TOKENS = [
    (re.compile(r"\bghp_[A-Za-z0-9]{30,}"), "a GitHub token"),
    (re.compile(r"\bgh[osur]_[A-Za-z0-9]{30,}"), "a GitHub token"),
    (re.compile(r"\bgithub_pat_[A-Za-z0-9_]{30,}"), "a GitHub token"),
    (re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"), "a GitLab token"),
    (re.compile(r"\bxox[bpas]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (re.compile(r"\bAKIA[0-9A-Z]{16}\b"), "an AWS access key id"),
    (re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}"), "an API secret key"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{35}"), "a Google API key"),
    (re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY( BLOCK)?-----"), "a private key"),
]
_SECRET_NAME = re.compile(
    r"(password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|"
    r"client[_-]?secret|credential)",
    re.IGNORECASE,
)
# `name = value`, `name: value`, `"name": "value"`, `NAME=value`
_ASSIGNMENT = re.compile(
    r"""["']?(?P<name>[A-Za-z_][\w.-]*)["']?\s*(?::|=|:=)\s*"""
    # a value that opens a dict, list or call holds the assignments to look at: not a value
    r"""(?P<value>"[^"]*"|'[^']*'|[^\s,#;{\[(][^\s,#;(]*)(?P<call>\()?"""
)
# Values that name a secret instead of holding one.
_REFERENCE = re.compile(
    r"\{\{.*\}\}|\$\{.*\}|^\$\w+$|EnvVar|environ|getenv|^<.*>$|^\*+$|^x+$|"
    r"changeme|change_me|example|placeholder|your[_-]|dummy|redacted|xxx",
    re.IGNORECASE,
)
MIN_LENGTH = 16


@dataclass(frozen=True)
class Finding:
    path: str
    line: int  # in the new version of the file
    reason: str


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _random_looking(value: str) -> bool:
    """Long, varied, no spaces: how generated secrets look, and words and paths do not."""
    if len(value) < MIN_LENGTH or " " in value or _REFERENCE.search(value):
        return False
    kinds = sum(
        bool(re.search(pattern, value)) for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^\w]")
    )
    return kinds >= 2 and _entropy(value) >= 3.5


@dataclass(frozen=True)
class Secret:
    """A secret written on a line: why it looks like one, the name it is assigned to (when it
    is), and its text (None for a private key block, which spans lines)."""

    reason: str
    name: str | None
    value: str | None


def _assignments(text: str) -> list[tuple[str, str, str, bool]]:
    """Each `name = value` of the line: its name, its value as written, the whole match, and
    whether the value is code (a call or a subscript) rather than a literal."""
    found = []
    for match in _ASSIGNMENT.finditer(text):
        raw = match.group("value")
        code = bool(match.group("call")) or (raw[:1] not in "\"'" and "[" in raw)
        found.append((match.group("name"), raw, match.group(0), code))
    return found


def line_secret(text: str) -> Secret | None:
    """The secret one line seems to hold, or None."""
    for pattern, reason in _TOKENS:
        if token := pattern.search(text):
            if reason == "a private key":
                return Secret(f"looks like {reason}", None, None)
            value = token.group(0)
            name = next((n for n, raw, *_ in _assignments(text) if value in raw), None)
            return Secret(f"looks like {reason}", name, value)
    for name, raw, whole, code in _assignments(text):
        value = raw.strip("\"'")
        named = _SECRET_NAME.search(name) and not _REFERENCE.search(whole)
        if named and not code and _random_looking(value):
            return Secret(f"`{name}` is set to a value that looks like a secret", name, value)
    return None


def scan_diff(diff: str) -> list[Finding]:
    """The added lines of a unified diff (`git diff --cached`) that look like secrets."""
    findings: list[Finding] = []
    path = ""
    line = 0
    header = False  # between `diff --git` and the first hunk: `+++ b/path` names the file
    for text in diff.splitlines():
        if text.startswith("diff --git "):
            header = True
        elif header and text.startswith("+++ "):
            target = text[4:]
            path = target[2:] if target.startswith("b/") else target
        elif text.startswith("@@"):
            header = False
            found = re.match(r"@@ -\S+ \+(\d+)", text)
            line = int(found.group(1)) if found else 0
        elif header:
            continue
        elif text.startswith("+"):
            secret = line_secret(text[1:])
            if secret is not None:
                findings.append(Finding(path, line, secret.reason))
            line += 1
        elif text.startswith(" "):
            line += 1
    return findings
