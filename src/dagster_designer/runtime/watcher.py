"""Filesystem events for an open project: they only say "look again", the snapshot says what.

The project's environment folder can hold thousands of directories, so it is never watched:
the root itself is watched without recursion (new top-level entries, pyproject.toml, uv.lock),
and every other top-level folder recursively. A new top-level folder restarts the recursive
watch so that it is included.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from .snapshot import ignored_dir, ignored_file

log = logging.getLogger(__name__)

# How long events are gathered before one "look again": short, the snapshot does the rest.
DEBOUNCE_MS = 20
STEP_MS = 10


def _relevant(_change: Change, path: str) -> bool:
    parts = Path(path).parts
    return not ignored_file(parts[-1]) and not any(ignored_dir(p) for p in parts[:-1])


class ProjectWatcher:
    def __init__(self, root: Path, on_change: Callable[[], Awaitable[None]]) -> None:
        self.root = root
        self.on_change = on_change
        self._stop = asyncio.Event()
        self._regroup = asyncio.Event()  # the set of top-level folders changed
        self._folders: list[Path] = []
        self._tasks: list[asyncio.Task[None]] = []

    def _top_level_folders(self) -> list[Path]:
        try:
            return sorted(p for p in self.root.iterdir() if p.is_dir() and not ignored_dir(p.name))
        except OSError:
            return []

    async def start(self) -> None:
        self._folders = self._top_level_folders()
        self._tasks = [
            asyncio.create_task(self._watch_root()),
            asyncio.create_task(self._watch_folders()),
        ]

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _watch_root(self) -> None:
        async for _changes in awatch(
            self.root,
            watch_filter=_relevant,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            recursive=False,
            stop_event=self._stop,
        ):
            if self._top_level_folders() != self._folders:
                self._regroup.set()
            await self.on_change()

    async def _watch_folders(self) -> None:
        while not self._stop.is_set():
            self._regroup.clear()
            self._folders = self._top_level_folders()
            if not self._folders:
                await _wait_either(self._stop, self._regroup)
                continue
            try:
                async for _changes in awatch(
                    *self._folders,
                    watch_filter=_relevant,
                    debounce=DEBOUNCE_MS,
                    step=STEP_MS,
                    stop_event=_Either(self._stop, self._regroup),
                ):
                    await self.on_change()
            except (OSError, RuntimeError) as exc:  # a watched folder vanished
                log.debug("watcher of %s regroups: %s", self.root, exc)
                await asyncio.sleep(0.2)


class _Either:
    """Set when either of two events is: a `stop_event` for watchfiles."""

    def __init__(self, first: asyncio.Event, second: asyncio.Event) -> None:
        self.first, self.second = first, second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


async def _wait_either(first: asyncio.Event, second: asyncio.Event) -> None:
    waiters = [asyncio.create_task(first.wait()), asyncio.create_task(second.wait())]
    _done, pending = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for waiter in pending:
        waiter.cancel()
