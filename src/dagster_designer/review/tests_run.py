"""A pytest run's results, per test, from the JUnit XML it writes (`--junitxml`, the `xunit1`
family, which records each test's file and line)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from typing import Any

# What `--junitxml` is run with: file and line of each test, and its own summary line off.
PYTEST_OPTIONS = ("-o", "junit_family=xunit1", "-p", "no:cacheprovider", "-q", "-rN")
# pytest's exit codes: 0 all passed, 1 some failed, 5 no tests collected; others mean the run
# itself went wrong (interrupted, internal error, bad usage).
RAN = (0, 1, 5)
NO_TESTS = 5
OUTCOMES = {"failure": "failed", "error": "error", "skipped": "skipped"}
MAX_MESSAGE = 8000  # characters of a failure's text kept (its assertion and the frames nearest)


class UnreadableResults(ValueError):
    """pytest's XML is not the JUnit report it should be."""


def _node_id(case: ElementTree.Element) -> str:
    """The pytest node id (`tests/test_x.py::TestY::test_z`) from the case's file and its
    dotted class name (module, then classes)."""
    file, name = case.get("file") or "", case.get("name") or ""
    classname = case.get("classname") or ""
    module = file[: -len(".py")].replace("/", ".") if file.endswith(".py") else ""
    if module and classname.startswith(module):
        classes = [part for part in classname[len(module) :].split(".") if part]
        return "::".join([file, *classes, name])
    return "::".join(part for part in (file or classname, name) if part)


def _outcome(case: ElementTree.Element) -> tuple[str, str | None]:
    for child in case:
        if child.tag in OUTCOMES:
            parts = [child.get("message") or "", (child.text or "").strip()]
            text = "\n\n".join(dict.fromkeys(p for p in parts if p))  # each part once
            if len(text) > MAX_MESSAGE:
                text = "…" + text[-MAX_MESSAGE:]
            return OUTCOMES[child.tag], text or None
    return "passed", None


def _line(case: ElementTree.Element) -> int | None:
    line = case.get("line")  # pytest counts from 0
    return int(line) + 1 if line and line.isdigit() else None


def results(xml: str) -> dict[str, Any]:
    """Counts, total duration and each test (`id`, `file`, `line`, `outcome`, `message`,
    `duration`), in the order pytest ran them."""
    try:
        # written by pytest in the project's environment, whose code runs anyway; expat
        # bounds entity expansion
        root = ElementTree.fromstring(xml)  # noqa: S314
    except ElementTree.ParseError as exc:
        raise UnreadableResults(f"pytest's JUnit report could not be read: {exc}") from exc
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = []
    for case in (case for suite in suites for case in suite.iter("testcase")):
        outcome, message = _outcome(case)
        tests.append(
            {
                "id": _node_id(case),
                "file": case.get("file") or None,
                "line": _line(case),
                "outcome": outcome,
                "message": message,
                "duration": round(float(case.get("time") or 0), 3),
            }
        )
    counts = {outcome: 0 for outcome in ("passed", "failed", "error", "skipped")}
    for test in tests:
        counts[test["outcome"]] += 1
    return {
        "passed": counts["passed"],
        "failed": counts["failed"],
        "errors": counts["error"],
        "skipped": counts["skipped"],
        "duration": round(sum(float(s.get("time") or 0) for s in suites), 3),
        "tests": tests,
    }
