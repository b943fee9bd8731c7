"""Deploy a project to Dagster+ with Dagster's own `dg plus deploy`, run in the project's
environment as the project's task, and scaffold its deploy configuration with
`dg plus deploy configure`.

The organisation, deployment and API token reach `dg` only through the environment of that one
call (`DAGSTER_CLOUD_ORGANIZATION`, `DAGSTER_CLOUD_DEPLOYMENT`, `DAGSTER_CLOUD_API_TOKEN`, the
names dagster-cloud-cli reads); the token is never in an argument list, a file, a log line or an
answer: every line of output and every error has it replaced before anyone sees it. Each deploy
gets its own state folder (`DAGSTER_BUILD_STATEDIR`), so two projects deploying at once do not
share dg's default one.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..processes import spawn
from ..processes.launch import worker_env
from ..project_files.config import ProjectConfig
from ..project_files.packages import installed, site_packages
from . import project_tasks
from .manager import ProjectManager

DEPLOY_TIMEOUT = 3600.0
CONFIGURE_TIMEOUT = 300.0
CLOUD_PACKAGE = "dagster-cloud"
# `dg plus deploy configure` writes this for builds that make a Docker image; PEX builds need
# no file of the project.
BUILD_CONFIG = "build.yaml"
MASK = "********"


class DeployNeeds(RuntimeError):
    """The project lacks something a deploy needs; `fix` names the one-click remedy."""

    def __init__(self, message: str, fix: dict[str, str]) -> None:
        super().__init__(message)
        self.fix = fix


class DeployError(ValueError):
    """A deploy request the designer cannot act on."""


@dataclass(frozen=True)
class PlusDeploy:
    organization: str
    deployment: str
    token: str
    build_strategy: str | None = None  # dg's own default (docker) when None
    location_name: str | None = None
    url: str | None = None  # the organisation's address, when not https://<org>.dagster.cloud

    def argv(self, config: ProjectConfig) -> list[str]:
        """`dg plus deploy` as the project's environment runs it: never a secret in it, no
        prompt (`--yes`: its standard input is closed)."""
        argv = [str(config.venv / "bin" / "dg"), "plus", "deploy", "--yes"]
        if self.build_strategy:
            argv += ["--build-strategy", self.build_strategy]
        if self.location_name:
            argv += ["--location-name", self.location_name]
        return argv

    def environment(self, state_dir: Path) -> dict[str, str]:
        """The variables set for the call, on top of the project's environment."""
        env = {
            "DAGSTER_CLOUD_ORGANIZATION": self.organization,
            "DAGSTER_CLOUD_DEPLOYMENT": self.deployment,
            "DAGSTER_CLOUD_API_TOKEN": self.token,
            "DAGSTER_BUILD_STATEDIR": str(state_dir),
        }
        if self.url:
            env["DAGSTER_CLOUD_URL"] = self.url
        return env

    def public(self) -> dict[str, Any]:
        """What an answer may show of the request: all but the token."""
        return {
            "target": "dagster-plus",
            "organization": self.organization,
            "deployment": self.deployment,
            "build_strategy": self.build_strategy,
            "location_name": self.location_name,
            "url": self.url,
        }


def scrubber(secret: str) -> Callable[[str], str]:
    """Replaces the secret, as written and as a URL carries it, in a line."""
    forms = {secret, quote(secret, safe="")} if len(secret) >= 4 else set()

    def scrub(line: str) -> str:
        for form in forms:
            line = line.replace(form, MASK)
        return line

    return scrub


def _has_cloud_package(config: ProjectConfig) -> bool:
    return CLOUD_PACKAGE in installed(site_packages(config.venv))


def check_ready(config: ProjectConfig, request: PlusDeploy) -> None:
    """`DeployNeeds` when the project cannot be deployed as asked, with the fix to offer."""
    if not _has_cloud_package(config):
        raise DeployNeeds(
            f"The project's environment has no `{CLOUD_PACKAGE}`, which Dagster+ runs the code "
            f"with: add the package `{CLOUD_PACKAGE}` to the project, then deploy again.",
            {"action": "add_package", "package": CLOUD_PACKAGE},
        )
    if request.build_strategy != "python-executable" and not (config.root / BUILD_CONFIG).exists():
        raise DeployNeeds(
            f"A Docker build needs the project's deploy configuration ({BUILD_CONFIG}, "
            "Dockerfile): configure the deploy first (`dg plus deploy configure`), or build a "
            "Python executable (serverless only).",
            {"action": "configure"},
        )


def state(manager: ProjectManager, project_id: str) -> dict[str, Any]:
    """The last deploy of the project: its request (no token), state, command and output."""
    project = manager.get(project_id)
    return dict(project.deploy or {"state": "none"})


