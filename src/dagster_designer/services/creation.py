"""Create a dg project with create-dagster, and build a project's environment with uv."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..processes import spawn
from ..project_files.config import ProjectConfig, load_project_config
from ..project_files.packages import site_packages

CREATE_DAGSTER = "import sys\nfrom create_dagster.cli import main\nsys.exit(main())"


class CreationFailed(Exception):
    """The project or its environment could not be made; `output` holds the tool's last lines."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


def _tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.splitlines()[-lines:])


async def _run(
    argv: list[str],
    cwd: Path,
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None,
) -> spawn.Completed:
    """create-dagster and uv sync: the designer's uv first on the PATH, no limits (they run
    installers, not the project's code)."""
    env = spawn.child_environment(path_prefix=[linked_bin])
    return await spawn.run(
        argv, cwd=cwd, env=env, timeout=timeout, limits=spawn.NO_LIMITS, on_line=on_line
    )


async def create_project(
    target: Path,
    *,
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None = None,
) -> ProjectConfig:
    """Run `create-dagster project TARGET --uv-sync`; on any failure remove what it made."""
    if target.exists():
        raise CreationFailed(f"{target} already exists.")
    argv = [sys.executable, "-c", CREATE_DAGSTER, "project", str(target), "--uv-sync"]
    try:
        result = await _run(argv, target.parent, linked_bin, timeout, on_line)
        if result.timed_out:
            raise CreationFailed(
                f"create-dagster did not finish within {timeout:g} s.", _tail(result.output)
            )
        if result.returncode != 0:
            raise CreationFailed(
                f"create-dagster failed (exit code {result.returncode}).", _tail(result.output)
            )
        config = load_project_config(target)
        if not config.python.exists():
            raise CreationFailed("create-dagster made no environment (.venv).", result.output)
        return config
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # no half-made project is left behind
        raise


async def sync_environment(
    config: ProjectConfig,
    *,
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None = None,
) -> None:
    """`uv sync` in an opened project that has no environment yet."""
    argv = [str(linked_bin / "uv"), "sync"]
    result = await _run(argv, config.root, linked_bin, timeout, on_line)
    if result.timed_out or result.returncode != 0:
        reason = "timed out" if result.timed_out else f"exit code {result.returncode}"
        raise CreationFailed(f"`uv sync` failed ({reason}).", _tail(result.output))


def installed(config: ProjectConfig, module: str) -> bool:
    """Whether the project's environment has a top-level module (a package folder or file)."""
    return any(
        (site / module).is_dir() or (site / f"{module}.py").is_file()
        for site in site_packages(config.venv)
    )


async def add_packages(
    config: ProjectConfig,
    packages: list[str],
    *,
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None = None,
) -> None:
    """`uv add` packages to a project: into its pyproject.toml and its environment."""
    await _uv(config, "add", packages, linked_bin, timeout, on_line)


async def remove_packages(
    config: ProjectConfig,
    packages: list[str],
    *,
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None = None,
) -> None:
    """`uv remove` packages from a project: from its pyproject.toml and its environment."""
    await _uv(config, "remove", packages, linked_bin, timeout, on_line)


async def _uv(
    config: ProjectConfig,
    command: str,
    packages: list[str],
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None,
) -> None:
    argv = [str(linked_bin / "uv"), command, *packages]
    result = await _run(argv, config.root, linked_bin, timeout, on_line)
    if result.timed_out or result.returncode != 0:
        reason = "timed out" if result.timed_out else f"exit code {result.returncode}"
        raise CreationFailed(
            f"`uv {command} {' '.join(packages)}` failed ({reason}).", _tail(result.output)
        )
