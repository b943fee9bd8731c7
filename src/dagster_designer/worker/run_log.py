"""A run's event log as the designer serves it: Dagster's events, with what the steps wrote to
stdout and stderr between them as it was written, each under a cursor of its own, so that a
reader going on from a cursor never sees a line twice nor misses one.

Dagster keeps the events in the instance and the steps' output in compute log files that grow
while the run goes; how the two interleave is a fact of when they were read, so it is recorded:
a run's first read starts its journal (in the instance folder, `designer/runs/`), each later
read adds the events after the last one journaled and the output after the last offset read of
each file: whole lines only while the run goes, and what a step wrote before it ended goes
before the event that ends it. A run first read after it ended gets its output at once, before
the event that ended the run.

Dagster's in-process executor captures the whole run process's output in one pair of files. The
run process (`run_process.py`) notes where each step's output starts and ends in them (`marks`),
so each line is told as its step's however late it is read.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from . import metadata, run_history

STEP_ENDS = {"STEP_SUCCESS", "STEP_FAILURE", "STEP_UP_FOR_RETRY", "STEP_SKIPPED"}
RUN_ENDS = {"RUN_SUCCESS", "RUN_FAILURE", "RUN_CANCELED"}
STREAMS = (("stdout", "STDOUT", "INFO"), ("stderr", "STDERR", "WARNING"))
PAGE = 1000
KEPT = 32  # journals kept in memory
# At most this much of each captured file is sent; a note says when there was more.
MAX_OUTPUT = 1024 * 1024


@dataclass
class Capture:
    file_key: str
    steps: list[str]
    offsets: dict[str, int] = field(default_factory=dict)  # stream -> bytes journaled


@dataclass
class State:
    count: int = 0  # events journaled
    storage_id: int | None = None  # of the last Dagster event journaled
    captures: list[Capture] = field(default_factory=list)
    done: bool = False  # the run ended and all of it is journaled


class Journal:
    def __init__(self, run_id: str, folder: Path) -> None:
        self.run_id = run_id
        self._events_path = folder / f"{run_id}.jsonl"
        self._state_path = folder / f"{run_id}.state.json"
        self.events: list[dict[str, Any]] = []
        self.state = State()
        if self._state_path.exists():
            raw = json.loads(self._state_path.read_text())
            raw["captures"] = [Capture(**c) for c in raw["captures"]]
            state = State(**raw)
            with self._events_path.open(encoding="utf-8") as lines:
                events = [json.loads(line) for line in islice(lines, state.count)]
            if len(events) == state.count:  # else a journal cut short: it is read anew
                self.events, self.state = events, state
            # lines past the state's count were written by a read that did not finish
            self._write(self.events, "w")

    def add(self, events: list[dict[str, Any]]) -> None:
        """Journal `events` (they get their cursors here), then the state that covers them."""
        for event in events:
            event["cursor"] = len(self.events) + 1
            self.events.append(event)
        self.state.count = len(self.events)
        self._write(events, "a")
        temporary = self._state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self.state)))
        temporary.replace(self._state_path)

    def _write(self, events: list[dict[str, Any]], mode: str) -> None:
        self._events_path.parent.mkdir(parents=True, exist_ok=True)
        with self._events_path.open(mode, encoding="utf-8") as out:
            out.writelines(json.dumps(e) + "\n" for e in events)


def _folder() -> Path:
    return Path(run_history.instance().root_directory) / "designer" / "runs"


class StepMarks:
    """Written by the run process while it executes: at each step's start and end, how far the
    files capturing its stdout and stderr (its fds 1 and 2 while Dagster captures) have come."""

    def __init__(self, run_id: str) -> None:
        self._path = _folder() / f"{run_id}.marks.jsonl"
        self._path.parent.mkdir(parents=True, exist_ok=True)

    def note(self, event: Any) -> None:
        kind = event.event_type.name
        if kind != "STEP_START" and kind not in STEP_ENDS:
            return
        sys.stdout.flush()
        sys.stderr.flush()
        mark = {
            "step": event.step_key if kind == "STEP_START" else None,
            "stdout": os.fstat(1).st_size,
            "stderr": os.fstat(2).st_size,
        }
        with self._path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(mark) + "\n")


def _marks(run_id: str, stream: str) -> list[tuple[int, str | None]]:
    """(offset, step from there on: None between steps), in the order they were written."""
    path = _folder() / f"{run_id}.marks.jsonl"
    if not path.exists():
        return []
    marks = [json.loads(line) for line in path.read_text().splitlines() if line.endswith("}")]
    return [(m[stream], m["step"]) for m in marks]


_journals: OrderedDict[str, Journal] = OrderedDict()


def run_events(run_id: str, after: int | None = None, limit: int = PAGE) -> dict[str, Any]:
    """The run's events after the cursor `after`, steps' output included."""
    journal = _journal(run_id)
    _extend(journal)
    start = after or 0
    page = journal.events[start : start + limit]
    cursor = page[-1]["cursor"] if page else after
    done = journal.state.done and start + len(page) >= len(journal.events)
    return {"events": page, "cursor": cursor, "done": done}


def _journal(run_id: str) -> Journal:
    journal = _journals.pop(run_id, None)
    if journal is None:
        journal = Journal(run_id, _folder())
    _journals[run_id] = journal
    while len(_journals) > KEPT:
        _journals.popitem(last=False)
    return journal


def _extend(journal: Journal) -> None:
    from dagster._core.storage.event_log.base import EventLogCursor

    state = journal.state
    if state.done:
        return
    instance = run_history.instance()
    run = instance.get_run_by_id(journal.run_id)
    # looked at before reading: if the run had ended, what is read now is all there is
    ended = run is None or run.status.value not in run_history.LIVE_STATUSES
    added: list[dict[str, Any]] = []
    while True:
        cursor = (
            EventLogCursor.from_storage_id(state.storage_id).to_string()
            if state.storage_id is not None
            else None
        )
        connection = instance.get_records_for_run(journal.run_id, cursor=cursor, limit=PAGE)
        for record in connection.records:
            entry = record.event_log_entry
            kind = entry.dagster_event.event_type.name if entry.dagster_event else None
            if kind in RUN_ENDS or (kind in STEP_ENDS and not ended):
                added += _output(journal, entry.timestamp, whole=kind in RUN_ENDS)
            _follow(state, kind, entry)
            added.append(_event(entry))
            state.storage_id = record.storage_id
        if not connection.has_more:
            break
    added += _output(journal, time.time(), whole=ended)
    state.done = ended
    if added or ended:
        journal.add(added)


def _follow(state: State, kind: str | None, entry: Any) -> None:
    """Keep the files the run's output is captured in."""
    if kind == "LOGS_CAPTURED":
        data = entry.dagster_event.event_specific_data
        state.captures.append(Capture(data.file_key, list(data.step_keys or [])))


