"""The whole OpenAPI fuzzed against the real server and project: a bounded, reproducible run."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.hardening.conftest import Watch
from tests.hardening.fuzzing import SLOW_OR_DESTRUCTIVE, fuzz, fuzz_sequences
from tests.support import Designer

# requests per operation and mode, and sequences of calls of at most STEPS: the run ends in
# minutes on a busy 2-core machine
EXAMPLES = 3
SCENARIOS = 40
STEPS = 6


@pytest.fixture
def terminals_as_found(api: httpx.Client, project: dict) -> Iterator[None]:
    """The terminals the fuzzing starts are ended after it: the server is shared."""
    terminals = f"/projects/{project['id']}/terminals"
    before = {t["id"] for t in api.get(terminals).json()}
    yield
    for terminal in api.get(terminals).json():
        if terminal["id"] not in before:
            assert api.delete(f"{terminals}/{terminal['id']}").status_code == 204


def test_every_operation_answers_as_documented(
    designer: Designer, api: httpx.Client, project: dict, watch: Watch, terminals_as_found: None
) -> None:
    # the completion process starts with the first completion, a minute or more on a busy
    # machine: started before the requests that have a deadline
    cursor = {"path": "warm.py", "source": "import os\nos.", "line": 2, "column": 3}
    warm = api.post(f"/projects/{project['id']}/python/complete", json=cursor, timeout=600)
    assert warm.status_code == 200, warm.text
    report = fuzz(
        designer.url,
        designer.token,
        project["id"],
        EXAMPLES,
        SLOW_OR_DESTRUCTIVE,
        observe=watch.check,
    )
    print(report.summary())
    assert len(report.operations) > 60
    assert not report.failures, "\n\n".join(report.failures)


def test_sequences_chained_by_the_schemas_links_answer_as_documented(
    designer: Designer, project: dict, watch: Watch, terminals_as_found: None
) -> None:
    report = fuzz_sequences(
        designer.url,
        designer.token,
        project["id"],
        SCENARIOS,
        STEPS,
        SLOW_OR_DESTRUCTIVE,
        observe=watch.check,
    )
    print(report.summary())
    # the sequences chained calls that succeeded (which links they follow is up to the
    # generation: a terminal's id, say, only while the project's terminal cap has room)
    assert report.chained, report.operations
    assert not report.failures, "\n\n".join(report.failures)
