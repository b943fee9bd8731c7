"""Live definitions: changes to the files, from anywhere, are pushed without being asked for."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import py_compile
import random
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from dagster_designer.worker.definitions_delta import apply
from tests.support import Designer, dg_list_defs, project_copy, written

PUSH_TIMEOUT = 30.0
ASSET = "import dagster as dg\n\n\n@dg.asset\ndef {name}() -> None: ...\n"


class LiveReader:
    """The live socket read as the UI reads it: a delta is applied to the definitions the
    reader has, so every message it returns carries them whole; `raw` is the last message as
    sent."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.definitions: dict | None = None
        self.version: int | None = None
        self.raw: dict = {}

    def recv(self, timeout: float) -> dict:
        raw = json.loads(self.ws.recv(timeout=timeout))
        self.raw = raw
        if raw["type"] == "definitions_delta":
            assert raw["base"] == self.version, f"a delta from {raw['base']} to {self.version}"
            assert self.definitions is not None
            definitions = apply(self.definitions, raw["delta"])
        else:
            definitions = raw["definitions"]
        self.definitions, self.version = definitions, raw["version"]
        return {**raw, "definitions": definitions}


@contextmanager
def live(designer: Designer, project: dict, **options: Any) -> Iterator[LiveReader]:
    url = f"ws://127.0.0.1:{designer.port}/api/v1/projects/{project['id']}/live"
    headers = {"Authorization": f"Bearer {designer.token}"}
    with connect(url, additional_headers=headers, **options) as ws:
        reader = LiveReader(ws)
        first = reader.recv(timeout=PUSH_TIMEOUT)
        assert first["type"] == "definitions"
        yield reader


def wait_for(ws: LiveReader, predicate: Callable[[dict], bool]) -> dict:
    deadline = time.monotonic() + PUSH_TIMEOUT
    while time.monotonic() < deadline:
        message = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
        if predicate(message["definitions"]):
            return message
    raise AssertionError("no push matched in time")


def keys(definitions: dict) -> set[str]:
    return {a["key"] for a in definitions["assets"]}


