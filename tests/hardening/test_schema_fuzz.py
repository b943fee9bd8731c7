"""The whole OpenAPI fuzzed against the real server and project: a bounded, reproducible run."""

from __future__ import annotations

import httpx

from tests.hardening.conftest import Watch
from tests.hardening.fuzzing import SLOW_OR_DESTRUCTIVE, fuzz
from tests.support import Designer

# requests per operation and mode: the run ends in minutes on a busy 2-core machine
EXAMPLES = 3


def test_every_operation_answers_as_documented(
    designer: Designer, api: httpx.Client, project: dict, watch: Watch
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
