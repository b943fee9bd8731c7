"""Schema fuzzing of every operation of the API, the slow and destructive ones included, on a
project of its own: the long run of `tests/hardening/test_schema_fuzz.py`.

    .venv/bin/python bench/fuzz.py --examples 25 --scenarios 200 --steps 10

Starts a designer on a new workspace, creates a project through the API, runs `--scenarios`
sequences of at most `--steps` calls chained by the schema's links, then fuzzes every
operation with `--examples` requests per generation mode (fitting the schema and not); prints,
for each part, the operations covered, the requests, the failures (each) and the time, and the
operations the sequences called with a success on a thing an earlier answer named.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' helpers

from tests.hardening.fuzzing import fuzz, fuzz_sequences
from tests.support import start_designer, stop_designer, wait_for_project

OTHER_ID = r"\{(?!project_id\})"  # a path parameter other than the project's


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25)
    parser.add_argument("--scenarios", type=int, default=200)
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = start_designer(Path(folder) / "workspace", "--load-timeout", "120")
        try:
            with server.client() as client:
                created = client.post("/projects", json={"name": "fuzzed"})
                created.raise_for_status()
                project = wait_for_project(client, created.json()["id"])
                if project["status"] != "ready":
                    raise RuntimeError(f"the project was not created: {project.get('error')}")
            at = (server.url, server.token, project["id"])
            reports = {
                "sequences": fuzz_sequences(*at, args.scenarios, args.steps),
                "operations": fuzz(*at, args.examples),  # the project is deleted last
            }
        finally:
            stop_designer(server)
    for name, report in reports.items():
        for failure in report.failures:
            print(failure, end="\n\n")
        print(f"{name}: {report.summary()}")
    # what made-up ids rarely reach: an operation on a thing an earlier answer named
    named = sorted(op for op in reports["sequences"].chained if re.search(OTHER_ID, op))
    print("sequences' successes on a thing an earlier answer named:", ", ".join(named))
    return 1 if any(report.failures for report in reports.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
