"""Filesystem events for an open project: they only say "look again", the snapshot says what.

Each folder of the project is watched on its own, without recursion, and the folders are those
the confinement rule walks: environments and caches are left out, and a link is never followed.
So no watch reaches out of the project through a link; a link is an entry of its folder, and one
that leads inside the project has its target watched at its real place. A folder created or
deleted regroups the watch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from ..project_files.paths import nameable, walk
from ..worker import protocol

log = logging.getLogger(__name__)

# How long events are gathered before one "look again": short, the snapshot does the rest.
DEBOUNCE_MS = 20
STEP_MS = 10


def _relevant(_change: Change, path: str) -> bool:
    """Only the entry's own name counts: the watched folders are already those the walk keeps,
    and the folders above the project may have any name (a project under `logs/` is watched)."""
    return not protocol.inert_file(Path(path).name)


def _folders_of(root: Path) -> frozenset[str]:
    """The project folder and every folder in it to watch."""
    inside = (
        entry.path for _rel, entry in walk(root, _skipped) if entry.is_dir(follow_symlinks=False)
    )
    return frozenset((str(root), *inside))


def _skipped(name: str) -> bool:
    """Ignored folders, and those whose name is not text: no watch can be given their path, and
    Dagster imports nothing from them."""
    return protocol.inert_dir(name) or not nameable(name)


def _real_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


class ProjectWatcher:
    def __init__(self, root: Path, on_change: Callable[[], Awaitable[None]]) -> None:
        self.root = root
        self.on_change = on_change
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    async def _watch(self) -> None:
        first = True
        while not self._stop.is_set():
            try:
                folders = await asyncio.to_thread(_folders_of, self.root)
                regroup = asyncio.Event()
                if not first:
                    # what changed while no watch was in place: the refresh this asks for scans
                    # only once this task yields, which it does with the new watches registered
                    await self.on_change()
                first = False
                async for changes in awatch(
                    *sorted(folders),
                    watch_filter=_relevant,
                    debounce=DEBOUNCE_MS,
                    step=STEP_MS,
                    recursive=False,
                    ignore_permission_denied=True,
                    stop_event=_Either(self._stop, regroup),
                ):
                    if _folders_changed(changes, folders):
                        regroup.set()
                    await self.on_change()
            except Exception as exc:
                # A watcher that ended here would leave the project without updates for as long
                # as the server runs: whatever failed, it watches again (and looks again then).
                first = False
                if _notifier_hiccup(exc):
                    log.debug("watcher of %s regroups: %s", self.root, exc)
                    await asyncio.sleep(0.2)
                else:
                    log.exception("watching %s failed; watching again", self.root)
                    await asyncio.sleep(1.0)


def _notifier_hiccup(exc: Exception) -> bool:
    """A folder that vanished before it was watched, or a name the notifier cannot decode (not
    UTF-8): raised in the notifier's thread, so inside an exception group."""
    found = exc.exceptions if isinstance(exc, ExceptionGroup) else (exc,)
    return all(isinstance(one, (OSError, RuntimeError)) for one in found)


def _folders_changed(changes: set[tuple[Change, str]], folders: frozenset[str]) -> bool:
    """Whether a watched folder went or a folder to watch came."""
    return any(
        (change == Change.deleted and path in folders)
        or (change == Change.added and path not in folders and _real_folder(path))
        for change, path in changes
    )


class _Either:
    """Set when either of two events is: a `stop_event` for watchfiles."""

    def __init__(self, first: asyncio.Event, second: asyncio.Event) -> None:
        self.first, self.second = first, second

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()

    def set(self) -> None:
        """What watchfiles calls when its task is cancelled, to end its thread."""
        self.first.set()
