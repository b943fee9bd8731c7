"""Time from a builder's form to updated definitions, against Dagster's own way to add a
definition (`dg scaffold defs` then `dg check defs`, each a cold command), in one run.

    .venv/bin/python bench/builders.py [--repeat 8]

On a new project with an asset to build on: `POST /builders/{kind}` answers once the new
definition has been written and loaded by the project's warm worker (its answer says `ok` when
Dagster loaded it); a schedule, a job and an asset check in turn. The baseline writes a
schedule the way the CLI does: `dg scaffold defs dagster.schedule schedules/NAME.py` (a stub to
fill in by hand) and `dg check defs` to see whether it loads. Prints medians, p90 and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from harness import designer, dg, new_project, percentile, timed

BASE = """\
import dagster as dg


@dg.asset(group_name="sales", kinds={"python"})
def bench_orders() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"dagster/row_count": 1})
"""


def params(kind: str, index: int) -> dict:
    name = f"bench_{kind}_{index}"
    if kind == "schedule":
        return {"name": name, "cron": "0 9 * * 1-5", "target": {"selection": "group:sales"}}
    if kind == "job":
        return {"name": name, "selection": "group:sales"}
    return {"name": name, "asset": "bench_orders", "check_type": "row_count", "min_rows": 1}


def build(client: httpx.Client, project_id: str, kind: str, index: int) -> float:
    started = time.perf_counter()
    response = client.post(
        f"/projects/{project_id}/builders/{kind}", json={"params": params(kind, index)}
    )
    response.raise_for_status()
    if not response.json()["ok"]:
        raise RuntimeError(f"Dagster did not load it: {response.json()}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=8)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="designer-bench-builders-"))
    times: dict[str, list[float]] = {"schedule": [], "job": [], "asset_check": []}
    cli: list[float] = []
    try:
        with designer(root / "workspace") as server, server.client() as client:
            project = new_project(client, "bench_builders")
            project_id = project["id"]
            project_root = Path(project["path"])
            (project_root / project["defs_path"] / "bench_base.py").write_text(BASE)
            client.get(f"/projects/{project_id}/definitions").raise_for_status()
            for index in range(args.repeat):
                for kind, values in times.items():
                    values.append(build(client, project_id, kind, index))
            for index in range(max(1, args.repeat // 2)):

                def scaffold_and_check(index: int = index) -> None:
                    target = f"schedules/cli_{index}.py"
                    dg(project_root, "scaffold", "defs", "dagster.schedule", target)
                    dg(project_root, "check", "defs")

                cli.append(timed(scaffold_and_check))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    median = statistics.median
    everything = [t for values in times.values() for t in values]
    for kind, values in times.items():
        p90 = percentile(values, 0.9)
        print(f"{kind + ' builder, POST to loaded':44} {median(values):6.2f} s (p90 {p90:.2f})")
    print(f"{'every builder, POST to loaded':44} {median(everything):6.2f} s")
    print(f"{'dg scaffold defs + dg check defs, cold':44} {median(cli):6.2f} s")
    print(f"{'CLI / builder':44} {median(cli) / median(everything):6.1f}x")
    print(f"builders: {[round(v, 2) for v in everything]}; cli: {[round(v, 2) for v in cli]}")


if __name__ == "__main__":
    main()
