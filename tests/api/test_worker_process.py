"""The processes that run a project's code, seen from outside: what they write cannot grow the
server, they cannot lift their limits, a worker that keeps dying is given up with its reason
and comes back with the fix, a worker never outlives its server, and an untested Dagster gets
plain full loads."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dagster_designer.project_files.config import ProjectConfig
from tests.support import (
    Designer,
    dg_list_defs,
    start_designer,
    stop_designer,
    wait_for_project,
    worker_processes,
    written,
)

MB = 1024 * 1024


def _memory(pid: int) -> tuple[int, int]:
    """(resident, peak resident) bytes of a process."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) * 1024
    return values["VmRSS"], values["VmHWM"]


def _definitions(api: httpx.Client, project: dict) -> dict:
    response = api.get(f"/projects/{project['id']}/definitions")
    assert response.status_code == 200, response.text
    return response.json()


def _worker(api: httpx.Client, project: dict) -> dict:
    return api.get(f"/projects/{project['id']}").json()["worker"]


def test_endless_lines_on_stderr_do_not_grow_the_server(
    designer: Designer, api: httpx.Client, project: dict, defs_root: Path
) -> None:
    _definitions(api, project)
    rss, peak = _memory(designer.process.pid)
    noisy = (
        "import sys\n\n"
        "for _ in range(6):\n"
        "    sys.stderr.write('x' * 50_000_000 + '\\n')\n"
        "sys.stderr.flush()\n"
    )
    with written(defs_root, {"noisy.py": noisy}):
        assert _definitions(api, project)["errors"] == []
    after, after_peak = _memory(designer.process.pid)
    # 300 MB went through the pipe; the server keeps a bounded tail of it
    assert after - rss < 64 * MB, f"resident memory grew by {(after - rss) // MB} MB"
    assert after_peak - peak < 64 * MB, f"peak memory grew by {(after_peak - peak) // MB} MB"


PROBE = """
import json, os, resource, sys
from pathlib import Path

soft, hard = resource.getrlimit(resource.RLIMIT_AS)
try:
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    lifted = True
except (ValueError, OSError):
    lifted = False
entry = {
    "argv": sys.argv,
    "limit": [soft, hard],
    "lifted": lifted,
    "after": list(resource.getrlimit(resource.RLIMIT_AS)),
}
with open(Path(os.environ.get("VIRTUAL_ENV", ".")).parent / "limit_probe.jsonl", "a") as out:
    out.write(json.dumps(entry) + "\\n")
"""


@pytest.fixture
def probe(project_root: Path, defs_root: Path) -> Iterator[Path]:
    record = project_root / "limit_probe.jsonl"
    record.unlink(missing_ok=True)
    with written(defs_root, {"limit_probe.py": PROBE}):
        yield record
    record.unlink(missing_ok=True)


def _entries(record: Path) -> list[dict]:
    return [json.loads(line) for line in record.read_text().splitlines()]


def test_user_code_cannot_lift_the_workers_memory_limit(
    api: httpx.Client, project: dict, probe: Path
) -> None:
    assert _definitions(api, project)["errors"] == []
    entries = _entries(probe)
    assert entries
    for entry in entries:
        assert entry["limit"] == [2048 * MB, 2048 * MB]  # the designer's --worker-memory-mb
        assert entry["lifted"] is False
        assert entry["after"] == [2048 * MB, 2048 * MB]


def test_dg_check_defs_runs_under_the_memory_limit(
    api: httpx.Client, project: dict, probe: Path
) -> None:
    _definitions(api, project)
    probe.unlink()
    response = api.post(f"/projects/{project['id']}/validate")
    assert response.status_code == 200, response.text
    assert response.json()["ok"], response.json()["output"]
    entries = _entries(probe)
    assert any(entry["argv"][0] != "-c" for entry in entries), "dg check defs imported it"
    for entry in entries:
        assert entry["limit"] == [2048 * MB, 2048 * MB], entry
        assert entry["lifted"] is False


def test_a_reply_over_the_limit_is_refused_with_its_size_and_the_worker_lives(
    designer: Designer, api: httpx.Client, project: dict, defs_root: Path
) -> None:
    _definitions(api, project)
    pid = _worker(api, project)["pid"]
    rss, peak = _memory(designer.process.pid)
    huge = (
        "import dagster as dg\n\n\n"
        "@dg.asset(description='d' * 300_000_000)\n"
        "def described_at_length() -> None: ...\n"
    )
    with written(defs_root, {"described.py": huge}):
        errors = _definitions(api, project)["errors"]
    assert len(errors) == 1, errors
    assert errors[0]["kind"] == "too_large", errors
    assert "MB" in errors[0]["message"] and "SIGTERM" not in errors[0]["message"]
    assert _worker(api, project)["pid"] == pid
    after, after_peak = _memory(designer.process.pid)
    assert after - rss < 64 * MB and after_peak - peak < 64 * MB
    assert _definitions(api, project)["errors"] == []


