"""How alike two asset keys are: the keys a missing key was probably meant to be.

Two measures, the better one counts: the same words in another spelling or nesting
(`raw/customers` and `raw_customers`), and a few typed characters apart (`orders_cleen` and
`orders_clean`, `raw_order` and `raw_orders`). Pure standard library: the worker and the server
both use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Keys less alike than this are not offered.
THRESHOLD = 0.7


def _tokens(key: str) -> list[str]:
    return [t for t in re.split(r"[/_.\-]+", key.lower()) if t]


def token_similarity(missing: str, produced: str) -> float:
    a, b = _tokens(missing), _tokens(produced)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if longer[-len(shorter) :] == shorter:
        return 0.8
    if set(a) == set(b):
        return 0.7
    return 0.0


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def score(missing: str, produced: str) -> float:
    a, b = missing.lower(), produced.lower()
    typed = 1 - edit_distance(a, b) / max(len(a), len(b), 1)
    return round(max(token_similarity(missing, produced), typed), 2)


def candidates(missing: str, produced: Iterable[str], limit: int = 3) -> list[tuple[str, float]]:
    """The produced keys most like `missing`, best first."""
    scored = [(key, score(missing, key)) for key in produced if key != missing]
    found = sorted(
        ((key, value) for key, value in scored if value >= THRESHOLD),
        key=lambda c: (-c[1], c[0]),
    )
    return found[:limit]
