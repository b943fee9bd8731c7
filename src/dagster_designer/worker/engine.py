"""The worker's definitions engine: (re)load, describe, and the slower whole-repository check."""

from __future__ import annotations

import gc
import time
from typing import Any

from . import dangling, errors, loader, protocol
from .live import LiveTree
from .project import ProjectInfo


class Engine:
    def __init__(self, project: ProjectInfo) -> None:
        self.project = project
        self.live = LiveTree(project)
        self.repo: Any = None
        self.tree: Any = None

    def reload(self, changed: list[str] | None = None) -> dict[str, Any]:
        """Definitions after `changed` files (project paths) changed; None reloads everything."""
        started = time.perf_counter()
        plan = self.live.plan(changed)
        if not plan.full:
            self.live.apply(plan)  # may find it cannot, and turn the plan into a full load
        if plan.full:
            self._forget_all()
        else:
            loader.forget_file_caches()
        result = self._load()
        mode = "full" if plan.full else "incremental"
        if result["errors"] and not plan.full:
            # a kept cache must never invent or hide an error: confirm it from scratch
            self._forget_all()
            result = self._load()
            mode = "full, confirming an error"
        if plan.full:
            # Dagster's and the project's long-lived objects leave the collector's view: a
            # full collection over them otherwise lands in the middle of a later reload.
            gc.collect()
            gc.freeze()
        result["mode"] = mode
        result["reason"] = plan.reason or None
        result["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return result

    def check_jobs(self) -> dict[str, Any]:
        """Build every job, the implicit asset jobs too: how `dg check defs` and the webserver
        find, e.g., two ops of the same name. Slower than a load, so it runs after it."""
        started = time.perf_counter()
        found: list[dict[str, Any]] = []
        if self.repo is not None:
            try:
                self.repo.get_all_jobs()
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                found = errors.describe(exc, self.project, self.tree)
        return {"errors": found, "duration_ms": round((time.perf_counter() - started) * 1000, 1)}

    def select(self, selection: str) -> dict[str, Any]:
        from .selection import select

        return select(self.repo, selection)

    def _forget_all(self) -> None:
        loader.purge_project_modules(self.project)
        self.live.reset()
        self.repo = None
        self.tree = None

    def _load(self) -> dict[str, Any]:
        self.live.bound.next_build()
        self.repo = self.tree = None
        try:
            target, self.tree = loader.load_target(self.project)
            self.repo = loader.build_repository(target)
            result = loader.describe(self.project, self.repo, self.tree)
        except BaseException as exc:  # user code may raise anything, SystemExit included
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.repo = None
            return {
                **protocol.EMPTY_DEFINITIONS,
                "errors": errors.describe(exc, self.project, self.tree),
            }
        result["warnings"] = dangling.warnings(self.project, self.repo, self.tree, result)
        return result
