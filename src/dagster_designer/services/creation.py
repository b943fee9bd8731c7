"""Create a dg project with create-dagster (plain, or from a starter: its packages added with
uv, its files copied, its components scaffolded by `dg scaffold defs`, its definitions written by
the designer's builders), and build a project's environment with uv."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from ..edits.yaml_attributes import read_documents, write_attributes
from ..processes import git, spawn
from ..processes.code_tools import format_source
from ..processes.launch import project_limits, worker_env
from ..project_files.config import ProjectConfig, load_project_config
from ..project_files.dagster_home import DAGSTER_HOME
from ..project_files.files import create_text, write_text
from ..project_files.packages import site_packages
from ..project_files.paths import confine
from ..starters.catalog import Scaffold, Starter

# What a new project's repository never tracks: its environment, secrets, caches and the runs of
# its own Dagster instance.
IGNORED = (
    ".venv",  # a link too: `.venv/` would match a folder only
    ".env",
    "__pycache__/",
    "*.pyc",
    ".pytest_cache/",
    ".ruff_cache/",
    ".mypy_cache/",
    f"{DAGSTER_HOME}/",
)
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


async def _scaffold(
    config: ProjectConfig,
    scaffold: Scaffold,
    *,
    timeout: float,
    memory_mb: int,
    on_line: Callable[[str], None] | None,
) -> None:
    """`dg scaffold defs` in the project's environment, then the starter's attribute values
    set in the defs.yaml Dagster wrote (a lossless edit: the rest stays as written)."""
    argv = [str(config.venv / "bin" / "dg"), "scaffold", "defs", scaffold.type, scaffold.path]
    result = await spawn.run(
        [*argv, *scaffold.args],
        cwd=config.root,
        env=worker_env(config),
        timeout=timeout,
        limits=project_limits(memory_mb, timeout),
        on_line=on_line,
    )
    if result.timed_out or result.returncode != 0:
        reason = "timed out" if result.timed_out else f"exit code {result.returncode}"
        raise CreationFailed(
            f"`dg scaffold defs {scaffold.type} {scaffold.path}` failed ({reason}).",
            _tail(result.output),
        )
    if scaffold.attributes:
        relative = (config.defs_root / scaffold.path / "defs.yaml").relative_to(config.root)
        text = confine(config.root, relative.as_posix()).read_text(encoding="utf-8")
        current = read_documents(text)[0]["attributes"] or {}
        merged = write_attributes(text, {**current, **scaffold.attributes})
        write_text(config.root, relative.as_posix(), merged)


def _copy_files(starter: Starter, config: ProjectConfig) -> None:
    """The starter's shipped files: `root` into the project's folder, `defs` into its defs
    folder."""
    if starter.files is None:
        return
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part, target in (("root", config.root), ("defs", config.defs_root)):
        if (starter.files / part).is_dir():
            shutil.copytree(starter.files / part, target, dirs_exist_ok=True, ignore=skip)


def _ignore(config: ProjectConfig, lines: tuple[str, ...]) -> None:
    if not lines:
        return
    ignore = config.root / ".gitignore"
    text = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    missing = [line for line in lines if line not in text.splitlines()]
    if missing:
        start = "" if not text or text.endswith("\n") else "\n"
        write_text(config.root, ".gitignore", text + start + "\n".join(missing) + "\n")


async def apply_starter(
    config: ProjectConfig,
    starter: Starter,
    *,
    linked_bin: Path,
    timeout: float,
    memory_mb: int,
    on_line: Callable[[str], None] | None = None,
) -> None:
    """Make a new project the starter: its packages, files, components and built definitions."""
    say = on_line or (lambda _line: None)
    if starter.packages:
        say(f"$ uv add {' '.join(starter.packages)}")
        await add_packages(
            config, list(starter.packages), linked_bin=linked_bin, timeout=timeout, on_line=on_line
        )
    _copy_files(starter, config)
    for scaffold in starter.scaffolds:
        say(f"$ dg scaffold defs {scaffold.type} {scaffold.path} {' '.join(scaffold.args)}")
        await _scaffold(config, scaffold, timeout=timeout, memory_mb=memory_mb, on_line=on_line)
    for path, text in starter.modules().items():
        relative = (config.defs_root / path).relative_to(config.root).as_posix()
        say(f"writing {relative}")
        confine(config.root, relative, follow=False).parent.mkdir(parents=True, exist_ok=True)
        create_text(config.root, relative, await format_source(config, relative, text))
    _ignore(config, starter.ignored)


async def create_from_starter(
    target: Path,
    starter: Starter,
    *,
    linked_bin: Path,
    timeout: float,
    memory_mb: int,
    on_line: Callable[[str], None] | None = None,
) -> ProjectConfig:
    """create-dagster, then the starter, then a git repository with a `.gitignore`; on any
    failure nothing is left behind."""
    config = await create_project(target, linked_bin=linked_bin, timeout=timeout, on_line=on_line)
    try:
        await apply_starter(
            config,
            starter,
            linked_bin=linked_bin,
            timeout=timeout,
            memory_mb=memory_mb,
            on_line=on_line,
        )
        _ignore(config, IGNORED)
        say = on_line or (lambda _line: None)
        try:
            say(await git.init(config.root))
        except git.GitRefused as exc:  # no git on the machine: a project all the same
            say(f"no git repository: {exc}")
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return config


async def clone_project(
    url: str,
    target: Path,
    branch: str | None,
    token: str | None,
    *,
    linked_bin: Path,
    timeout: float,
    on_line: Callable[[str], None] | None = None,
) -> ProjectConfig:
    """Clone a dg project and build its environment with `uv sync`; on any failure nothing is
    left behind. The token lives in the clone call's environment only."""
    if target.exists():
        raise CreationFailed(f"{target} already exists.")
    try:
        await git.clone(url, target, branch, token)
        config = load_project_config(target)
        if not config.python.exists():
            (on_line or (lambda _line: None))("$ uv sync")
            await sync_environment(config, linked_bin=linked_bin, timeout=timeout, on_line=on_line)
        return config
    except git.GitRefused as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise CreationFailed(str(exc)) from None
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