def test_a_worker_that_dies_on_every_load_is_given_up_then_a_fix_brings_it_back(
    api: httpx.Client, project: dict, defs_root: Path
) -> None:
    # the pauses are counted from before the file exists: the first crash may come well before
    # the answer that reports it on a loaded machine, never before the file
    written_at = time.monotonic()
    with written(defs_root, {"exits.py": "import os\n\nos._exit(3)\n"}):
        errors = _definitions(api, project)["errors"]
        assert errors[0]["kind"] == "crash" and "exited with code 3" in errors[0]["message"]
        deadline = time.monotonic() + 240
        worker = _worker(api, project)
        while worker["state"] != "failed" and time.monotonic() < deadline:
            time.sleep(0.5)
            worker = _worker(api, project)
        assert worker["state"] == "failed", worker
        # restarted after pauses of 1, 2, 4 and 8 s, then given up
        assert time.monotonic() - written_at >= 15
        assert "exited with code 3" in worker["detail"]
        restarts = worker["restarts"]
        assert restarts >= 4
    # removing the file is a change: the worker is tried again, and serves
    deadline = time.monotonic() + 120
    while worker["state"] != "ready" and time.monotonic() < deadline:
        time.sleep(0.5)
        worker = _worker(api, project)
    assert worker["state"] == "ready", worker
    assert _definitions(api, project)["errors"] == []
    restarted = api.post(f"/projects/{project['id']}/worker/restart")
    assert restarted.status_code == 200, restarted.text
    assert restarted.json()["state"] == "ready"
    assert restarted.json()["pid"] not in (None, worker["pid"])


LINGERING = (
    "import os\nimport threading\nimport time\n\n"
    "if os.environ.get('DESIGNER_TEST_LINGERING_THREAD'):\n"
    "    threading.Thread(target=time.sleep, args=(1_000_000,), daemon=False).start()\n"
)


def test_a_worker_whose_code_left_a_thread_running_ends_with_a_killed_server(
    tmp_path: Path, project_root: Path, defs_root: Path
) -> None:
    """The shared project opened in a second designer, whose worker alone starts the thread."""
    server = start_designer(
        tmp_path / "workspace",
        "--load-timeout",
        "120",
        env={"DESIGNER_TEST_LINGERING_THREAD": "1"},
    )
    pid = None
    try:
        with written(defs_root, {"lingering.py": LINGERING}), server.client() as client:
            opened = client.post("/projects", json={"path": str(project_root)})
            assert opened.status_code in (201, 202), opened.text
            project = wait_for_project(client, opened.json()["id"])
            assert project["status"] == "ready", project.get("error")
            assert _definitions(client, project)["errors"] == []
            pid = _worker(client, project)["pid"]
            assert len(list(Path(f"/proc/{pid}/task").iterdir())) > 1, "no thread was started"
            server.process.send_signal(signal.SIGKILL)  # the server only, as a crash would
            server.process.wait(30)
            deadline = time.monotonic() + 60
            while pid in worker_processes(project_root) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert pid not in worker_processes(project_root), "the worker outlived its server"
    finally:
        stop_designer(server)
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def untested_dagster(
    tmp_path_factory: pytest.TempPathFactory, project_root: Path
) -> Iterator[tuple[httpx.Client, dict]]:
    """The shared project opened in a second designer whose worker takes Dagster for a
    version its incremental reloads were not written for."""
    server = start_designer(
        tmp_path_factory.mktemp("untested") / "workspace",
        "--load-timeout",
        "120",
        env={"DAGSTER_DESIGNER_ASSUME_DAGSTER_VERSION": "1.99.0"},
    )
    try:
        with server.client() as client:
            opened = client.post("/projects", json={"path": str(project_root)})
            assert opened.status_code in (201, 202), opened.text
            project = wait_for_project(client, opened.json()["id"])
            assert project["status"] == "ready", project.get("error")
            yield client, project
    finally:
        stop_designer(server)


