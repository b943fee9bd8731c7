"""The project review of a large project, cold and after one edit, against `dg check defs`.

    .venv/bin/python bench/review.py [--assets 1200] [--edits 10]

Generates a project with bench/synth.py (1000 Python assets in 50 files of 20 and 200 YAML
component instances at 1200 assets) and times, in the same run: `dg check defs` in a new process
(the baseline: Dagster's own verdict on the project, median of 2); opening the project in a
designer server and its first `GET /review` (cold: the first load of the definitions included);
a second review with nothing changed (warm); and, `edits` times, from writing a `.py` file that
adds an asset named for a step to the first review that reports it (the edit's reload included).
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import httpx

import synth
from harness import designer, dg, percentile, timed
from live_reload import shape


def review(client: httpx.Client, project_id: str) -> list[dict]:
    response = client.get(f"/projects/{project_id}/review", timeout=1800)
    response.raise_for_status()
    return response.json()["findings"]


def until_found(client: httpx.Client, project_id: str, target: str) -> None:
    """Reviews until one names `target` as an asset named for a step."""
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if any(f["target"] == target for f in review(client, project_id)):
            return
    raise TimeoutError(target)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=1200)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="designer-review-"))
    try:
        root = base / "review_project"
        defs = synth.make(root, **shape(args.assets))
        check = statistics.median(timed(lambda: dg(root, "check", "defs")) for _ in range(2))
        with (
            designer(base / "workspace", "--load-timeout", "1800") as server,
            server.client() as client,
        ):
            started = time.perf_counter()
            project = client.post("/projects", json={"path": str(root)}).json()
            while client.get(f"/projects/{project['id']}").json()["status"] == "creating":
                time.sleep(0.1)
            findings = review(client, project["id"])
            cold = time.perf_counter() - started
            warm = [timed(lambda: review(client, project["id"])) for _ in range(3)]
            edits = []
            edited = defs / "py_assets" / "bench_edit.py"
            for i in range(args.edits):
                name = f"load_bench_{secrets.token_hex(3)}_{i}"
                started = time.perf_counter()
                edited.write_text(
                    f"import dagster as dg\n\n\n@dg.asset\ndef {name}() -> None: ...\n"
                )
                until_found(client, project["id"], name)
                edits.append(time.perf_counter() - started)
            assets = len(client.get(f"/projects/{project['id']}/definitions").json()["assets"])
    finally:
        shutil.rmtree(base, ignore_errors=True)
    p50, p95 = percentile(edits, 0.5), percentile(edits, 0.95)
    warm_p50 = percentile(warm, 0.5)
    print(f"assets {assets}, findings {len(findings)}")
    print(f"{'step':<40} {'designer':>10} {'dg check defs':>14} {'ratio':>8}")
    for step, value in (
        ("open to first review (cold)", cold),
        ("review, nothing changed (p50)", warm_p50),
        (f"edit to review that shows it (p50 of {len(edits)})", p50),
        (f"edit to review that shows it (p95 of {len(edits)})", p95),
    ):
        print(f"{step:<40} {value:>9.2f}s {check:>13.2f}s {check / value:>7.1f}x")


if __name__ == "__main__":
    main()
