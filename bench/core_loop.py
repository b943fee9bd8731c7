"""Times of the core loop against the Dagster CLI doing the same work, measured in one run.

    .venv/bin/python bench/core_loop.py [--repeat 5]

Measures: server start to first page; project creation (designer vs `create-dagster project
--uv-sync`); scaffolding an instance (designer, validation included, vs `dg scaffold defs`);
save to validated result (designer vs `dg check defs`). Prints a table with medians and ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import os
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

TOKEN = secrets.token_hex(16)
CREATE_DAGSTER = "import sys\nfrom create_dagster.cli import main\nsys.exit(main())"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    uv_dir = str(Path(sys.executable).parent)
    env.update(
        PATH=f"{uv_dir}:{env.get('PATH', '')}",
        UV_COMPILE_BYTECODE="1",
        DAGSTER_DG_UPDATE_CHECK_ENABLED="0",
        **extra,
    )
    return env


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def start_server(workspace: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dagster_designer.cli",
            "serve",
            "--workspace",
            str(workspace),
            "--port",
            str(port),
            "--no-browser",
            "--log-level",
            "warning",
        ],
        env={**os.environ, "DAGSTER_DESIGNER_TOKEN": TOKEN},
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    while True:
        with contextlib.suppress(httpx.HTTPError):
            page = httpx.get(f"{url}/", cookies={f"dagster_designer_token_{port}": TOKEN})
            if page.status_code == 200 and '<div id="root">' in page.text:
                return process, url, time.perf_counter() - started
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        time.sleep(0.02)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(30)


def wait_ready(client: httpx.Client, project_id: str) -> None:
    while client.get(f"/projects/{project_id}").json()["status"] == "creating":
        time.sleep(0.05)


def dg(project: Path, *args: str) -> None:
    venv = project / ".venv"
    subprocess.run(
        [str(venv / "bin" / "dg"), *args],
        cwd=project,
        check=True,
        env=clean_env(VIRTUAL_ENV=str(venv)),
        capture_output=True,
        timeout=600,
    )


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="designer-bench-"))
    rows: list[tuple[str, float, str, float]] = []
    try:
        starts = []
        for i in range(args.repeat):
            process, _url, seconds = start_server(root / f"start{i}")
            starts.append(seconds)
            stop_server(process)
        process, url, _ = start_server(root / "workspace")
        client = httpx.Client(
            base_url=f"{url}/api/v1", timeout=600, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        try:
            ours_create, theirs_create = [], []
            for i in range(max(1, args.repeat // 2)):

                def create(name: str = f"bench_{i}") -> None:
                    wait_ready(client, client.post("/projects", json={"name": name}).json()["id"])

                ours_create.append(timed(create))
                target = root / f"cli_{i}"
                theirs_create.append(
                    timed(
                        lambda t=target: subprocess.run(
                            [sys.executable, "-c", CREATE_DAGSTER, "project", str(t), "--uv-sync"],
                            cwd=root,
                            env=clean_env(),
                            check=True,
                            capture_output=True,
                            timeout=900,
                        )
                    )
                )
            project = client.get("/projects/bench_0").json()
            project_root = Path(project["path"])
            defs = project_root / project["defs_path"]
            client.get("/projects/bench_0/definitions")  # a warm worker, as while working

            ours_scaffold, theirs_scaffold, ours_save, theirs_check = [], [], [], []
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
                attributes = {"execution": {"path": f"step_{i}.py"}, "assets": [{"key": f"a_{i}"}]}
                ours_save.append(
                    timed(
                        lambda i=i, a=attributes: client.put(
                            f"/projects/bench_0/defs/step_{i}", json={"attributes": a}
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
            client.close()
            stop_server(process)
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
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"{'step':32} {'designer':>10}  {'baseline':26} {'baseline s':>10} {'speed-up':>9}")
    for step, ours, name, theirs in rows:
        ratio = f"{theirs / ours:8.1f}x" if theirs else "        -"
        base = f"{theirs:10.2f}" if theirs else "         -"
        print(f"{step:32} {ours:9.2f}s  {name:26} {base} {ratio}")


if __name__ == "__main__":
    main()
