"""A project's one long task at a time (adding a package, a deploy): its output lines go to the
project's progress, its state (`running`, then `done` or `failed` with an error) to a record
the caller keeps and the project shows, and it is never left running or unreported."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from .manager import Project, ProjectManager

log = logging.getLogger(__name__)

Work = Callable[[Callable[[str], None]], Awaitable[None]]


class ProjectBusy(RuntimeError):
    """The project runs a task already."""


class TaskFailed(Exception):
    """What a task's work raises to fail with a message (and the tool's last lines)."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


def check_idle(project: Project) -> None:
    """`ProjectBusy` while the project runs a task: called before a new task's record replaces
    the running one's."""
    if project.task is not None and not project.task.done():
        raise ProjectBusy(
            f"The project is busy ({project.busy_with or 'a change'}); try again after."
        )


def start(
    manager: ProjectManager,
    project: Project,
    command: str,
    record: dict[str, Any],
    work: Work,
    *,
    failures: tuple[type[Exception], ...] = (),
    scrub: Callable[[str], str] = lambda line: line,
) -> dict[str, Any]:
    """Run `work(on_line)` as the project's task; `record` (shown by the caller) gets its
    `state` and, on failure, its `error`. `failures` are the exceptions whose message (and
    `output`) is the error as it is; `scrub` is applied to every line and error first."""
    check_idle(project)
    record["state"] = "running"
    record.pop("error", None)
    project.busy_with = command

    def on_line(line: str) -> None:
        manager.report(project, scrub(line))

    on_line(f"$ {command}")

    async def run() -> None:
        state, error = "done", None
        try:
            await work(on_line)
        except (TaskFailed, *failures) as exc:
            state, error = "failed", f"{exc}\n{getattr(exc, 'output', '')}".strip()
        except asyncio.CancelledError:
            state, error = "failed", f"`{command}` was stopped before it finished."
            raise
        except Exception as exc:  # a disk error, a missing tool: reported, never left running
            log.exception("%s failed", scrub(command))
            state, error = "failed", f"`{command}` failed: {exc}"
        finally:
            record["state"] = state
            if error:
                record["error"] = scrub(error)
            project.task = None
            project.busy_with = None
            manager.announce(project)

    project.task = asyncio.create_task(run())
    manager.announce(project)
    return dict(record)
