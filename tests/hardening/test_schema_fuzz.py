"""The whole OpenAPI fuzzed against the real server and project: a bounded, reproducible run."""

from __future__ import annotations

from tests.hardening.conftest import Watch
from tests.hardening.fuzzing import SLOW_OR_DESTRUCTIVE, fuzz
from tests.support import Designer

# requests per operation and mode: the run ends in minutes on a busy 2-core machine
EXAMPLES = 3


def test_every_operation_answers_as_documented(
    designer: Designer, project: dict, watch: Watch
) -> None:
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
