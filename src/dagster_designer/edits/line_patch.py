"""Carrying a change from ruamel's rendering of a file over to the file's own lines.

ruamel.yaml's round trip re-spells some things it reads (`a:    1`, `[ x, y ]`, `~`, a flow
collection over several lines, a final line without its newline). An edit therefore renders the
file twice, before and after the change, and only the lines that differ between the two renderings
replace their counterparts in the file: every other line keeps the spelling the file gave it.
The caller checks the result (it must render as `after` does) and falls back when it does not.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def lines(text: str) -> list[str]:
    """The lines of `text`, each with its `\\n` (the last one may have none)."""
    return _LINE.findall(text)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" -"))].rstrip()


def carry_over(original: str, before: str, after: str) -> str:
    """`original` with the change from `before` (a rendering of `original`) to `after` made in
    it. A changed line next to lines that `original` spells differently from `before` takes those
    lines along, in the spelling of `after`: the edit is exact where the file and its rendering
    agree, and never guesses where they do not."""
    kept, old, new = lines(original), lines(before), lines(after)
    # line of `before` -> the same line in `original`: equal lines, and the lines between two
    # runs of equal lines where both hold as many, indented alike (re-spelled within the line)
    matched: dict[int, int] = {}
    i0 = j0 = 0
    for i, j, size in SequenceMatcher(None, old, kept, autojunk=False).get_matching_blocks():
        if i - i0 == j - j0 and all(
            _indent(old[i0 + k]) == _indent(kept[j0 + k]) for k in range(i - i0)
        ):
            matched.update((i0 + k, j0 + k) for k in range(i - i0))
        matched.update((i + k, j + k) for k in range(size))
        i0, j0 = i + size, j + size
    changes = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def left_anchor(i: int) -> int | None:
        """Where in `original` a change starting at line i of `before` starts."""
        if i < len(old) and i in matched:
            return matched[i]
        if i == 0:
            return 0
        return matched[i - 1] + 1 if i - 1 in matched else None

    def right_anchor(i: int) -> int | None:
        """Where in `original` a change ending before line i of `before` ends."""
        if i > 0 and i - 1 in matched:
            return matched[i - 1] + 1
        if i == len(old):
            return len(kept)
        return matched.get(i)

    def insertion_point(i: int) -> int | None:
        """Where in `original` lines inserted before line i of `before` go."""
        if i > 0 and i - 1 in matched:
            return matched[i - 1] + 1
        if i < len(old) and i in matched:
            return matched[i]
        if i == 0:
            return 0
        return len(kept) if i == len(old) and original.endswith("\n") else None

    # the changed ranges of `before`, widened until `original` anchors both ends, then joined
    ranges = [[i1, i2] for tag, i1, i2, _, _ in changes if tag != "equal"]
    while True:
        for edge in ranges:
            if edge[0] == edge[1] and insertion_point(edge[0]) is not None:
                continue
            while left_anchor(edge[0]) is None:
                edge[0] -= 1
            while right_anchor(edge[1]) is None:
                edge[1] += 1
        joined: list[list[int]] = []
        for edge in sorted(ranges):
            if joined and edge[0] <= joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], edge[1])
            else:
                joined.append(edge)
        if joined == ranges:
            break
        ranges = joined

    def in_after(i: int, last: bool) -> int:
        """Line boundary i of `before` as one of `after`: the last or the first one it can be
        when lines were inserted there."""
        found = [j1 + i - i1 for tag, i1, i2, j1, _ in changes if tag == "equal" and i1 <= i <= i2]
        found += [j1 for tag, i1, _, j1, _ in changes if tag != "equal" and i == i1]
        found += [j2 for tag, _, i2, _, j2 in changes if tag != "equal" and i == i2]
        return max(found) if last else min(found)

    out: list[str] = []
    cursor = 0
    for i1, i2 in ranges:
        if i1 == i2:
            start = end = insertion_point(i1)
        else:
            start, end = left_anchor(i1), right_anchor(i2)
        assert start is not None and end is not None
        out.extend(kept[cursor:start])
        out.extend(new[in_after(i1, last=False) : in_after(i2, last=True)])
        cursor = end
    out.extend(kept[cursor:])
    return "".join(out)
