"""Schema fuzzing of every operation of the API, the slow and destructive ones included, on a
project of its own: the long run of `tests/hardening/test_schema_fuzz.py`.

    .venv/bin/python bench/fuzz.py --examples 25

Starts a designer on a new workspace, creates a project through the API, fuzzes every
operation with `--examples` requests per generation mode (fitting the schema and not), then
prints the operations covered, the requests, the failures (each) and the time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' helpers

from tests.hardening.fuzzing import fuzz
from tests.support import start_designer, stop_designer, wait_for_project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=25)
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
            report = fuzz(server.url, server.token, project["id"], args.examples)
        finally:
            stop_designer(server)
    for failure in report.failures:
        print(failure, end="\n\n")
    print(report.summary())
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