def start(manager: ProjectManager, project_id: str, request: PlusDeploy) -> dict[str, Any]:
    """Start `dg plus deploy` as the project's task; answers its state."""
    session = manager.session(project_id)
    project = manager.get(project_id)
    config = session.config
    if not request.organization.strip() or not request.deployment.strip():
        raise DeployError("Give the Dagster+ organisation and deployment to deploy to.")
    if not request.token.strip():
        raise DeployError("Give a Dagster+ API token (it is used for this deploy only).")
    check_ready(config, request)
    argv = request.argv(config)
    scrub = scrubber(request.token)
    tail = spawn.OutputTail(max_lines=2000)
    record: dict[str, Any] = {
        **request.public(),
        "command": argv[1:],
        "environment": sorted(request.environment(Path()).keys()),
        "output": [],
    }
    project_tasks.check_idle(project)
    project.deploy = record

    def keep(line: str) -> None:
        tail.add(line)
        record["output"] = list(tail.lines)

    async def work(on_line: Callable[[str], None]) -> None:
        state_dir = Path(tempfile.mkdtemp(prefix="dagster-designer-deploy-"))
        try:
            result = await spawn.run(
                argv,
                cwd=config.root,
                env={**worker_env(config), **request.environment(state_dir)},
                timeout=DEPLOY_TIMEOUT,
                limits=spawn.NO_LIMITS,  # builds with uv, pex and docker; not the project's code
                on_line=lambda line: (keep(scrub(line)), on_line(line)),
            )
        finally:
            shutil.rmtree(state_dir, ignore_errors=True)
        if result.timed_out:
            raise project_tasks.TaskFailed(
                f"`dg plus deploy` did not finish in {DEPLOY_TIMEOUT:g} s."
            )
        if result.returncode != 0:
            raise project_tasks.TaskFailed(
                f"`dg plus deploy` failed (exit code {result.returncode}).",
                "\n".join(list(tail.lines)[-25:]),
            )

    return project_tasks.start(manager, project, "dg plus deploy", record, work, scrub=scrub)


@dataclass(frozen=True)
class Configure:
    agent_type: str  # serverless | hybrid
    build_strategy: str = "python-executable"
    agent_platform: str | None = None  # hybrid: k8s | ecs | docker
    registry_url: str | None = None
    python_version: str | None = None
    git_provider: str | None = None  # github | gitlab: also scaffold CI
    organization: str | None = None
    deployment: str | None = None

    def argv(self, config: ProjectConfig) -> list[str]:
        """`dg plus deploy configure` without a prompt: every choice given, `--git-root` so it
        asks nothing about CI unless a provider is named."""
        argv = [str(config.venv / "bin" / "dg"), "plus", "deploy", "configure", self.agent_type]
        argv += ["--yes", "--git-root", str(config.root)]
        if self.agent_type == "serverless":
            pex = self.build_strategy == "python-executable"
            argv.append("--pex-deploy" if pex else "--no-pex-deploy")
        else:
            argv += ["--agent-platform", self.agent_platform or "docker"]
            if self.registry_url:
                argv += ["--registry-url", self.registry_url]
        for flag, value in (
            ("--python-version", self.python_version),
            ("--git-provider", self.git_provider),
            ("--organization", self.organization),
            ("--deployment", self.deployment),
        ):
            if value:
                argv += [flag, value]
        return argv


def _files(root: Path) -> dict[str, float]:
    """The project's files `dg plus deploy configure` may write, with their times."""
    found = {}
    for pattern in ("build.yaml", "container_context.yaml", "Dockerfile", ".github/**/*", "*.yml"):
        for path in root.glob(pattern):
            if path.is_file() and not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path.stat().st_mtime_ns
    return found


async def configure(manager: ProjectManager, project_id: str, request: Configure) -> dict[str, Any]:
    """Run `dg plus deploy configure` in the project; answers whether it worked, its output and
    the files it wrote."""
    config = manager.session(project_id).config
    if request.agent_type not in ("serverless", "hybrid"):
        raise DeployError("The agent type is `serverless` or `hybrid`.")
    before = _files(config.root)
    argv = request.argv(config)
    result = await spawn.run(
        argv,
        cwd=config.root,
        env=worker_env(config),
        timeout=CONFIGURE_TIMEOUT,
        limits=spawn.NO_LIMITS,
    )
    after = _files(config.root)
    written = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    return {
        "ok": result.returncode == 0 and not result.timed_out,
        "command": argv[1:],
        "output": result.output,
        "files": written,
    }