def test_a_new_file_is_pushed_without_asking(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    path = defs_root / "live_new.py"
    with live(designer, project) as ws:
        started = time.monotonic()
        path.write_text(ASSET.format(name="live_new"))
        try:
            message = wait_for(ws, lambda d: "live_new" in keys(d))
            assert time.monotonic() - started < 5
            assert any(p.endswith("defs/live_new.py") for p in message["changed"])
            asset = next(a for a in message["definitions"]["assets"] if a["key"] == "live_new")
            assert asset["defs_path"] == "live_new.py"
        finally:
            path.unlink()
        wait_for(ws, lambda d: "live_new" not in keys(d))


def test_edits_renames_and_deletes_from_another_editor(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    folder = defs_root / "live_comp"
    with live(designer, project) as ws:
        folder.mkdir()
        (folder / "live_comp.py").write_text("")
        component = (
            "type: dagster.PythonScriptComponent\nattributes:\n"
            "  execution: {{path: live_comp.py}}\n  assets: [{{key: {key}}}]\n"
        )
        (folder / "defs.yaml").write_text(component.format(key="live_first"))
        wait_for(ws, lambda d: "live_first" in keys(d))
        (folder / "defs.yaml").write_text(component.format(key="live_second"))
        message = wait_for(ws, lambda d: "live_second" in keys(d))
        assert "live_first" not in keys(message["definitions"])
        folder.rename(defs_root / "live_moved")
        message = wait_for(
            ws,
            lambda d: any(
                a["key"] == "live_second" and a["defs_path"] == "live_moved" for a in d["assets"]
            ),
        )
        shutil.rmtree(defs_root / "live_moved")
        wait_for(ws, lambda d: "live_second" not in keys(d))


def test_an_edit_of_the_same_size_within_the_same_second_is_seen(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    """Python's bytecode cache trusts a file's size and whole-second mtime: an edit that keeps
    both (a rename to a name of the same length, quickly) must still be read from the source,
    whoever wrote the cache (the worker, or `dg` run in a terminal)."""
    path = defs_root / "same_size.py"
    second = 1_700_000_000 * 10**9
    with live(designer, project) as ws:
        try:
            path.write_text(ASSET.format(name="same_size_a"))
            os.utime(path, ns=(second, second + 100_000_000))
            py_compile.compile(str(path), doraise=True)
            wait_for(ws, lambda d: "same_size_a" in keys(d))
            path.write_text(ASSET.format(name="same_size_b"))
            os.utime(path, ns=(second, second + 200_000_000))
            message = wait_for(ws, lambda d: "same_size_a" not in keys(d))
            assert "same_size_b" in keys(message["definitions"])
        finally:
            path.unlink(missing_ok=True)
            Path(importlib.util.cache_from_source(str(path))).unlink(missing_ok=True)
        wait_for(ws, lambda d: "same_size_b" not in keys(d))


def test_errors_arrive_with_file_and_line_and_leave_with_the_fix(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    path = defs_root / "live_broken.py"
    with live(designer, project) as ws:
        path.write_text("import dagster as dg\n\n\ndef oops(:\n    pass\n")
        try:
            message = wait_for(ws, lambda d: bool(d["errors"]))
            error = message["definitions"]["errors"][0]
            assert error["file"].endswith("defs/live_broken.py") and error["line"] == 4
            path.write_text(ASSET.format(name="live_fixed"))
            message = wait_for(ws, lambda d: "live_fixed" in keys(d))
            assert message["definitions"]["errors"] == []
        finally:
            path.unlink()
        wait_for(ws, lambda d: "live_fixed" not in keys(d))


def test_many_files_at_once_as_after_a_checkout(
    designer: Designer, project: dict, defs_root: Path, api: httpx.Client
) -> None:
    folder = defs_root / "checkout"
    names = [f"checkout_{i}" for i in range(6)]
    with live(designer, project) as ws:
        folder.mkdir()
        for name in names:
            (folder / f"{name}.py").write_text(ASSET.format(name=name))
        wait_for(ws, lambda d: set(names) <= keys(d))
        shutil.rmtree(folder)
        wait_for(ws, lambda d: not set(names) & keys(d))
    assert not set(names) & keys(api.get(f"/projects/{project['id']}/definitions").json())


def test_incremental_results_equal_dg_list_defs(
    api: httpx.Client, project: dict, project_root: Path, defs_root: Path
) -> None:
    files = {
        defs_root / "fidelity" / "upstream.py": ASSET.format(name="fid_up"),
        defs_root / "fidelity" / "downstream.py": (
            "import dagster as dg\n\n\n@dg.asset(deps=['fid_up'], group_name='fid')\n"
            "def fid_down() -> None: ...\n"
        ),
    }
    (defs_root / "fidelity").mkdir()
    try:
        for path, text in files.items():
            path.write_text(text)
            api.get(f"/projects/{project['id']}/definitions")  # one incremental step each
        downstream = defs_root / "fidelity" / "downstream.py"
        downstream.write_text(downstream.read_text().replace("group_name='fid'", "group_name='g2'"))
        ours = api.get(f"/projects/{project['id']}/definitions").json()
        reference = dg_list_defs(project_root)
    finally:
        shutil.rmtree(defs_root / "fidelity")
    assert ours["errors"] == []
    assert {
        (a["key"], tuple(a["deps"]), a["group"], tuple(a["kinds"])) for a in ours["assets"]
    } == {
        (
            a["asset_key"],
            tuple(a.get("dependency_keys", [])),
            a.get("group_name"),
            tuple(a.get("kinds", [])),
        )
        for a in reference["assets"]
    }
    assert {c["key"] for c in ours["asset_checks"]} == {c["key"] for c in reference["asset_checks"]}


@pytest.mark.parametrize(
    "source",
    [
        "chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))\n",
        "data = bytearray(64 * 1024 * 1024 * 1024)\n",
    ],
)
def test_unbounded_allocation_is_stopped_and_reported(
    api: httpx.Client, project: dict, defs_root: Path, source: str
) -> None:
    path = defs_root / "hungry.py"
    path.write_text(source)
    try:
        errors = api.get(f"/projects/{project['id']}/definitions").json()["errors"]
    finally:
        path.unlink()
    assert errors[0]["kind"] == "memory", errors
    if errors[0]["kind"] == "memory":
        assert errors[0]["file"].endswith("defs/hungry.py")
    assert api.get(f"/projects/{project['id']}/definitions").json()["errors"] == []


def _watched(pid: int) -> set[tuple[int, int, int]]:
    """(major, minor, inode) of every folder the process watches with inotify."""
    found = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") != "anon_inode:inotify":
                continue
            info = Path(f"/proc/{pid}/fdinfo/{fd}").read_text()
        except OSError:
            continue  # closed meanwhile
        for line in info.splitlines():
            if line.startswith("inotify "):
                fields = dict(field.split(":", 1) for field in line.split()[1:])
                device, inode = int(fields["sdev"], 16), int(fields["ino"], 16)
                found.add((device >> 20, device & 0xFFFFF, inode))  # the kernel's dev_t
    return found


def _identity(path: Path) -> tuple[int, int, int]:
    info = path.stat()
    return os.major(info.st_dev), os.minor(info.st_dev), info.st_ino


def test_the_watcher_never_watches_through_a_link(
    designer: Designer, project: dict, project_root: Path, defs_root: Path
) -> None:
    """Links to a big folder outside, at the top and in the defs folder: nothing there is
    watched, even after the watcher regroups for a new folder, and a change there loads nothing."""
    big = project_root.parent / "outside_big"
    for i in range(40):
        (big / f"part_{i}" / "inner").mkdir(parents=True)
    (big / "part_0" / "outside.py").write_text(ASSET.format(name="outside_asset"))
    outside = {_identity(big), *(_identity(p) for p in big.rglob("*") if p.is_dir())}
    links = [project_root / "big_link", defs_root / "big_nested_link"]
    links[0].symlink_to(big)
    links[1].symlink_to(big / "part_0")
    probe = project_root / "zz_watch_probe" / "inner"
    inside = defs_root / "live_after_outside.py"
    try:
        with live(designer, project) as ws:
            probe.mkdir(parents=True)  # a new folder: the watcher takes it in
            deadline = time.monotonic() + PUSH_TIMEOUT
            while _identity(probe) not in _watched(designer.process.pid):
                assert time.monotonic() < deadline, "the new folder was never watched"
                time.sleep(0.1)
            watched = _watched(designer.process.pid)
            assert _identity(defs_root) in watched
            assert not watched & outside, f"{len(watched & outside)} folders outside watched"
            (big / "part_0" / "outside.py").write_text(ASSET.format(name="outside_changed"))
            inside.write_text(ASSET.format(name="live_after_outside"))
            message = wait_for(ws, lambda d: "live_after_outside" in keys(d))
            assert [p for p in message["changed"] if "outside_big" in p] == []
    finally:
        inside.unlink(missing_ok=True)
        for link in links:
            link.unlink()
        shutil.rmtree(probe.parent)
        shutil.rmtree(big)


def test_live_channel_needs_the_token(designer: Designer, project: dict) -> None:
    url = f"ws://127.0.0.1:{designer.port}/api/v1/projects/{project['id']}/live"
    with pytest.raises(Exception, match="403"), connect(url):
        pass


def _closed_with(ws: ClientConnection, timeout: float = PUSH_TIMEOUT) -> int | None:
    """Read until the server closes the socket; its close code."""
    deadline = time.monotonic() + timeout
    with pytest.raises(ConnectionClosed):
        while time.monotonic() < deadline:
            ws.recv(timeout=max(0.1, deadline - time.monotonic()))
    return ws.close_code


def test_the_live_channel_of_an_unknown_project_closes_with_4404(designer: Designer) -> None:
    url = f"ws://127.0.0.1:{designer.port}/api/v1/projects/no_such_project/live"
    # accepted first: a browser sees the code of a close, never that of a refused handshake
    with connect(url, additional_headers={"Authorization": f"Bearer {designer.token}"}) as ws:
        assert _closed_with(ws) == 4404
        assert "no_such_project" in (ws.close_reason or "")


def test_the_live_channel_of_a_removed_project_closes_with_4404(
    designer: Designer, api: httpx.Client, project_root: Path, tmp_path: Path
) -> None:
    copy = project_copy(project_root, tmp_path / "live_copy")
    opened = api.post("/projects", json={"path": str(copy)}).json()
    with live(designer, opened) as ws:
        assert api.delete(f"/projects/{opened['id']}").status_code == 204
        assert _closed_with(ws.ws) == 4404
    url = f"ws://127.0.0.1:{designer.port}/api/v1/projects/{opened['id']}/live"
    with connect(url, additional_headers={"Authorization": f"Bearer {designer.token}"}) as ws:
        assert _closed_with(ws) == 4404


def big_assets(edit: int) -> str:
    """Eight assets of 1 MB of description each, all different at each edit."""
    return "import dagster as dg\n\n\n" + "".join(
        f"@dg.asset(description='{letter}' * (1024 * 1024) + '{edit}')\n"
        f"def big_{letter}() -> None: ...\n\n\n"
        for letter in "abcdefgh"
    )


def test_a_slow_reader_gets_the_newest_definitions_not_a_backlog(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    """A client that stops reading while the project changes many times gets, once it reads
    again, what was already on its way and then the newest definitions whole (it missed the
    versions between): no queue of old ones. Each change is 8 MB, more than the socket buffers
    hold, so the server sees the stall. Before the newest, at most five are on their way: two
    in the client library's queue (it pauses reading once it holds more than `max_queue`), the
    tail of one and the head of the next in the server's transport and the kernel's buffers
    (uvicorn writes a message whole once the buffer drained below its low-water mark), and the
    one its blocked send holds."""
    edited = defs_root / "live_slow.py"
    with written(
        defs_root, {"live_big.py": big_assets(0), "live_slow.py": ASSET.format(name="slow_0")}
    ):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        sock.connect(("127.0.0.1", designer.port))
        with live(
            designer,
            project,
            sock=sock,
            compression=None,
            max_size=None,
            max_queue=1,
            ping_interval=None,
        ) as ws:

            def receive() -> dict:
                return ws.recv(timeout=PUSH_TIMEOUT * 4)

            message = ws.raw
            while "slow_0" not in keys(message["definitions"]):
                message = receive()
            before = message["version"]
            # the client reads nothing while the file changes again and again
            edits = 12
            for n in range(1, edits + 1):
                (defs_root / "live_big.py").write_text(big_assets(n))
                edited.write_text(ASSET.format(name=f"slow_{n}"))
                time.sleep(0.7)
            received = []
            while not received or f"slow_{edits}" not in keys(received[-1]["definitions"]):
                received.append(receive())
            versions = [m["version"] for m in received]
            published = versions[-1] - before
            assert published >= 8, f"only {published} versions while the client stalled"
            assert len(received) <= 6, versions
            assert versions == sorted(versions)
            assert versions[-1] - versions[-2] > 1, f"the newest came after a backlog: {versions}"
            assert received[-1]["type"] == "definitions", "a version was missed: it comes whole"
            # and nothing older follows the newest
            with contextlib.suppress(TimeoutError):
                while True:
                    later = receive()
                    assert later["version"] > versions[-1]


def _caught_up(designer: Designer, project: dict, reader: LiveReader) -> dict:
    """The definitions a new listener is sent whole, once `reader` has that same version."""
    deadline = time.monotonic() + PUSH_TIMEOUT * 4
    while True:
        with live(designer, project) as fresh:
            whole = fresh.raw
        while reader.version is not None and reader.version < whole["version"]:
            reader.recv(timeout=max(0.1, deadline - time.monotonic()))
        if reader.version == whole["version"]:
            return whole["definitions"]
        assert time.monotonic() < deadline, "the reader never settled on a version"


def _sequence_edit(folder: Path, rng: random.Random, n: int) -> None:
    files = sorted(folder.glob("*.py"))
    choice = rng.randrange(6)
    if choice == 0 or not files:
        body = ASSET.format(name=f"seq_{n}")
        if rng.random() < 0.5:  # with a check on it
            body += (
                f"\n\n@dg.asset_check(asset='seq_{n}')\ndef seq_{n}_ok() -> dg.AssetCheckResult:\n"
            )
            body += "    return dg.AssetCheckResult(passed=True)\n"
        (folder / f"seq_{n}.py").write_text(body)
    elif choice == 1:
        rng.choice(files).unlink()
    elif choice == 2:  # a changed description and group
        path = rng.choice(files)
        name = path.stem
        path.write_text(
            f"import dagster as dg\n\n\n@dg.asset(group_name='g{n % 3}', description='v{n}')\n"
            f"def {name}() -> None: ...\n"
        )
    elif choice == 3:  # a job over what is there
        (folder / "seq_jobs.py").write_text(
            "import dagster as dg\n\n"
            f"seq_job = dg.define_asset_job('seq_job_{n % 4}', selection='key:seq_*')\n"
        )
    elif choice == 4:  # a broken file, fixed by a later edit
        (folder / "seq_broken.py").write_text("def broken(:\n")
    else:
        (folder / "seq_broken.py").unlink(missing_ok=True)


def test_two_hundred_edits_through_deltas_give_what_a_new_listener_gets_whole(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    """A random sequence of edits, as fast as a script writes them: the deltas applied one
    after another give, at each pause, exactly the definitions a new listener gets whole; and
    a delta is small next to the whole."""
    rng = random.Random(7)
    folder = defs_root / "live_sequence"
    folder.mkdir()
    deltas: list[int] = []
    try:
        with live(designer, project) as reader:
            for n in range(200):
                _sequence_edit(folder, rng, n)
                time.sleep(rng.choice([0.0, 0.02, 0.2]))
                with contextlib.suppress(TimeoutError):
                    while True:  # read whatever came, without waiting
                        if reader.recv(timeout=0.01)["type"] == "definitions_delta":
                            deltas.append(len(json.dumps(reader.raw)))
                if n % 40 == 39:
                    whole = _caught_up(designer, project, reader)
                    assert reader.definitions == whole
            (folder / "seq_broken.py").unlink(missing_ok=True)
            whole = _caught_up(designer, project, reader)
            assert reader.definitions == whole
    finally:
        shutil.rmtree(folder)
    assert len(deltas) >= 20, f"only {len(deltas)} deltas for 200 edits"
    size = len(json.dumps({"definitions": whole}))
    assert sorted(deltas)[len(deltas) // 2] < size / 4, (sorted(deltas), size)


def test_the_live_channel_is_compressed_when_the_client_offers_it(
    designer: Designer, project: dict
) -> None:
    with live(designer, project) as reader:
        header = reader.ws.response.headers.get("Sec-WebSocket-Extensions", "")
    assert "permessage-deflate" in header


def test_a_change_to_a_file_dagster_never_reads_loads_nothing(
    designer: Designer, api: httpx.Client, project: dict, project_root: Path
) -> None:
    # the designer appends its instance's folder to `.gitignore` at the first open: at thousands
    # of assets a reload of every component for it took seconds of processor
    ignore = project_root / ".gitignore"
    before = ignore.read_bytes() if ignore.exists() else None
    api.get(f"/projects/{project['id']}/definitions")
    with live(designer, project) as reader:
        version = reader.version
    try:
        ignore.write_bytes((before or b"") + b"\n# scratch/\n")
        api.get(f"/projects/{project['id']}/definitions")  # the change is seen here
        with live(designer, project) as fresh:
            assert fresh.raw["version"] == version
    finally:
        if before is None:
            ignore.unlink()
        else:
            ignore.write_bytes(before)


def _same_definitions(a: dict, b: dict) -> bool:
    load_fields = ("mode", "reason", "duration_ms")
    return {k: v for k, v in a.items() if k not in load_fields} == {
        k: v for k, v in b.items() if k not in load_fields
    }


def test_an_edit_is_pushed_before_the_repository_is_built_and_the_whole_load_agrees(
    designer: Designer, api: httpx.Client, project: dict, project_root: Path, defs_root: Path
) -> None:
    """An edit of a module's assets is pushed from their specs ("quick"); the repository built
    and described whole once the edits pause gives the same definitions, so nothing more is
    pushed, and they are what `dg list defs` finds. Where the quick answer could differ (a
    dependency on a key nothing defines, a key defined twice) the load is whole at once."""
    folder = defs_root / "quick"
    folder.mkdir()
    module = folder / "orders.py"
    try:
        with live(designer, project) as reader:
            module.write_text(
                "import dagster as dg\n\n\n@dg.asset(group_name='sales')\n"
                "def quick_orders() -> None: ...\n\n\n"
                "@dg.asset(deps=['quick_orders'], kinds={'python'})\n"
                "def quick_totals() -> None: ...\n"
            )
            wait_for(reader, lambda d: "quick_totals" in keys(d))
            api.get(f"/projects/{project['id']}/definitions")  # loaded whole and checked
            module.write_text(
                module.read_text()
                .replace("group_name='sales'", "group_name='finance', description='Orders.'")
                .replace("kinds={'python'}", "kinds={'python', 'duckdb'}, owners=['team:data']")
            )
            pushed = wait_for(
                reader,
                lambda d: any(a["description"] == "Orders." for a in d["assets"]),
            )
            assert pushed["definitions"]["mode"] == "quick"
            quick = pushed["definitions"]
            assert quick["errors"] == []
            whole = api.get(f"/projects/{project['id']}/definitions").json()
            assert _same_definitions(quick, whole)
            with live(designer, project) as fresh:
                assert fresh.raw["version"] == reader.version  # nothing to correct: no push
            reference = dg_list_defs(project_root)
            ours = {a["key"]: a for a in quick["assets"]}
            for theirs in reference["assets"]:
                mine = ours.pop(theirs["asset_key"])
                assert mine["deps"] == sorted(theirs.get("dependency_keys", []))
                assert mine["group"] == theirs.get("group_name")
                assert mine["kinds"] == sorted(theirs.get("kinds", []))
                assert mine["description"] == theirs.get("description")
            assert ours == {}

            # a component's document: its assets are placed at the document, as a whole load does
            component = folder / "script"
            component.mkdir()
            (component / "run.py").write_text("print('run')\n")
            document = (
                "type: dagster.PythonScriptComponent\nattributes:\n  execution:\n"
                "    path: run.py\n  assets:\n    - key: quick_script\n"
                "      deps: [quick_totals]\n      description: {description}\n"
            )
            (component / "defs.yaml").write_text(document.format(description="First."))
            wait_for(reader, lambda d: "quick_script" in keys(d))
            api.get(f"/projects/{project['id']}/definitions")
            (component / "defs.yaml").write_text(document.format(description="Second."))
            pushed = wait_for(
                reader, lambda d: any(a["description"] == "Second." for a in d["assets"])
            )
            assert pushed["definitions"]["mode"] == "quick"
            script = next(a for a in pushed["definitions"]["assets"] if a["key"] == "quick_script")
            assert (script["defs_path"], script["defs_index"]) == ("quick/script", 0)
            whole = api.get(f"/projects/{project['id']}/definitions").json()
            assert _same_definitions(pushed["definitions"], whole)

            module.write_text(module.read_text().replace("deps=['quick_orders']", "deps=['quik']"))
            dangling = wait_for(reader, lambda d: "quik" in keys(d))["definitions"]
            assert dangling["mode"] != "quick"
            assert any(w.get("key") == "quick_totals" for w in dangling["warnings"])

            (folder / "twice.py").write_text(ASSET.format(name="quick_orders"))
            twice = wait_for(reader, lambda d: bool(d["errors"]))["definitions"]
            assert twice["mode"] != "quick"
            assert "quick_orders" in json.dumps(twice["errors"])
    finally:
        shutil.rmtree(folder)
