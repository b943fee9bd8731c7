"""Schema fuzzing of the designer's whole OpenAPI with schemathesis, against a running server.

Every operation is called with requests generated from its documented parameters and bodies
(fitting the schema and not), authenticated, each with a timeout; each answer is checked: no
5xx, a documented status code, a body that fits the documented schema. Then sequences of calls
chained by the links schemathesis infers from the schema (a terminal's id from its start to its
reads and its end, a builder's name from its creation to its edit) reach what single requests
with made-up ids only see as 404s.
Failures are collected, not raised, so one run reports them all. The CI test and
`bench/fuzz.py` both run this.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky, Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.generation.stateful.state_machine import StepInput, StepOutput
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

# an archive to import is bytes like any other
schemathesis.serializer.alias("application/zip", "application/octet-stream")

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
# Routes that take the project away, publish it or run for minutes (Dagster runs, package
# installs, `dg dev`, git remotes, new projects, the project's own tests): left out of the
# bounded run on the shared project, fuzzed by the long run on a project of its own.
SLOW_OR_DESTRUCTIVE = {
    ("POST", "/api/v1/projects"),
    ("POST", "/api/v1/projects/import"),
    ("DELETE", "/api/v1/projects/{project_id}"),
    ("POST", "/api/v1/projects/{project_id}/deploy"),
    ("POST", "/api/v1/projects/{project_id}/runs"),
    ("POST", "/api/v1/projects/{project_id}/schedules/{name}/tick"),
    ("POST", "/api/v1/projects/{project_id}/sensors/{name}/tick"),
    ("POST", "/api/v1/projects/{project_id}/integrations"),
    ("DELETE", "/api/v1/projects/{project_id}/integrations/{package}"),
    ("POST", "/api/v1/projects/{project_id}/git/push"),
    ("POST", "/api/v1/projects/{project_id}/git/pull"),
    ("POST", "/api/v1/projects/{project_id}/dagster-ui"),
    ("POST", "/api/v1/projects/{project_id}/worker/restart"),
    ("POST", "/api/v1/projects/{project_id}/python/prepare"),
    ("POST", "/api/v1/projects/{project_id}/review/tests"),
    ("POST", "/api/v1/projects/{project_id}/review/tests/setup"),
    ("POST", "/api/v1/projects/{project_id}/review/tests/generate"),
    ("POST", "/api/v1/workspaces/open"),
}
LAST = ("DELETE", "/api/v1/projects/{project_id}")


@dataclass
class Report:
    operations: list[str] = field(default_factory=list)
    succeeded: set[str] = field(default_factory=set)  # operations that answered a 2xx
    # operations that answered a 2xx to a call with a value an earlier answer gave (a link of
    # a sequence followed)
    chained: set[str] = field(default_factory=set)
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.operations)} operations ({len(self.succeeded)} answered a success, "
            f"{len(self.chained)} to a call with a value an earlier answer gave), "
            f"{self.requests} requests, "
            f"{len(self.failures)} failures, {self.seconds:.0f} s"
        )


def _first_lines(error: BaseException) -> str:
    """What failed, one line per check (the response and a curl command follow it)."""
    errors = error.exceptions if isinstance(error, BaseExceptionGroup) else (error,)
    return "; ".join(str(e).strip().splitlines()[0] for e in errors if str(e).strip())


def _settings(examples: int, **more: Any) -> settings:
    """Derandomized, the same requests each run (unless `more` says otherwise); a failure is
    reported, not shrunk."""
    chosen: dict[str, Any] = {
        "max_examples": examples,
        "derandomize": True,
        "database": None,
        "deadline": None,
        "phases": [Phase.explicit, Phase.generate],
        "suppress_health_check": list(HealthCheck),
    }
    return settings(**(chosen | more))


def _named(operation: schemathesis.APIOperation) -> tuple[str, str]:
    return operation.method.upper(), operation.path


def _label(case: schemathesis.Case) -> str:
    """`METHOD /path/{param}`: the operation a case calls."""
    return " ".join(_named(case.operation))


@dataclass
class _Caller:
    """Sends a case to the server and checks its answer, recording what fails (one line per
    kind of failure of an operation) instead of raising."""

    url: str
    token: str
    timeout: float
    observe: Callable[[str, str], None]
    report: Report = field(default_factory=Report)
    session: requests.Session = field(default_factory=requests.Session)
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.session.headers.update({"Authorization": f"Bearer {self.token}"})

    def schema(self, exclude: set[tuple[str, str]]) -> schemathesis.BaseSchema:
        """The server's OpenAPI without `exclude`."""
        schema = schemathesis.openapi.from_url(
            f"{self.url}/api/v1/openapi.json", headers=dict(self.session.headers)
        )
        return schema.exclude(lambda ctx: _named(ctx.operation) in exclude)

    def __call__(self, case: schemathesis.Case) -> schemathesis.Response | None:
        """The answer, or None when the request itself failed (no answer in time, say)."""
        self.report.requests += 1
        response = None
        try:
            response = case.call(base_url=self.url, session=self.session, timeout=self.timeout)
            if 200 <= response.status_code < 300:
                self.report.succeeded.add(_label(case))
            text = response.content.decode(errors="replace")  # an archive is bytes
            self.observe(f"{case.method} {case.formatted_path}", text)
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as error:
            key = f"{case.method} {case.path}: {type(error).__name__}"
            if key not in self.seen:
                self.seen.add(key)
                line = f"{case.method} {case.formatted_path}: {_first_lines(error)}"
                self.report.failures.append(line)
        return response


