"""The projects of a workspace: creating, opening and forgetting them, and their sessions."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uv

from ..project_files import files
from ..project_files.config import NotAProjectError, ProjectConfig, load_project_config
from ..project_files.names import InvalidName, validate_project_name
from ..project_files.store import ProjectStore, StoredProject
from ..project_files.workspace_config import (
    NotAWorkspaceError,
    WorkspaceConfig,
    load_workspace_config,
)
from ..settings import Settings
from ..starters.catalog import EMPTY, starter
from .creation import CreationFailed, clone_project, create_from_starter, sync_environment
from .dagster_ui import DagsterUiPool
from .events import EventBus
from .git import checked_url, name_from_url
from .run_target import remote_target, stored_target
from .session import ProjectSession

log = logging.getLogger(__name__)


class ProjectNotFound(KeyError):
    pass


class ProjectNotReady(RuntimeError):
    pass


@dataclass
class Project:
    id: str
    name: str
    path: Path
    status: str  # creating | ready | error
    created_here: bool = False
    error: str | None = None
    progress: deque[str] = field(default_factory=lambda: deque(maxlen=200))
    session: ProjectSession | None = None
    task: asyncio.Task[None] | None = None
    # a creation that failed: shown until removed or restart, never stored (it has no folder)
    transient: bool = False
    removing: bool = False
    run_target: dict[str, Any] | None = None  # as stored: a remote's non-secret part
    # the last change of its environment from the integration library: package, action, state
    integration: dict[str, Any] | None = None
    busy_with: str | None = None  # the command its running task runs (`project_tasks`)
    deploy: dict[str, Any] | None = None  # the last deploy: its request (no token), state, output
    workspace: Path | None = None  # the dg workspace it was opened with

    def public(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "path": str(self.path),
            "status": self.status,
            "created_here": self.created_here,
            "progress": list(self.progress)[-40:],
            "worker": self.session.worker_status() if self.session else None,
        }
        if self.status == "error":
            out["error"] = self.error
        if self.integration is not None:
            out["integration"] = self.integration
        if self.session is not None:
            out["defs_path"] = self.session.config.defs_root.relative_to(self.path).as_posix()
        out["workspace"] = (
            {"path": str(self.workspace), "name": self.workspace.name} if self.workspace else None
        )
        return out


class ProjectManager:
    def __init__(self, settings: Settings, events: EventBus) -> None:
        self.settings = settings
        self.events = events
        self.store = ProjectStore(settings.state_dir)
        self._projects: dict[str, Project] = {}
        self.ui_pool = DagsterUiPool(settings.max_dagster_uis)
        self._reaper: asyncio.Task[None] | None = None
        # what else a project owns (its terminals) ends with it
        self.removal_hooks: list[Callable[[str], Awaitable[None]]] = []

    # ----------------------------------------------------------------------------------------
    # life cycle

    async def startup(self) -> None:
        self.settings.workspace.mkdir(parents=True, exist_ok=True)
        self._link_uv()
        for stored in self.store.load():
            path = Path(stored.path)
            if stored.phase == "creating":  # the server stopped while creating it
                if stored.created_here and path.is_relative_to(self.settings.workspace):
                    shutil.rmtree(path, ignore_errors=True)
                continue
            project = Project(stored.id, stored.name, path, "ready", stored.created_here)
            project.run_target = stored.run_target
            project.workspace = Path(stored.workspace) if stored.workspace else None
            self._projects[project.id] = project
            self._attach(project)
        self._save()
        self._reaper = asyncio.create_task(self._stop_idle_loop())

    async def _stop_idle_loop(self) -> None:
        """Every few seconds, each project stops what nobody uses (`ProjectSession.stop_idle`):
        a quarter of the shortest idle time, so a stop comes at most that late."""
        minutes = (self.settings.worker_idle_minutes, self.settings.dagster_ui_idle_minutes)
        enabled = [m for m in minutes if m > 0]
        if not enabled:
            return
        period = min(30.0, max(0.5, min(enabled) * 60 / 4))
        while True:
            await asyncio.sleep(period)
            now = time.monotonic()
            for project in list(self._projects.values()):
                if project.session is None or project.removing:
                    continue
                try:
                    await project.session.stop_idle(now)
                except Exception:  # the other projects are still looked at
                    log.exception("stopping what %s does not use failed", project.name)

    async def shutdown(self) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reaper
        for project in list(self._projects.values()):
            if project.task is not None:
                project.task.cancel()
                await asyncio.wait({project.task})
            if project.session is not None:
                try:
                    await project.session.close()
                except Exception:  # the other projects still close
                    log.exception("closing %s failed", project.name)

    def _link_uv(self) -> None:
        """uv in the designer's bin folder (`Settings.linked_bin`)."""
        self.settings.linked_bin.mkdir(parents=True, exist_ok=True)
        link = self.settings.linked_bin / "uv"
        target = Path(uv.find_uv_bin())
        if link.is_symlink() and link.resolve() == target.resolve():
            return
        link.unlink(missing_ok=True)
        link.symlink_to(target)

    def _attach(self, project: Project) -> None:
        """Read the project's config and give it a session, or mark it as an error."""
        try:
            config = load_project_config(project.path)
        except NotAProjectError as exc:
            project.status, project.error = "error", str(exc)
            return
        if not config.python.exists():
            project.status = "error"
            project.error = (
                f"The project has no environment ({config.venv}). Run `uv sync` in the project "
                "folder, or remove and open it again to have the designer build it."
            )
            return
        if removed := files.remove_leftover_temporaries(config.root):
            log.warning("removed temporary files of writes cut short: %s", ", ".join(removed))
        project.status, project.error = "ready", None
        project.session = ProjectSession(
            project.id,
            config,
            self.settings,
            self.events,
            stored_target(project.run_target),
            self.ui_pool,
        )

    def _save(self) -> None:
        self.store.save(
            [
                StoredProject(
                    p.id,
                    p.name,
                    str(p.path),
                    p.created_here,
                    "creating" if p.status == "creating" else "ready",
                    p.run_target,
                    str(p.workspace) if p.workspace else None,
                )
                for p in self._projects.values()
                if not p.transient
            ]
        )

    def announce(self, project: Project) -> None:
        self.events.publish({"type": "project", "project": project.public()})

    def report(self, project: Project, line: str) -> None:
        project.progress.append(line)
        self.events.publish({"type": "progress", "project_id": project.id, "line": line})

    # ----------------------------------------------------------------------------------------
    # queries

    def list(self) -> list[Project]:
        return list(self._projects.values())

    def get(self, project_id: str) -> Project:
        """The project; one being removed is already gone."""
        project = self._projects.get(project_id)
        if project is None or project.removing:
            raise ProjectNotFound(project_id)
        return project

    def session(self, project_id: str) -> ProjectSession:
        project = self.get(project_id)
        if project.status != "ready" or project.session is None:
            detail = project.error if project.status == "error" else "is still being created"
            raise ProjectNotReady(f"Project `{project.name}` is not ready: {detail}")
        return project.session

    # ----------------------------------------------------------------------------------------
    # changes

    async def set_run_target(
        self,
        project_id: str,
        remote: dict[str, Any] | None,
        token: str | None,
    ) -> dict[str, Any]:
        """Runs of the project go to the remote `remote` (url, location, deployment), or to
        this machine when None; the target is stored, the token only kept in memory. Answers
        the target."""
        session = self.session(project_id)
        target = None
        if remote is not None:
            location = remote.get("location") or session.config.location_name
            target = remote_target(remote["url"], location, remote.get("deployment"))
        project = self.get(project_id)
        await session.set_run_target(target, token)
        project.run_target = target.stored() if target is not None else None
        self._save()
        return session.run_target()

    async def create(self, name: str, starter_id: str = EMPTY) -> Project:
        """A new project in the workspace from a starter (`empty`: create-dagster's own)."""
        chosen = starter(starter_id)
        workspace = self.settings.workspace
        self.new_name(name)
        taken = set(self._projects)
        project = Project(
            ProjectStore.unique_id(name, taken), name, workspace / name, "creating", True
        )
        self._projects[project.id] = project
        project.task = asyncio.create_task(
            self._build(
                project,
                f"create-dagster project {name} --uv-sync",
                lambda: create_from_starter(
                    project.path,
                    chosen,
                    linked_bin=self.settings.linked_bin,
                    timeout=self.settings.create_timeout,
                    memory_mb=self.settings.worker_memory_mb,
                    on_line=lambda line: self.report(project, line),
                ),
            )
        )
        self.announce(project)
        return project

    def new_name(self, name: str) -> str:
        """`name` if a new project of the workspace can take it; else `InvalidName` says why."""
        validate_project_name(name, self.settings.workspace)
        if any(p.name == name for p in self._projects.values()):
            raise InvalidName(f"A project named `{name}` already exists.")
        return name

    async def open_placed(self, name: str, folder: Path) -> Project:
        """A project folder just put into the workspace (an imported archive) becomes the
        project `name`, its environment built with `uv sync` as a created one's; when that
        fails the folder goes, as a failed creation's does."""
        config = load_project_config(folder)
        project = Project(
            ProjectStore.unique_id(name, set(self._projects)), name, folder, "creating", True
        )
        self._projects[project.id] = project

        async def build() -> None:
            try:
                await sync_environment(
                    config,
                    linked_bin=self.settings.linked_bin,
                    timeout=self.settings.create_timeout,
                    on_line=lambda line: self.report(project, line),
                )
            except BaseException:
                await asyncio.to_thread(shutil.rmtree, folder, True)
                raise

        project.task = asyncio.create_task(self._build(project, "uv sync", build))
        self.announce(project)
        return project

    async def clone(
        self, url: str, branch: str | None, token: str | None, name: str | None
    ) -> Project:
        """A project in the workspace cloned from a git URL, its environment built by uv."""
        url = checked_url(url, token)
        name = self.new_name(name or name_from_url(url))
        project = Project(
            ProjectStore.unique_id(name, set(self._projects)),
            name,
            self.settings.workspace / name,
            "creating",
            True,
        )
        self._projects[project.id] = project
        project.task = asyncio.create_task(
            self._build(
                project,
                f"git clone {url}" + (f" --branch {branch}" if branch else ""),
                lambda: clone_project(
                    url,
                    project.path,
                    branch,
                    token,
                    linked_bin=self.settings.linked_bin,
                    timeout=self.settings.create_timeout,
                    on_line=lambda line: self.report(project, line),
                ),
            )
        )
        self.announce(project)
        return project

    async def _build(
        self, project: Project, command: str, build: Callable[[], Awaitable[Any]]
    ) -> None:
        """Make a project usable (create-dagster, or `uv sync`): whatever happens, it ends
        `ready` or `error` with a message, never left `creating`. A project created here that
        failed leaves no folder (create_project removes it) and is not stored."""
        self.report(project, f"$ {command}")
        try:
            self._save()  # recorded as `creating` first: a crash leaves a folder to clean up
            await build()
            self._attach(project)
        except asyncio.CancelledError:
            if not project.removing:  # removal takes it from here
                self._failed(project, f"`{command}` was stopped before it finished.")
            raise
        except CreationFailed as exc:
            self._failed(project, f"{exc}\n{exc.output}".strip())
        except NotAProjectError as exc:
            self._failed(project, str(exc))
        except Exception as exc:  # a disk error, a missing tool: reported, never left creating
            log.exception("building %s failed", project.name)
            self._failed(project, f"`{command}` failed: {exc}")
        else:
            self._settle(project)

    def _failed(self, project: Project, message: str) -> None:
        project.status, project.error = "error", message
        project.transient = project.created_here  # its folder is gone with the failure
        self._settle(project)

    def _settle(self, project: Project) -> None:
        project.task = None
        try:
            self._save()
        except OSError:  # the project's own state is right; the list follows at the next save
            log.exception("saving the project list failed")
        self.announce(project)

    async def open(self, path: Path) -> tuple[Project, bool]:
        """Open an existing dg project in place; returns (project, newly_opened)."""
        if not path.is_absolute():
            raise NotAProjectError(f"`{path}` is not an absolute path.")
        return self._open(load_project_config(path), None)

    async def open_workspace(
        self, path: Path
    ) -> tuple[WorkspaceConfig, list[tuple[Project, bool]]]:
        """Open every project of a dg workspace in place, each an ordinary project with its own
        environment and worker; one already open is reused. Every project is checked first:
        when one cannot be opened, none is (the message names it and says why)."""
        if not path.is_absolute():
            raise NotAWorkspaceError(f"`{path}` is not an absolute path.")
        workspace = load_workspace_config(path)
        if not workspace.entries:
            raise NotAWorkspaceError(
                f"The workspace {workspace.root} has no projects yet: add one with "
                "`create-dagster project projects/NAME` in it."
            )
        configs = []
        for entry in workspace.entries:
            if entry.root is None:
                raise NotAWorkspaceError(entry.refused)
            try:
                configs.append(load_project_config(entry.root))
            except NotAProjectError as exc:
                raise NotAWorkspaceError(
                    f"The workspace's project `{entry.path}` cannot be opened: {exc}"
                ) from exc
        return workspace, [self._open(config, workspace.root) for config in configs]

    def _open(self, config: ProjectConfig, workspace: Path | None) -> tuple[Project, bool]:
        """The project of `config`, reused when already open (then it joins `workspace` if
        given); a new one is attached, or its environment built first when it has none."""
        for existing in self._projects.values():
            if existing.path.resolve() == config.root:
                if workspace is not None and existing.workspace != workspace:
                    existing.workspace = workspace
                    self._save()
                    self.announce(existing)
                return existing, False
        project = Project(
            ProjectStore.unique_id(config.name, set(self._projects)),
            config.name,
            config.root,
            "ready",
            workspace=workspace,
        )
        self._projects[project.id] = project
        if config.python.exists():
            self._attach(project)
            self._save()
        else:
            project.status = "creating"
            project.task = asyncio.create_task(
                self._build(
                    project,
                    "uv sync",
                    lambda: sync_environment(
                        config,
                        linked_bin=self.settings.linked_bin,
                        timeout=self.settings.create_timeout,
                        on_line=lambda line: self.report(project, line),
                    ),
                )
            )
        self.announce(project)
        return project, True

    async def remove(self, project_id: str, delete_files: bool) -> None:
        project = self.get(project_id)
        inside = project.path.resolve().is_relative_to(self.settings.workspace.resolve())
        if delete_files and not inside:
            raise PermissionError(
                "Only projects inside the workspace can be deleted with their files; "
                f"{project.path} stays on disk."
            )
        project.removing = True
        if project.task is not None:  # a creation stopped half-way removes its own folder
            project.task.cancel()
            await asyncio.wait({project.task})
        if project.session is not None:
            await project.session.close()
        for hook in self.removal_hooks:
            await hook(project_id)
        self._projects.pop(project_id, None)
        self._save()
        if delete_files:
            await asyncio.to_thread(shutil.rmtree, project.path, True)
        self.events.publish({"type": "project_removed", "project_id": project_id})
