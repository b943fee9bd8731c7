"""A stand-in for a project worker that speaks the real protocol, for the supervisor's tests.

It takes the protocol channel the way the real worker does (so what it prints cannot corrupt
the channel), then announces itself and answers requests until its input closes. What it does
is chosen by the test: at start by its arguments, per request by the method.

Arguments: ``--exit-at-start`` (write a reason on stderr and exit before announcing itself),
``--exit-after-ready`` (announce itself, write a reason on stderr, exit with code 3).

``registry RUNS_FILE`` answers one request for the component types the way the one-shot
registry process does, and appends a line to RUNS_FILE for each time it ran.

Methods: ``echo`` answers its params and pid; ``crash`` writes a reason on stderr and exits
with code 3; ``hang`` starts a grandchild in its process group, writes both pids to the file
``params["pids"]`` and never answers; ``slow`` answers after ``params["seconds"]``; ``noisy``
prints to stdout and writes ``params["lines"]`` lines on stderr, then answers; ``fail``
answers with an error.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# The worker package loaded from its files as the server's bootstrap loads it (`launch.py`),
# without the designer's package and what it imports: a start costs what Python's does.
_WORKER = Path(__file__).resolve().parent.parent / "src" / "dagster_designer" / "worker"
_spec = importlib.util.spec_from_file_location(
    "dagster_designer_worker", _WORKER / "__init__.py", submodule_search_locations=[str(_WORKER)]
)
assert _spec is not None and _spec.loader is not None
sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sys.modules[_spec.name])

from dagster_designer_worker import protocol  # noqa: E402

CRASH_REASON = "fatal: the fake worker gives up"


def _exit(code: int) -> None:
    sys.stderr.write(CRASH_REASON + "\n")
    sys.stderr.flush()
    os._exit(code)


def _answer(message: dict[str, Any]) -> dict[str, Any]:
    request_id, method = message["id"], message["method"]
    params = message.get("params") or {}
    if method == "crash":
        _exit(3)
    if method == "hang":
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        Path(params["pids"]).write_text(json.dumps([os.getpid(), child.pid]))
        while True:
            time.sleep(60)
    if method == "slow":
        time.sleep(params["seconds"])
    if method == "noisy":
        print("user code printing to stdout")
        for number in range(params["lines"]):
            sys.stderr.write(f"stderr line {number}\n")
        sys.stderr.flush()
    if method == "fail":
        return protocol.failure(request_id, {"type": "user", "message": "the request failed"})
    return protocol.success(request_id, {"method": method, "params": params, "pid": os.getpid()})


def main(argv: list[str]) -> None:
    requests, replies = protocol.take_channel()
    if argv[:1] == ["registry"]:
        with Path(argv[1]).open("a") as runs:
            runs.write("ran\n")
        protocol.send(replies, protocol.success(0, {"types": [{"key": "fake.Component"}]}))
        os._exit(0)
    faulthandler.register(signal.SIGUSR1, all_threads=True)
    if "--exit-at-start" in argv:
        _exit(1)
    protocol.send(replies, {"event": "ready", "pid": os.getpid(), "dagster_version": "fake"})
    if "--exit-after-ready" in argv:
        replies.flush()
        _exit(3)
    while (message := protocol.read(requests)) is not None:
        protocol.send(replies, _answer(message))
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
