"""A whole-repository check that the server may cut short: an edit waiting behind it matters
more, and the check runs again once the edits pause.

The server sends `protocol.INTERRUPT`. Inside `interruptible()` the handler raises `Interrupted`
at the next bytecode; anywhere else (a load, a run, a wait for the next request) it does
nothing.
`Interrupted` is a BaseException: the `except Exception` of Dagster's code and ours, which
turn a failure into a partial answer, let it through, so an interrupted check gives no answer
rather than a wrong one."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from .protocol import INTERRUPT


class Interrupted(BaseException):
    pass


_active = False


def _handle(_signum: int, _frame: FrameType | None) -> None:
    if _active:
        raise Interrupted()


def install() -> None:
    signal.signal(INTERRUPT, _handle)


@contextmanager
def interruptible() -> Iterator[None]:
    """Runs the block so that the server's signal ends it with `Interrupted`; the caller
    catches it around the `with` (it may come as the block ends, too)."""
    global _active
    _active = True
    try:
        yield
    finally:
        _active = False
