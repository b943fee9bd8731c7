"""dbt's parse for a state rebuild, in a dbt process kept warm between edits.

dagster-dbt rebuilds a dbt component's state by starting `dbt --version` and then `dbt parse`
as new processes: at 2,000 models each parse spends seconds importing dbt and checking its
schemas before dbt's partial parsing starts. Here the same command, with the same arguments,
environment and folder as dagster-dbt gives it, runs in one kept process (`warm_dbt_main`)
that has dbt imported already. Anything that goes wrong there (dbt reports a failure, the
process dies or hangs) falls back to dagster-dbt's own parse, which then reports the error as
`dg` would.
"""

from __future__ import annotations

import functools
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# a parse of a dbt project of thousands of models takes tens of seconds on a busy machine
_PARSE_TIMEOUT = 600.0


class WarmDbt:
    """One kept dbt process, started on first use; restarted after any failure."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None

    def run(self, args: list[str], env: dict[str, str], cwd: Path) -> bool:
        """Whether dbt ran `args` successfully; False also when the process failed."""
        try:
            process = self._started(env)
            assert process.stdin is not None and process.stdout is not None
            request = {"args": args, "env": env, "cwd": str(cwd)}
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            answer = _read_line(process.stdout, _PARSE_TIMEOUT)
            if answer is not None and json.loads(answer).get("ok") is True:
                return True
        except (OSError, ValueError):
            pass
        self.stop()  # whatever state a failed dbt left behind, the next one starts clean
        return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=30)

    def _started(self, env: dict[str, str]) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            # in the worker's process group: stopped with the worker, and it leaves at the end
            # of its stdin if the worker is killed alone
            self._process = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("warm_dbt_main.py"))],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                text=True,
            )
        return self._process


def _read_line(stream: Any, timeout: float) -> str | None:
    """A line from `stream`, or None if none came in time or the stream ended."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([stream], [], [], left)
        if ready:
            line = stream.readline()
            return line or None
    return None


_warm = WarmDbt()


def memoize_version() -> None:
    """dagster-dbt asks `dbt --version` (seconds: a new process that imports dbt) for every CLI
    resource it makes, a new one at each state rebuild; the answer only changes with the
    environment, and the worker restarts when that changes. Once dagster-dbt is imported."""
    resource = sys.modules.get("dagster_dbt.core.resource")
    cls = getattr(resource, "DbtCliResource", None)
    asked = vars(cls).get("_cli_version") if isinstance(cls, type) else None
    if not isinstance(asked, functools.cached_property) or asked.attrname != "_cli_version":
        return
    versions: dict[str, Any] = {}

    def cli_version(self: Any) -> Any:
        executable = str(self.dbt_executable)
        if executable not in versions:
            versions[executable] = asked.func(self)
        return versions[executable]

    remembered = functools.cached_property(cli_version)
    remembered.__set_name__(cls, "_cli_version_remembered")
    cls._cli_version = remembered  # type: ignore[attr-defined]


def install() -> None:
    """dagster-dbt's manifest preparation runs in the kept process (once dagster-dbt is
    imported; nothing changes if its preparer is not the one this was written for)."""
    memoize_version()
    module = sys.modules.get("dagster_dbt.dbt_project")
    preparer = getattr(module, "DagsterDbtProjectPreparer", None)
    own = getattr(preparer, "_prepare_manifest", None)
    seeds = getattr(preparer, "_invalidate_seeds_in_partial_parse", None)
    if own is None or seeds is None or getattr(own, "warm", False):
        return

    def prepare_manifest(self: Any, project: Any) -> None:
        command = (
            _parse_command(self, project) if hasattr(self, "_prepare_project_cli_args") else None
        )
        if command is None or not _warm.run(*command):
            own(self, project)
            return
        self._invalidate_seeds_in_partial_parse(project)

    prepare_manifest.warm = True  # type: ignore[attr-defined]
    preparer._prepare_manifest = prepare_manifest


def _parse_command(preparer: Any, project: Any) -> tuple[list[str], dict[str, str], Path] | None:
    """The arguments, environment and folder dagster-dbt's CLI resource would run the
    preparer's parse with (`DbtCliResource.cli`); None where that resource is not dbt Core's."""
    from dagster_dbt.core.resource import DbtCliResource

    resource = DbtCliResource(project_dir=project)
    if resource._cli_version.major >= 2:  # dbt Fusion: not a Python dbt to keep warm
        return None
    project_dir = Path(resource.project_dir)
    target_path = os.fspath(project.target_path)
    env = {
        "PYTHONLEGACYWINDOWSSTDIO": "1",
        **os.environ,
        "DAGSTER_DBT_CLI": "true",
        "PYTHONUNBUFFERED": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_LOG_FORMAT": "json",
        "DBT_TARGET_PATH": target_path,
        "DBT_LOG_PATH": target_path,
        **({"DBT_PROFILES_DIR": str(resource.profiles_dir)} if resource.profiles_dir else {}),
        "DBT_PROJECT_DIR": str(project_dir),
    }
    profile = ["--profile", resource.profile] if resource.profile else []
    target = ["--target", resource.target] if resource.target else []
    args = [
        *resource.global_config_flags,
        *preparer._prepare_project_cli_args,
        *profile,
        *target,
    ]
    return [str(a) for a in args], env, project_dir
