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
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from websockets.sync.client import ClientConnection, connect

sys.path.insert(0, str(Path(__file__).parent))
import synth

TOKEN = secrets.token_hex(16)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dg_cold(project: Path) -> float:
    venv = project / ".venv"
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.update(VIRTUAL_ENV=str(venv), DAGSTER_DG_UPDATE_CHECK_ENABLED="0")
    started = time.perf_counter()
    subprocess.run(
        [str(venv / "bin" / "dg"), "list", "defs", "--json"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        timeout=900,
    )
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


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
    url: str, port: int, root: Path, defs: Path, edits: int, py_file: str, yaml_file: str
) -> dict:
    cold = statistics.median(dg_cold(root) for _ in range(2))
    client = httpx.Client(
        base_url=f"{url}/api/v1", timeout=600, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    project = client.post("/projects", json={"path": str(root)}).json()
    live_url = f"ws://127.0.0.1:{port}/api/v1/projects/{project['id']}/live"
    with connect(
        live_url, additional_headers={"Authorization": f"Bearer {TOKEN}"}, max_size=None
    ) as ws:
        first = json.loads(ws.recv(timeout=600))
        assets = len(first["definitions"]["assets"])
        py_times = measure(ws, defs / py_file, edits, edit_python)
        yaml_times = measure(ws, defs / yaml_file, edits, edit_yaml)
        worker = client.get(f"/projects/{project['id']}").json()["worker"]
    client.close()
    print(f"{root.name}: worker {worker}", file=sys.stderr)
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
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = None
    try:
        large = base / "large_project"
        small = base / "small_project"
        large_defs = synth.make(large, py_files=50, per_file=20, yaml=200)
        small_defs = synth.make(small, py_files=2, per_file=4, yaml=2)
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dagster_designer.cli",
                "serve",
                "--workspace",
                str(base / "workspace"),
                "--port",
                str(port),
                "--no-browser",
                "--log-level",
                "warning",
                "--load-timeout",
                "600",
            ],
            env={**os.environ, "DAGSTER_DESIGNER_TOKEN": TOKEN},
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/api/v1/health").status_code == 200:
                    break
            time.sleep(0.1)
        rows = [
            bench_project(
                url,
                port,
                large,
                large_defs,
                args.edits,
                "py_assets/module_007.py",
                "yaml_comps/comp_007/defs.yaml",
            ),
            bench_project(
                url,
                port,
                small,
                small_defs,
                args.edits,
                "py_assets/module_001.py",
                "yaml_comps/comp_001/defs.yaml",
            ),
        ]
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(60)
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
