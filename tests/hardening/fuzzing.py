"""Schema fuzzing of the designer's whole OpenAPI with schemathesis, against a running server.

Every operation is called with requests generated from its documented parameters and bodies
(fitting the schema and not), authenticated, each with a timeout; each answer is checked: no
5xx, a documented status code, a body that fits the documented schema. Failures are collected,
not raised, so one run reports them all. The CI test and `bench/fuzz.py` both run this.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
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
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"{len(self.operations)} operations, {self.requests} requests, "
            f"{len(self.failures)} failures, {self.seconds:.0f} s"
        )


def _first_lines(error: BaseException) -> str:
    """What failed, one line per check (the response and a curl command follow it)."""
    errors = error.exceptions if isinstance(error, BaseExceptionGroup) else (error,)
    return "; ".join(str(e).strip().splitlines()[0] for e in errors if str(e).strip())


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
    requests reach a real project, not only its 404. Derandomized: the same requests each run.
    `observe` sees each request (method and path) with the answer's text."""
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json", headers=headers)
    report = Report()
    session = requests.Session()
    session.headers.update(headers)
    seen: set[str] = set()  # one line per kind of failure of an operation
    start = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    # deleting the project ends the run on it: last
    operations.sort(key=lambda op: (op.method.upper(), op.path) == LAST)
    for operation in operations:
        if (operation.method.upper(), operation.path) in exclude:
            continue
        report.operations.append(f"{operation.method.upper()} {operation.path}")
        pinned = {"project_id": project_id} if "{project_id}" in operation.path else None
        strategy = st.one_of(
            operation.as_strategy(mode, path_parameters=pinned)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        )

        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],  # a failure is reported, not shrunk
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def call(case: schemathesis.Case) -> None:
            report.requests += 1
            try:
                response = case.call(base_url=url, session=session, timeout=timeout)
                text = response.content.decode(errors="replace")  # an archive is bytes
                observe(f"{case.method} {case.formatted_path}", text)
                case.validate_response(response, checks=CHECKS)
            except (Exception, BaseExceptionGroup) as error:
                line = f"{case.method} {case.formatted_path}: {_first_lines(error)}"
                key = f"{case.method} {case.path}: {type(error).__name__}"
                if key not in seen:
                    seen.add(key)
                    report.failures.append(line)

        call()
    report.seconds = time.monotonic() - start
    return report
