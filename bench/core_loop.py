"""Times of the core loop against the Dagster CLI doing the same work, measured in one run.

    .venv/bin/python bench/core_loop.py [--repeat 5]

Measures: server start to first page; project creation (designer vs `create-dagster project
--uv-sync`); scaffolding an instance (designer, validation included, vs `dg scaffold defs`);
save to validated result (designer vs `dg check defs`). Prints a table with medians and ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from harness import designer, dg, timed, tool_env
from synth import CREATE_DAGSTER


def wait_ready(client: httpx.Client, project_id: str) -> None:
    while client.get(f"/projects/{project_id}").json()["status"] == "creating":
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="designer-bench-"))
    try:
        starts = []
        for i in range(args.repeat):
            with designer(root / f"start{i}") as server:
                starts.append(server.started_in)
        ours_create, theirs_create = [], []
        ours_scaffold, theirs_scaffold, ours_save, theirs_check = [], [], [], []
        with designer(root / "workspace") as server, server.client() as client:
            for i in range(max(1, args.repeat // 2)):

                def create(name: str = f"bench_{i}") -> None:
                    wait_ready(client, client.post("/projects", json={"name": name}).json()["id"])

                ours_create.append(timed(create))
                target = root / f"cli_{i}"
                argv = [sys.executable, "-c", CREATE_DAGSTER, "project", str(target), "--uv-sync"]
                theirs_create.append(
                    timed(
                        lambda argv=argv: subprocess.run(
                            argv, cwd=root, env=tool_env(), check=True, capture_output=True
                        )
                    )
                )
            project = client.get("/projects/bench_0").json()
            project_root = Path(project["path"])
            defs = project_root / project["defs_path"]
            client.get("/projects/bench_0/definitions")  # a warm worker, as while working
            for i in range(args.repeat):
                ours_scaffold.append(
                    timed(
                        lambda i=i: client.post(
                            "/projects/bench_0/defs",
                            json={"type": "dagster.PythonScriptComponent", "path": f"step_{i}"},
                        ).raise_for_status()
                    )
                )
                (defs / f"step_{i}" / f"step_{i}.py").write_text("")
                body = {
                    "attributes": {
                        "execution": {"path": f"step_{i}.py"},
                        "assets": [{"key": f"a_{i}"}],
                    }
                }
                ours_save.append(
                    timed(
                        lambda i=i, body=body: client.put(
                            f"/projects/bench_0/defs/step_{i}", json=body
                        ).raise_for_status()
                    )
                )
                theirs_scaffold.append(
                    timed(
                        lambda i=i: dg(
                            project_root,
                            "scaffold",
                            "defs",
                            "dagster.PythonScriptComponent",
                            f"cli_{i}",
                        )
                    )
                )
                shutil.rmtree(defs / f"cli_{i}")
                theirs_check.append(timed(lambda: dg(project_root, "check", "defs")))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    median = statistics.median
    rows = [
        ("server start to first page", median(starts), "-", 0.0),
        (
            "create project (ready)",
            median(ours_create),
            "create-dagster --uv-sync",
            median(theirs_create),
        ),
        (
            "scaffold + validation",
            median(ours_scaffold),
            "dg scaffold defs",
            median(theirs_scaffold),
        ),
        ("save to validated result", median(ours_save), "dg check defs", median(theirs_check)),
    ]
    print(f"{'step':32} {'designer':>10}  {'baseline':26} {'baseline s':>10} {'speed-up':>9}")
    for step, ours, name, theirs in rows:
        ratio = f"{theirs / ours:8.1f}x" if theirs else "        -"
        base = f"{theirs:10.2f}" if theirs else "         -"
        print(f"{step:32} {ours:9.2f}s  {name:26} {base} {ratio}")


if __name__ == "__main__":
    main()
