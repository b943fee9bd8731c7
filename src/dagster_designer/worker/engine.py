"""The worker's definitions engine: (re)load, describe, and the slower whole-repository check.

An incremental reload answers quickly where it can (`quick_reload`): the repository is then
built on first need, and `confirm` describes it whole once the edits pause."""

from __future__ import annotations

import gc
import time
from typing import Any

from . import dangling, errors, loader, protocol, quick_reload
from .interruption import Interrupted, interruptible
from .live import LiveTree
from .project import ProjectInfo


class Engine:
    def __init__(self, project: ProjectInfo) -> None:
        self.project = project
        self.live = LiveTree(project)
        self.tree: Any = None
        self._repo: Any = None
        self._target: Any = None  # the loaded definitions, kept to build the repository from
        self._unconfirmed = False  # answered by the quick path; not described whole yet
        self._index: quick_reload.Index | None = None
        self._last: dict[str, Any] | None = None

    @property
    def repo(self) -> Any:
        """The repository of the last load, built when first needed after a quick reload
        (raises what building it raises)."""
        if self._repo is None and self._target is not None:
            self._repo = loader.build_repository(self._target)
        return self._repo

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
        result = self._load(quick=not plan.full)
        mode = "full" if plan.full else result.pop("mode", "incremental")
        if result["errors"] and not plan.full:
            # a kept cache must never invent or hide an error: confirm it from scratch
            self._forget_all()
            result = self._load(quick=False)
            mode = "full, confirming an error"
        if plan.full:
            # Dagster's and the project's long-lived objects leave the collector's view: a
            # full collection over them otherwise lands in the middle of a later reload.
            gc.collect()
            gc.freeze()
        self._own_sources(result)
        result["mode"] = mode
        result["reason"] = plan.reason or None
        result["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return result

    def confirm(self) -> dict[str, Any]:
        """After a quick load, the definitions described whole (None after a whole load); the
        jobs are built by `check_jobs`, asked for apart so that an edit can come between.
        `interrupted` when the server cut it short: nothing changed, it is still to be done."""
        if not self._unconfirmed:
            return {"definitions": None, "errors": []}
        started = time.perf_counter()
        before = (self._repo, self._index, self._last)
        try:
            with interruptible():
                definitions = self._describe(self._target)
        except Interrupted:
            self._repo, self._index, self._last = before  # as if it had not started
            return {"definitions": None, "errors": [], "interrupted": True}
        self._unconfirmed = False
        self._own_sources(definitions)
        definitions["mode"] = "confirmed"
        definitions["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
        return {"definitions": definitions, "errors": []}

    def check_jobs(self) -> dict[str, Any]:
        """Build every job, the implicit asset jobs too: how `dg check defs` and the webserver
        find, e.g., two ops of the same name. Slower than a load, so it runs after it."""
        started = time.perf_counter()
        found: list[dict[str, Any]] = []
        try:
            with interruptible():
                if self.repo is not None:
                    try:
                        self.repo.get_all_jobs()
                    except BaseException as exc:
                        if isinstance(exc, (KeyboardInterrupt, Interrupted)):
                            raise
                        found = errors.describe(exc, self.project, self.tree)
        except Interrupted:
            self._repo = None  # Dagster may have kept some jobs half built: built again on need
            return {"errors": [], "interrupted": True}
        return {"errors": found, "duration_ms": round((time.perf_counter() - started) * 1000, 1)}

    def select(self, selection: str) -> dict[str, Any]:
        from .selection import select

        return select(self.repo, selection)

    def _forget_all(self) -> None:
        loader.purge_project_modules(self.project)
        self.live.reset()
        self._repo = self._target = self.tree = None
        self._index = self._last = None
        self._unconfirmed = False

    def _load(self, quick: bool) -> dict[str, Any]:
        self.live.bound.next_build()
        last, self._last = self._last, None
        self._repo = self._target = self.tree = None
        self._unconfirmed = False
        try:
            target, self.tree = loader.load_target(self.project)
        except BaseException as exc:  # user code may raise anything, SystemExit included
            if isinstance(exc, KeyboardInterrupt):
                raise
            self._index = None
            return self._failed(exc)
        self._target = target
        found = None
        if quick and self._index is not None and last is not None:
            try:
                found = quick_reload.describe(self.project, target, self.tree, self._index, last)
            except Exception:  # the quick path may only ever fall back to the whole load
                found = None
        if found is not None:
            result, self._index = found
            self._unconfirmed = True
            self._last = result
            return {**result, "mode": "quick"}
        return self._describe(target)

    def _describe(self, target: Any) -> dict[str, Any]:
        """The whole load's answer for `target`: its repository built and described."""
        try:
            repo = self.repo
            result = loader.describe(self.project, repo, self.tree)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, Interrupted)):
                raise
            self._repo = self._target = self._index = None
            return self._failed(exc)
        result["warnings"] = dangling.warnings(self.project, repo, self.tree, result)
        self._index = quick_reload.index(target, result)
        self._last = result
        return result

    def _own_sources(self, result: dict[str, Any]) -> None:
        """Sources in a state's copy of its files (dbt's models) name the user's own files."""
        if not self.live.copies:
            return
        for kind in ("assets", "asset_checks"):
            for entry in result[kind]:
                if entry.get("source"):
                    entry["source"] = self.live.own_source(entry["source"])

    def _failed(self, exc: BaseException) -> dict[str, Any]:
        return {
            **protocol.EMPTY_DEFINITIONS,
            "errors": errors.describe(exc, self.project, self.tree),
        }