def test_an_untested_dagster_version_gets_plain_full_loads(
    untested_dagster: tuple[httpx.Client, dict], project_root: Path, defs_root: Path
) -> None:
    client, project = untested_dagster
    first = _definitions(client, project)
    assert first["errors"] == [] and first["mode"] == "full"
    assert "1.99.0" in first["reason"]
    module = (
        "import dagster as dg\n\n\n"
        "@dg.asset(deps=['upstream_thing'])\n"
        "def fallback_probe() -> None: ...\n"
    )
    with written(defs_root, {"fallback_probe.py": module}):
        edited = _definitions(client, project)
        assert edited["errors"] == [] and edited["mode"] == "full"
        reference = dg_list_defs(project_root)
        assert {a["key"]: a["deps"] for a in edited["assets"]} == {
            a["asset_key"]: a.get("dependency_keys", []) for a in reference["assets"]
        }
        assert "fallback_probe" in {a["key"] for a in edited["assets"]}


# The worker package loaded as the server's bootstrap loads it (argv: its __init__.py, its
# folder, then the script's own arguments).
WORKER_PRELUDE = """
import importlib.util, json, os, sys

spec = importlib.util.spec_from_file_location(
    "dagster_designer_worker", sys.argv[1], submodule_search_locations=[sys.argv[2]]
)
package = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = package
spec.loader.exec_module(package)
"""

MISSING_TARGET = (
    WORKER_PRELUDE
    + """from dagster_designer_worker import live
from dagster_designer_worker.engine import Engine
from dagster_designer_worker.project import ProjectInfo

# as if this Dagster lacked one of the functions the incremental reloads replace
live.HOOK_TARGETS = (*live.HOOK_TARGETS, ("dagster.components.core.decl", "gone_in_this_version"))
project = ProjectInfo.from_json(sys.argv[3])
os.chdir(project.root)
engine = Engine(project)
loads = [engine.reload(None), engine.reload([])]
print(json.dumps([{k: load[k] for k in ("mode", "reason", "assets", "errors")} for load in loads]))
"""
)


def in_worker_package(config: ProjectConfig, script: str, *args: str) -> str:
    """The last line `script` prints, run after WORKER_PRELUDE in the project's environment."""
    from dagster_designer.processes.launch import WORKER_PACKAGE, worker_env

    result = subprocess.run(
        [
            str(config.python),
            "-c",
            script,
            str(WORKER_PACKAGE / "__init__.py"),
            str(WORKER_PACKAGE),
            *args,
        ],
        cwd=config.root,
        env=worker_env(config),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1]


def test_a_missing_hook_target_means_plain_full_loads(project_root: Path) -> None:
    from dagster_designer.project_files.config import load_project_config

    config = load_project_config(project_root)
    output = in_worker_package(config, MISSING_TARGET, config.worker_json())
    reference = sorted(a["asset_key"] for a in dg_list_defs(project_root)["assets"])
    for load in json.loads(output):
        assert load["errors"] == [] and load["mode"] == "full"
        assert "gone_in_this_version" in load["reason"]
        assert sorted(a["key"] for a in load["assets"]) == reference


PLAN_OF_A_CHANGE = (
    WORKER_PRELUDE
    + """from dagster_designer_worker.live import LiveTree
from dagster_designer_worker.project import ProjectInfo

live = LiveTree(ProjectInfo.from_json(sys.argv[3]))
live.tree = object()  # as after a first load
plan = live.plan(sys.argv[4:])
print(json.dumps({
    "why_full": live.full_loads_only,
    "paths": sorted(map(str, plan.paths)),
    "all_components": plan.all_components,
}))
"""
)


@pytest.mark.parametrize("folder", ["logs", "target", "venv"])
def test_a_project_in_a_folder_named_like_a_tool_output_reloads_what_changed(
    project_root: Path, tmp_path: Path, folder: str
) -> None:
    """Only the folders inside the project are left out of a reload, never those above it."""
    from dagster_designer.project_files.config import load_project_config

    config = load_project_config(project_root)
    elsewhere = dataclasses.replace(config, root=tmp_path / folder / project_root.name)
    changed = elsewhere.module_path(elsewhere.defs_module) / "new_asset.py"
    plan = json.loads(
        in_worker_package(config, PLAN_OF_A_CHANGE, elsewhere.worker_json(), str(changed))
    )
    assert plan == {"why_full": None, "paths": [str(changed)], "all_components": False}


def test_a_change_to_a_file_no_load_reads_rebuilds_nothing(project_root: Path) -> None:
    """A file of the project outside the defs folder may be read by any component (a script, a
    template): every component is built again, except for files no load ever reads."""
    from dagster_designer.project_files.config import load_project_config

    config = load_project_config(project_root)

    def plan(*names: str) -> dict:
        changed = [str(project_root / name) for name in names]
        return json.loads(
            in_worker_package(config, PLAN_OF_A_CHANGE, config.worker_json(), *changed)
        )

    assert plan(".gitignore", ".gitattributes")["all_components"] is False
    assert plan("notes.txt")["all_components"] is True
    assert plan(".gitignore", "notes.txt")["all_components"] is True
