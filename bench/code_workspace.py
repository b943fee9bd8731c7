"""The code workspace's round trips against the tools a user would run by hand, in one run.

    .venv/bin/python bench/code_workspace.py [--repeat 20]

On a freshly created project, p50 of: Python completion at `dg.` (the designer's warm jedi
process vs jedi started for the request, as an editor without a server would); checking the
unsaved text of a defs.yaml (vs `dg check yaml` on the saved file); formatting and linting the
unsaved text of a module (vs the ruff CLI on the saved file); a keystroke echoed by a terminal
over its websocket (vs the same shell on a local pseudo-terminal).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pty
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from ruff.__main__ import find_ruff_bin
from websockets.sync.client import connect

from harness import TOKEN, designer, dg, percentile, timed, tool_env

MODULE = """import dagster as dg


@dg.asset(group_name="sales")
def orders() -> dg.MaterializeResult:
    rows=[1,2,3]
    return dg.MaterializeResult(metadata={"rows": len(rows)})
"""
COMPONENT = "type: dagster.PythonScriptComponent\nattributes:\n  execution: {path: run.py}\n"
Row = tuple[str, float, str, float]
Read = Callable[[float], bytes]  # raises TimeoutError when nothing came in time
# What an editor without a server process does per request: start jedi on the project's .venv
# and answer the same (names, kinds, descriptions).
COLD_JEDI = (
    "import sys, jedi\n"
    "root, python, path = sys.argv[1:]\n"
    "environment = jedi.create_environment(python, safe=False)\n"
    "project = jedi.Project(root, environment_path=python)\n"
    "script = jedi.Script(open(path).read(), path=path, project=project, environment=environment)\n"
    "assert [(c.name, c.type, c.description) for c in script.complete(5, 19)]\n"
)


def p50(action: Callable[[], object], repeat: int) -> float:
    return percentile([timed(action) for _ in range(repeat)], 0.5)


def shell_echo(send: Callable[[bytes], None], read: Read, repeat: int) -> float:
    """p50 of a line typed until its echo comes back, on an idle shell."""
    times = []
    for i in range(repeat):
        marker = f"echo-{i}-{os.getpid()}".encode()
        started = time.perf_counter()
        send(b"# " + marker)
        seen = b""
        while marker not in seen:
            seen += read(5)
        times.append(time.perf_counter() - started)
        send(b"\x15")  # Ctrl-U: drop the line
        time.sleep(0.05)
        read_available(read)
    return percentile(times, 0.5)


def read_available(read: Read) -> None:
    """Drains what the shell printed (prompts, redraws) until it is quiet."""
    with contextlib.suppress(TimeoutError):
        while True:
            read(0.1)


def local_pty_echo(project: Path, repeat: int) -> float:
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(project)
        os.execvpe("bash", ["bash", "--norc", "-i"], {"PATH": os.environ["PATH"], "TERM": "xterm"})

    def read(timeout: float) -> bytes:
        if not select.select([fd], [], [], timeout)[0]:
            raise TimeoutError
        return os.read(fd, 65536)

    try:
        time.sleep(0.3)
        read_available(read)
        return shell_echo(lambda data: os.write(fd, data), read, repeat)
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


def terminal_echo(client: httpx.Client, port: int, project_id: str, repeat: int) -> float:
    terminal = client.post(f"/projects/{project_id}/terminals", json={}).json()
    url = f"ws://127.0.0.1:{port}/api/v1/projects/{project_id}/terminals/{terminal['id']}/ws"
    try:
        with connect(url, additional_headers={"Authorization": f"Bearer {TOKEN}"}) as ws:

            def send(data: bytes) -> None:
                ws.send(json.dumps({"type": "input", "data": data.decode()}))

            def read(timeout: float) -> bytes:
                message = ws.recv(timeout=timeout)
                return message if isinstance(message, bytes) else b""

            time.sleep(0.5)
            read_available(read)
            return shell_echo(send, read, repeat)
    finally:
        client.delete(f"/projects/{project_id}/terminals/{terminal['id']}")


def measure(client: httpx.Client, port: int, project: dict, repeat: int) -> list[Row]:
    pid = project["id"]
    root = Path(project["path"])
    defs = root / project["defs_path"]
    module = defs / "orders.py"
    module.write_text(MODULE)
    (defs / "script").mkdir()
    (defs / "script" / "run.py").write_text("")
    (defs / "script" / "defs.yaml").write_text(COMPONENT)
    rel = module.relative_to(root).as_posix()
    yaml_rel = (defs / "script" / "defs.yaml").relative_to(root).as_posix()
    client.get(f"/projects/{pid}/definitions").raise_for_status()  # a warm worker

    def post(route: str, body: dict) -> Callable[[], object]:
        return lambda: client.post(f"/projects/{pid}/{route}", json=body).raise_for_status().json()

    cursor = {"path": rel, "source": MODULE, "line": 5, "column": 19}  # after `dg.`
    # jedi imports Dagster once, as when the editor opens
    assert any(c["label"] == "asset" for c in post("python/complete", cursor)())
    python = str(root / ".venv/bin/python")
    cold_jedi = [sys.executable, "-c", COLD_JEDI, str(root), python, str(module)]
    few = max(3, repeat // 4)
    return [
        (
            "complete `dg.`",
            p50(post("python/complete", cursor), repeat),
            "jedi in a new process",
            p50(lambda: subprocess.run(cold_jedi, check=True, timeout=120), few),
        ),
        (
            "check unsaved defs.yaml",
            p50(post("defs-check", {"path": yaml_rel, "text": COMPONENT}), repeat),
            "dg check yaml",
            p50(lambda: dg(root, "check", "yaml"), few),
        ),
        (
            "format unsaved module",
            p50(post("python/format", {"path": rel, "source": MODULE}), repeat),
            "ruff format FILE",
            p50(lambda: ruff(root, "format", "--check", str(module)), repeat),
        ),
        (
            "lint unsaved module",
            p50(post("python/lint", {"path": rel, "source": MODULE}), repeat),
            "ruff check FILE",
            p50(lambda: ruff(root, "check", str(module)), repeat),
        ),
        (
            "terminal keystroke echo",
            terminal_echo(client, port, pid, repeat),
            "local pseudo-terminal",
            local_pty_echo(root, repeat),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="designer-bench-") as tmp,
        designer(Path(tmp) / "workspace") as server,
        server.client() as client,
    ):
        project_id = client.post("/projects", json={"name": "code_bench"}).json()["id"]
        while (project := client.get(f"/projects/{project_id}").json())["status"] == "creating":
            time.sleep(0.1)
        rows = measure(client, server.port, project, args.repeat)
    print(f"{'step':26} {'designer p50':>12}  {'baseline':24} {'baseline p50':>12} {'ratio':>7}")
    for step, ours, name, theirs in rows:
        figures = f"{ours * 1000:10.1f}ms  {name:24} {theirs * 1000:10.1f}ms"
        print(f"{step:26} {figures} {theirs / ours:6.1f}x")


def ruff(project: Path, *args: str) -> None:
    subprocess.run(
        [find_ruff_bin(), *args], cwd=project, env=tool_env(), capture_output=True, timeout=60
    )


if __name__ == "__main__":
    main()
