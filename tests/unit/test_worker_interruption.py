"""The server's signal cuts a worker's check short, and does nothing anywhere else."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from dagster_designer.worker import interruption, protocol


@pytest.fixture
def installed() -> Iterator[None]:
    before = signal.getsignal(protocol.INTERRUPT)
    interruption.install()
    yield
    signal.signal(protocol.INTERRUPT, before)


def _signal_soon() -> threading.Timer:
    timer = threading.Timer(0.2, os.kill, (os.getpid(), protocol.INTERRUPT))
    timer.start()
    return timer


def test_a_check_under_way_stops_at_the_signal(installed: None) -> None:
    deadline = time.monotonic() + 60
    timer = _signal_soon()
    with pytest.raises(interruption.Interrupted), interruption.interruptible():
        while time.monotonic() < deadline:  # a long check, in Python
            pass
    timer.join()
    assert time.monotonic() < deadline


def test_the_signal_outside_a_check_changes_nothing(installed: None) -> None:
    # a load or a wait for the next request goes on (an Interrupted here would fail the test)
    timer = _signal_soon()
    timer.join()
    time.sleep(0.05)  # the handler has run by now, between two bytecodes
    with interruption.interruptible():  # and a later check is not cut by that old signal
        time.sleep(0.05)


def test_an_interruption_is_not_an_exception_that_code_swallows(installed: None) -> None:
    timer = _signal_soon()
    with pytest.raises(interruption.Interrupted), interruption.interruptible():
        try:
            time.sleep(30)
        except Exception:  # what Dagster and the loader do to keep a partial answer
            pytest.fail("the interruption was taken for a failure")
    timer.join()