def fuzz(
    url: str,
    token: str,
    project_id: str,
    examples: int,
    exclude: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    timeout: float = 120.0,
    observe: Callable[[str, str], None] = lambda _where, _text: None,
) -> Report:
    """The server bounds every request (a completion process, say, may take 60 s to start and 15
    more to answer on a busy machine): `timeout` catches one it does not.

    Fuzzes every operation of the server at `url` but `exclude`, `examples` requests for each
    of the schema-fitting and schema-breaking modes; `{project_id}` is always `project_id` so the
    requests reach a real project, not only its 404. `observe` sees each request (method and
    path) with the answer's text."""
    caller = _Caller(url, token, timeout, observe)
    start = time.monotonic()
    operations = [result.ok() for result in caller.schema(exclude).get_all_operations()]
    # deleting the project ends the run on it: last
    operations.sort(key=lambda op: _named(op) == LAST)
    for operation in operations:
        caller.report.operations.append(" ".join(_named(operation)))
        pinned = {"project_id": project_id} if "{project_id}" in operation.path else None
        strategy = st.one_of(
            operation.as_strategy(mode, path_parameters=pinned)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        )

        @_settings(examples)
        @given(case=strategy)
        def call(case: schemathesis.Case) -> None:
            caller(case)

        call()
    caller.report.seconds = time.monotonic() - start
    return caller.report


def fuzz_sequences(
    url: str,
    token: str,
    project_id: str,
    scenarios: int,
    steps: int,
    exclude: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
    timeout: float = 120.0,
    observe: Callable[[str, str], None] = lambda _where, _text: None,
) -> Report:
    """`scenarios` sequences of at most `steps` calls each, chained by the links schemathesis
    infers between the operations but `exclude` (the project is never deleted: it is the one
    every path names, whatever a sequence's first call made up). `operations` are those the
    sequences reached."""
    caller = _Caller(url, token, timeout, observe)
    reached: set[str] = set()
    ended = 0  # scenarios run to their end
    machine = caller.schema(exclude | {LAST}).as_state_machine()

    class Sequences(machine):  # type: ignore[misc, valid-type]
        def step(self, input: StepInput) -> StepOutput:
            output = super().step(input)
            if input.applied_parameters and 200 <= output.response.status_code < 300:
                caller.report.chained.add(_label(input.case))
            return output

        def call(self, case: schemathesis.Case, **_: object) -> schemathesis.Response:
            reached.add(_label(case))
            if case.path_parameters and "project_id" in case.path_parameters:
                case.path_parameters["project_id"] = project_id
            response = caller(case)
            assume(response is not None)  # no answer: nothing to chain, the scenario ends
            return response

        def validate_response(self, *_: object, **__: object) -> None:
            """Checked as it was called."""

        def teardown(self) -> None:
            nonlocal ended
            ended += 1
            super().teardown()

    start = time.monotonic()
    # A server's answers depend on what earlier scenarios left (a terminal cap reached, a name
    # taken), so Hypothesis may find a replayed sequence drawing differently and stop with
    # Flaky: the run goes on from a new seed until the scenarios are done. Seeded, not random.
    for seed in range(scenarios):
        if ended >= scenarios:
            break
        try:
            run = _settings(scenarios - ended, stateful_step_count=steps, derandomize=False)
            hypothesis.seed(seed)(Sequences).run(settings=run)
        except (Flaky, Unsatisfiable):
            continue
    caller.report.operations = sorted(reached)
    caller.report.seconds = time.monotonic() - start
    return caller.report
