"""How processes that run a project's code are started: the worker with the project's own
Python, and the limits every such process gets.

The worker package is loaded from this distribution's files under the name
``dagster_designer_worker``; nothing of the designer's environment is put on ``sys.path``, so
user code sees exactly the packages of its own ``.venv``, as it does under ``dg``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..project_files.config import ProjectConfig
from ..project_files.dagster_home import dagster_home
from . import spawn

WORKER_PACKAGE = Path(__file__).resolve().parent.parent / "worker"

_BOOTSTRAP = """\
import importlib.util, sys
spec = importlib.util.spec_from_file_location(
    "dagster_designer_worker", sys.argv[1], submodule_search_locations=[sys.argv[2]]
)
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
from dagster_designer_worker.main import main
main(sys.argv[3:])
"""


def worker_argv(config: ProjectConfig, mode: str, *rest: str) -> list[str]:
    return [
        str(config.python),
        "-c",
        _BOOTSTRAP,
        str(WORKER_PACKAGE / "__init__.py"),
        str(WORKER_PACKAGE),
        mode,
        config.worker_json(),
        *rest,
    ]


def project_environment(
    venv: Path, extra: Mapping[str, str] | None = None, path_suffix: Sequence[Path] = ()
) -> dict[str, str]:
    """A child's environment with the project's .venv activated, as `source .venv/bin/activate`
    does (its `bin` first on the PATH), and the project's Dagster instance as `DAGSTER_HOME`."""
    home = str(dagster_home(venv.parent))
    extra = {"VIRTUAL_ENV": str(venv), "DAGSTER_HOME": home, **(extra or {})}
    return spawn.child_environment(extra, path_prefix=[venv / "bin"], path_suffix=path_suffix)


def worker_env(config: ProjectConfig) -> dict[str, str]:
    # as under dg: the current folder is not importable, only the environment is
    return project_environment(config.venv, {"PYTHONSAFEPATH": "1", "PYTHONUNBUFFERED": "1"})


def project_limits(
    memory_mb: int, timeout: float | None = None, background: bool = False
) -> spawn.Limits:
    """The limits of every process that runs the project's code (`--worker-memory-mb`): its
    address space, so code that allocates without bound gets a MemoryError instead of
    exhausting the machine; and for a command with a timeout, processor time for two cores over
    that timeout, a bound that holds even if the server is gone. A `background` process (work
    the designer does ahead of the user: listing component types) yields the processor to
    everything else, the browser drawing the graph beside it included."""
    cpu = math.ceil(timeout) * 2 if timeout else 0
    return spawn.Limits(
        memory_mb=max(0, memory_mb), cpu_seconds=cpu, niceness=10 if background else 0
    )
