"""Edit-to-pushed-update latency of the live definitions, against `dg list defs --json` cold.

    .venv/bin/python bench/live_reload.py [--edits 20]

Generates two projects with bench/synth.py: 1200 assets (1000 Python assets in 50 files plus
200 YAML component instances) and 10 assets. For each, it times `dg list defs --json` in a new
process (the baseline), then opens the project in a designer server, listens on its live
channel, and times from writing a file to receiving the pushed definitions that contain the
change: `edits` edits of a .py file and `edits` of a defs.yaml. Prints p50/p95, the ratio of the
cold CLI to the p50, and the worker's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import re
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from websockets.sync.client import ClientConnection, connect

import synth
from harness import TOKEN, Server, designer, dg, percentile, timed


def wait_for(ws: ClientConnection, marker: str) -> None:
    """Until a pushed message mentions `marker` (the text the edit put in a description)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        text = ws.recv(timeout=deadline - time.monotonic())
        if marker in text:
            return
    raise TimeoutError(marker)


def measure(
    ws: ClientConnection, path: Path, edits: int, edit: Callable[[str, str], str]
) -> list[float]:
    original = path.read_text()
    times = []
    try:
        for i in range(edits):
            marker = f"edit-{secrets.token_hex(4)}-{i}"
            started = time.perf_counter()
            path.write_text(edit(original, marker))
            wait_for(ws, marker)
            times.append(time.perf_counter() - started)
            time.sleep(0.05)
    finally:
        path.write_text(original)
    return times


def edit_python(text: str, marker: str) -> str:
    return re.sub(r'"""Asset 3 of module \d+\."""', f'"""{marker}"""', text, count=1)


def edit_yaml(text: str, marker: str) -> str:
    return text.replace(
        "      kinds: [python]\n", f"      kinds: [python]\n      description: {marker}\n"
    )


def bench_project(
    server: Server,
    client: httpx.Client,
    root: Path,
    defs: Path,
    edits: int,
    py_file: str,
    yaml_file: str,
) -> dict:
    cold = statistics.median(timed(lambda: dg(root, "list", "defs", "--json")) for _ in range(2))
    project = client.post("/projects", json={"path": str(root)}).json()
    live_url = f"ws://127.0.0.1:{server.port}/api/v1/projects/{project['id']}/live"
    with connect(
        live_url, additional_headers={"Authorization": f"Bearer {TOKEN}"}, max_size=None
    ) as ws:
        first = json.loads(ws.recv(timeout=600))
        assets = len(first["definitions"]["assets"])
        py_times = measure(ws, defs / py_file, edits, edit_python)
        yaml_times = measure(ws, defs / yaml_file, edits, edit_yaml)
        worker = client.get(f"/projects/{project['id']}").json()["worker"]
    return {
        "assets": assets,
        "cold": cold,
        "py": py_times,
        "yaml": yaml_times,
        "peak_rss_mb": worker.get("peak_rss_mb"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="designer-live-"))
    try:
        large, small = base / "large_project", base / "small_project"
        large_defs = synth.make(large, py_files=50, per_file=20, yaml=200)
        small_defs = synth.make(small, py_files=2, per_file=4, yaml=2)
        with (
            designer(base / "workspace", "--load-timeout", "600") as server,
            server.client() as client,
        ):
            rows = [
                bench_project(
                    server,
                    client,
                    large,
                    large_defs,
                    args.edits,
                    "py_assets/module_007.py",
                    "yaml_comps/comp_007/defs.yaml",
                ),
                bench_project(
                    server,
                    client,
                    small,
                    small_defs,
                    args.edits,
                    "py_assets/module_001.py",
                    "yaml_comps/comp_001/defs.yaml",
                ),
            ]
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"{'assets':>6} {'dg list defs cold':>18} {'edit':>5} {'p50':>8} {'p95':>8} "
        f"{'cold/p50':>9} {'worker peak RSS':>16}"
    )
    for row in rows:
        for kind in ("py", "yaml"):
            p50, p95 = percentile(row[kind], 0.5), percentile(row[kind], 0.95)
            print(
                f"{row['assets']:>6} {row['cold']:>17.2f}s {kind:>5} {p50:>7.3f}s {p95:>7.3f}s "
                f"{row['cold'] / p50:>8.1f}x {row['peak_rss_mb']:>13} MB"
            )


if __name__ == "__main__":
    main()
