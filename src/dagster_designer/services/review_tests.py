"""The review's tests: pytest run in the project's environment with results per test, pytest
added as a dev dependency when it is missing, and a first test module generated for a chain of
assets (shown first, never written over an existing file unless asked)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from ..processes import spawn
from ..processes.code_tools import format_source
from ..processes.launch import project_limits, worker_env
from ..project_files.files import create_text, write_text
from ..project_files.packages import installed, site_packages
from ..project_files.paths import confine
from ..review import tests_run, tests_write
from ..review.tests_exist import is_test_file
from .integrations import start_uv
from .manager import ProjectManager
from .review import project_texts
from .session import ProjectSession

RUN_TIMEOUT = 600.0  # a test suite may materialize real assets
SETUP_TIMEOUT = 600.0
MAX_REPORT_BYTES = 32 * 1024 * 1024
OUTPUT_LINES = 200  # of pytest's own output, for what the report cannot say (a broken conftest)
NO_TESTS = (
    "The project has no tests: write some in `tests/` (Generate tests makes a first module for "
    "the assets you pick) and run them again."
)


class PytestMissing(RuntimeError):
    """pytest is not installed in the project's environment."""


class TestsTimedOut(RuntimeError):
    """The test run did not finish within its time and was stopped."""


class TestsBroken(RuntimeError):
    """pytest could not run the tests (a usage or internal error) and reported no results."""


class TestsExist(RuntimeError):
    """The generated module's file exists already."""


def _has_pytest(venv: Path) -> bool:
    return "pytest" in installed(site_packages(venv))


def _summary(warning: str | None, output: str = "") -> dict[str, Any]:
    empty = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0, "duration": 0.0, "tests": []}
    return {**empty, "warning": warning, "output": output}


async def run(session: ProjectSession) -> dict[str, Any]:
    """pytest in the project's `.venv`, its results per test from its JUnit report; a project
    without a test file answers zero tests and a warning without starting anything."""
    config = session.config
    if not any(is_test_file(path) for path in project_texts(config.root)):
        return _summary(NO_TESTS)
    if not _has_pytest(config.venv):
        raise PytestMissing(
            "pytest is not installed in the project's environment: add it as a dev dependency "
            "(Add pytest, or `uv add --dev pytest` in the project folder) and run the tests again."
        )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="designer-pytest-") as folder:
        report = Path(folder) / "report.xml"
        argv = [str(config.python), "-m", "pytest", *tests_run.PYTEST_OPTIONS]
        result = await spawn.run(
            [*argv, f"--junitxml={report}"],
            cwd=config.root,
            env=worker_env(config),
            timeout=RUN_TIMEOUT,
            limits=project_limits(session.settings.worker_memory_mb, RUN_TIMEOUT),
        )
        output = "\n".join(result.output.splitlines()[-OUTPUT_LINES:])
        if result.timed_out:
            raise TestsTimedOut(
                f"The tests did not finish within {RUN_TIMEOUT:g} s and were stopped; run the "
                "slow ones in a terminal (`pytest -x --durations=10`)."
            )
        exists = report.is_file() and report.stat().st_size <= MAX_REPORT_BYTES
        if result.returncode not in tests_run.RAN or not exists:
            raise TestsBroken(
                f"pytest could not run the tests (exit code {result.returncode}):\n{output}"
            )
        if result.returncode == tests_run.NO_TESTS:
            return _summary(NO_TESTS, output)
        answer = tests_run.results(report.read_text(encoding="utf-8", errors="replace"))
    elapsed = round(time.perf_counter() - started, 3)
    return {**answer, "duration": answer["duration"] or elapsed, "warning": None, "output": output}


def add_pytest(manager: ProjectManager, project_id: str) -> dict[str, Any]:
    """Start `uv add --dev pytest` as the project's task (its state is the project's
    `integration`, as for a library)."""
    session = manager.session(project_id)
    project = manager.get(project_id)
    return start_uv(manager, session, project, "add", ["--dev", "pytest"], "pytest", SETUP_TIMEOUT)


async def generate(
    session: ProjectSession, keys: list[str], preview: bool, overwrite: bool
) -> dict[str, Any]:
    """The test module of the chain of `keys`, written into `tests/` unless `preview` (a
    `tests/__init__.py` too when the folder is new, as create-dagster lays it out)."""
    definitions = await session.definitions()
    assets = definitions.get("assets", [])
    ordered = tests_write.chain(assets, keys)
    parts = {a["key"]: a.get("key_parts") or a["key"].split("/") for a in assets}
    stand_ins = tests_write.stand_ins(definitions.get("resources", []))
    rel = tests_write.file_name(ordered)
    # in the project's own style, as its ruff settings format it
    text = await format_source(
        session.config, rel, tests_write.module_text(ordered, parts, stand_ins)
    )
    root = session.config.root
    exists = confine(root, rel).exists()
    if exists and not overwrite:
        raise TestsExist(
            f"`{rel}` exists already; nothing was written (overwrite it, or rename it)."
        )
    if not preview:
        async with session.write_lock:
            package = f"{tests_write.TESTS_FOLDER}/__init__.py"
            if not confine(root, tests_write.TESTS_FOLDER).exists():
                create_text(root, package, "")
            write_text(root, rel, text)
    return {"file": rel, "text": text, "written": not preview, "stand_ins": stand_ins}
