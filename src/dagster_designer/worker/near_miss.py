"""How alike two asset keys are: the keys a missing key was probably meant to be.

Two measures, the better one counts: the same words in another spelling or nesting
(`raw/customers` and `raw_customers`), and one typed character apart (`orders_cleen` and
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


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance (insertions, deletions, substitutions) when at most `limit`, else
    `limit + 1`: only the diagonal band that can stay within the limit is computed."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [i if i <= limit else over] + [over] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])
            )
        if min(current) > limit:
            return over
        previous = current
    return min(previous[-1], over)


def score(missing: str, produced: str) -> float:
    a, b = missing.lower(), produced.lower()
    distance = edit_distance(a, b)
    typed = 1 - distance / max(len(a), len(b), 1) if distance <= 2 else 0.0
    return round(max(token_similarity(missing, produced), typed), 2)


def _deletions(word: str) -> set[str]:
    """The word and the words one character shorter: two words share one exactly when they are
    one insertion, deletion or substitution apart (or equal)."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class Index:
    """Produced keys, indexed so that the look-alikes of a key are found without comparing it
    with every key (a project can produce thousands): by shared deletions for typos (the
    symmetric deletion method) and by words for respellings."""

    def __init__(self, produced: Iterable[str]) -> None:
        self.keys = sorted(set(produced))
        self._by_deletion: dict[str, set[str]] = {}
        self._by_words: dict[tuple[str, ...], set[str]] = {}
        self._by_word_set: dict[frozenset[str], set[str]] = {}
        self._by_suffix: dict[tuple[str, ...], set[str]] = {}
        self._found: dict[tuple[str, int], list[tuple[str, float]]] = {}
        for key in self.keys:
            for deletion in _deletions(key.lower()):
                self._by_deletion.setdefault(deletion, set()).add(key)
            words = tuple(_tokens(key))
            self._by_words.setdefault(words, set()).add(key)
            self._by_word_set.setdefault(frozenset(words), set()).add(key)
            for i in range(1, len(words)):
                self._by_suffix.setdefault(words[i:], set()).add(key)

    def _alike(self, missing: str) -> set[str]:
        found: set[str] = set()
        for deletion in _deletions(missing.lower()):
            found |= self._by_deletion.get(deletion, set())
        words = tuple(_tokens(missing))
        found |= self._by_words.get(words, set()) | self._by_word_set.get(frozenset(words), set())
        found |= self._by_suffix.get(words, set())  # produced `raw/customers` for `customers`
        for i in range(1, len(words)):  # produced `customers` for `raw/customers`
            found |= self._by_words.get(words[i:], set())
        return found

    def candidates(self, missing: str, limit: int = 3) -> list[tuple[str, float]]:
        """The produced keys most like `missing`, best first."""
        if (missing, limit) not in self._found:
            self._found[(missing, limit)] = self._candidates(missing, limit)
        return self._found[(missing, limit)]

    def _candidates(self, missing: str, limit: int) -> list[tuple[str, float]]:
        scored = [(key, score(missing, key)) for key in self._alike(missing) if key != missing]
        found = sorted(
            ((key, value) for key, value in scored if value >= THRESHOLD),
            key=lambda c: (-c[1], c[0]),
        )
        return found[:limit]


def candidates(missing: str, produced: Iterable[str], limit: int = 3) -> list[tuple[str, float]]:
    """The produced keys most like `missing`, best first (for one look-up; build an `Index` for
    many)."""
    return Index(produced).candidates(missing, limit)
