"""Times of a run of a 3-asset chain with a check, from the API call, against `dg launch
--assets` on the same project, measured in one run.

    .venv/bin/python bench/runs.py [--repeat 5] [--settle 10]

Measures, on a new project with the chain added: from `POST /runs` to the first event of the
run in `GET /runs/{id}/events`, and to the run's SUCCESS, with the project warm (its worker and
its waiting run process started: `--settle` seconds between runs let the run process that
replaces each launched one load the definitions); and `dg launch --assets` cold (a new process,
as a user types it). Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from harness import designer, dg, new_project, timed

CHAIN = """\
import dagster as dg


@dg.asset
def bench_a() -> int:
    return 1


@dg.asset
def bench_b(bench_a: int) -> int:
    return bench_a + 1


@dg.asset
def bench_c(bench_b: int) -> int:
    return bench_b + 1


@dg.asset_check(asset=bench_c)
def bench_c_positive(bench_c: int) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=bench_c > 0)
"""
SELECTION = "key:bench_a or key:bench_b or key:bench_c"


def one_run(client: httpx.Client, project_id: str) -> tuple[float, float]:
    """Seconds from the call to the first event, and to SUCCESS."""
    started = time.perf_counter()
    response = client.post(f"/projects/{project_id}/runs", json={"selection": SELECTION})
    response.raise_for_status()
    run_id = response.json()["run_id"]
    first = None
    deadline = started + 300
    while time.perf_counter() < deadline:
        if first is None:
            page = client.get(f"/projects/{project_id}/runs/{run_id}/events").json()
            if page["events"]:
                first = time.perf_counter() - started
        status = client.get(f"/projects/{project_id}/runs/{run_id}").json()["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            if status != "SUCCESS":
                raise RuntimeError(f"the run ended {status}")
            return first or time.perf_counter() - started, time.perf_counter() - started
        time.sleep(0.02)
    raise RuntimeError(f"run {run_id} did not end within 300 s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--settle", type=float, default=10.0)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="designer-bench-runs-"))
    firsts, successes, cli = [], [], []
    try:
        with designer(root / "workspace") as server, server.client() as client:
            project = new_project(client, "bench_runs")
            project_id = project["id"]
            project_root = Path(project["path"])
            (project_root / project["defs_path"] / "chain.py").write_text(CHAIN)
            client.get(f"/projects/{project_id}/definitions").raise_for_status()
            client.get(f"/projects/{project_id}/runs").raise_for_status()  # warms a run process
            for _ in range(args.repeat):
                time.sleep(args.settle)
                first, success = one_run(client, project_id)
                firsts.append(first)
                successes.append(success)
            for _ in range(max(1, args.repeat // 2)):
                cli.append(
                    timed(lambda: dg(project_root, "launch", "--assets", "bench_a,bench_b,bench_c"))
                )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    median = statistics.median
    rows = [
        ("call to first event (warm)", median(firsts)),
        ("call to SUCCESS (warm)", median(successes)),
        ("`dg launch --assets` cold, to exit", median(cli)),
    ]
    for name, seconds in rows:
        print(f"{name:38} {seconds:8.2f} s")
    print(f"{'dg launch / call to first event':38} {median(cli) / median(firsts):8.1f}x")
    print(f"{'dg launch / call to SUCCESS':38} {median(cli) / median(successes):8.1f}x")
    print(
        f"first events: {[round(v, 2) for v in firsts]}; successes: "
        f"{[round(v, 2) for v in successes]}; dg launch: {[round(v, 2) for v in cli]}"
    )


if __name__ == "__main__":
    main()