def _output(journal: Journal, timestamp: float, whole: bool) -> list[dict[str, Any]]:
    """What the captures' files gained since last read: whole lines, or everything if `whole`
    (the run has ended); one event per step the text was written in."""
    from dagster._core.storage.compute_log_manager import ComputeIOType

    manager = run_history.instance().compute_log_manager
    events = []
    for capture in journal.state.captures:
        log_key = manager.build_log_key_for_run(journal.run_id, capture.file_key)
        for stream, event_type, level in STREAMS:
            read = capture.offsets.get(stream, 0)
            if read >= MAX_OUTPUT:
                continue
            io_type = ComputeIOType.STDOUT if stream == "stdout" else ComputeIOType.STDERR
            data, _ = manager.get_log_data_for_type(
                log_key, io_type, offset=read, max_bytes=MAX_OUTPUT - read
            )
            data = data or b""
            if not whole:
                data = data[: data.rfind(b"\n") + 1]
            if not data:
                continue
            capture.offsets[stream] = read + len(data)
            if len(capture.steps) == 1:  # a step's own capture (a process per step)
                pieces = [(capture.steps[0], data)]
            else:
                pieces = _by_step(data, read, _marks(journal.run_id, stream))
            for step, piece in pieces:
                text = piece.decode(errors="replace")
                events.append(
                    {
                        "timestamp": timestamp,
                        "level": level,
                        "event_type": event_type,
                        "step_key": step,
                        "asset_key": None,
                        "message": text,
                        "metadata": None,
                    }
                )
            if capture.offsets[stream] >= MAX_OUTPUT:
                events[-1]["message"] += f"\n[{stream} goes on past {MAX_OUTPUT // 1024} KB]\n"
    return events


def _by_step(
    data: bytes, start: int, marks: list[tuple[int, str | None]]
) -> list[tuple[str | None, bytes]]:
    """`data`, read from offset `start` of a capture, cut where the marks say a step started or
    ended; each piece with its step."""
    pieces: list[tuple[str | None, bytes]] = []
    step: str | None = None
    cut = 0
    for offset, next_step in marks:
        at = offset - start
        if at <= cut:
            step = next_step  # the piece that follows is this step's
            continue
        if at >= len(data):
            break
        if data[cut:at].strip():
            pieces.append((step, data[cut:at]))
        cut, step = at, next_step
    if data[cut:].strip():
        pieces.append((step, data[cut:]))
    return pieces


def _event(entry: Any) -> dict[str, Any]:
    event = entry.dagster_event
    name = event.event_type.name if event is not None else "LOG"
    asset_key = getattr(event, "asset_key", None) if event is not None else None
    if event is not None and asset_key is None and name == "ASSET_CHECK_EVALUATION":
        asset_key = event.asset_check_evaluation_data.asset_key
    message = entry.message if event is not None else entry.user_message
    if name == "STEP_FAILURE":
        error = getattr(event.event_specific_data, "error", None)
        message = error.to_string() if error is not None else message
    return {
        "timestamp": entry.timestamp,
        "level": logging.getLevelName(entry.level),
        "event_type": name,
        "step_key": entry.step_key,
        "asset_key": asset_key.to_user_string() if asset_key is not None else None,
        "message": message or "",
        "metadata": metadata_of(event),
    }


def metadata_of(event: Any) -> list[dict[str, str]] | None:
    """What Dagster recorded with a materialization, an observation or a check's evaluation."""
    if event is None:
        return None
    data = event.event_specific_data
    source = (
        getattr(data, "materialization", None)
        or getattr(data, "asset_observation", None)
        or (data if event.event_type.name == "ASSET_CHECK_EVALUATION" else None)
    )
    return metadata.recorded(source.metadata) if source is not None else None
