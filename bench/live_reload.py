"""Edit-to-pushed-update latency of the live definitions, against `dg list defs --json` cold.

    .venv/bin/python bench/live_reload.py [--edits 20] [--sizes 10,1200,5000,20000]

Generates a project per size with bench/synth.py: 200 YAML component instances (fewer for the
smallest) and the rest Python assets in files of 50 (20 at 1200 assets, as the first
measurements were made). For each, it times `dg list defs --json` in a new process (the
baseline), then opens the project in a designer server and times the first load (opening to
the first whole message of the live channel), listens on that channel, and times from writing
a file to receiving the pushed change: `edits` edits of a .py file and `edits` of a defs.yaml
0.05 s apart, then `edits` edits of the .py file 2 s apart (the check that runs once edits
pause may then be under way when one lands).
Prints p50/p95, the ratio of the cold CLI to the p50, the worker's peak resident memory, and
the size of `GET /definitions` on the wire (gzip, as browsers ask) and of a pushed delta.
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

# Seconds between the saves of the third series.
PAUSE = 2.0


def wait_for(ws: ClientConnection, marker: str) -> int:
    """Until a pushed message mentions `marker` (the text the edit put in a description); the
    size of that message."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        text = ws.recv(timeout=deadline - time.monotonic())
        if marker in text:
            return len(text)
    raise TimeoutError(marker)


def measure(
    ws: ClientConnection,
    path: Path,
    edits: int,
    edit: Callable[[str, str], str],
    pause: float = 0.05,
) -> tuple[list[float], int]:
    original = path.read_text()
    times = []
    size = 0
    try:
        for i in range(edits):
            marker = f"edit-{secrets.token_hex(4)}-{i}"
            started = time.perf_counter()
            path.write_text(edit(original, marker))
            size = wait_for(ws, marker)
            times.append(time.perf_counter() - started)
            time.sleep(pause)
    finally:
        path.write_text(original)
    return times, size


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
    started = time.perf_counter()
    project = client.post("/projects", json={"path": str(root)}).json()
    live_url = f"ws://127.0.0.1:{server.port}/api/v1/projects/{project['id']}/live"
    with connect(
        live_url, additional_headers={"Authorization": f"Bearer {TOKEN}"}, max_size=None
    ) as ws:
        first = json.loads(ws.recv(timeout=1800))
        first_load = time.perf_counter() - started
        assets = len(first["definitions"]["assets"])
        py_times, py_delta = measure(ws, defs / py_file, edits, edit_python)
        yaml_times, yaml_delta = measure(ws, defs / yaml_file, edits, edit_yaml)
        # a save every couple of seconds, as a person makes them: the whole-repository check
        # that runs once edits pause may be under way when the next one lands
        paused_times, _ = measure(ws, defs / py_file, edits, edit_python, pause=PAUSE)
        worker = client.get(f"/projects/{project['id']}").json()["worker"]
    answer = client.get(
        f"/projects/{project['id']}/definitions", headers={"Accept-Encoding": "gzip"}
    )
    return {
        "assets": assets,
        "cold": cold,
        "first_load": first_load,
        "py": py_times,
        "yaml": yaml_times,
        "py paused": paused_times,
        "peak_rss_mb": worker.get("peak_rss_mb"),
        "wire_kb": answer.num_bytes_downloaded / 1024,
        "json_kb": len(answer.content) / 1024,
        "delta_kb": max(py_delta, yaml_delta) / 1024,
    }


def shape(assets: int) -> dict[str, int]:
    """synth.make's arguments for about `assets` assets."""
    if assets < 200:
        return {"py_files": 2, "per_file": 4, "yaml": 2}
    if assets <= 1200:
        return {"py_files": (assets - 200) // 20, "per_file": 20, "yaml": 200}
    return {"py_files": (assets - 200) // 50, "per_file": 50, "yaml": 200}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--sizes", default="1200,10", help="assets per project, comma separated")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="designer-live-"))
    rows = []
    try:
        with (
            designer(base / "workspace", "--load-timeout", "1800") as server,
            server.client() as client,
        ):
            for size in (int(s) for s in args.sizes.split(",")):
                root = base / f"project_{size}"
                defs = synth.make(root, **shape(size))
                rows.append(
                    bench_project(
                        server,
                        client,
                        root,
                        defs,
                        args.edits,
                        "py_assets/module_001.py",
                        "yaml_comps/comp_001/defs.yaml",
                    )
                )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(
        f"{'assets':>6} {'dg list defs cold':>18} {'first load':>11} {'edit':>9} {'p50':>8} "
        f"{'p95':>8} {'cold/p50':>9} {'worker peak RSS':>16} {'/definitions gzip':>18} "
        f"{'(json)':>10} {'delta':>9}"
    )
    for row in rows:
        for kind in ("py", "yaml", "py paused"):
            p50, p95 = percentile(row[kind], 0.5), percentile(row[kind], 0.95)
            print(
                f"{row['assets']:>6} {row['cold']:>17.2f}s {row['first_load']:>10.2f}s "
                f"{kind:>9} {p50:>7.3f}s {p95:>7.3f}s {row['cold'] / p50:>8.1f}x "
                f"{row['peak_rss_mb']:>13} MB {row['wire_kb']:>15.0f} KB "
                f"{row['json_kb']:>7.0f} KB {row['delta_kb']:>6.1f} KB"
            )


if __name__ == "__main__":
    main()
