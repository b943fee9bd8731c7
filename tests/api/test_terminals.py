"""Terminals: real shells on real PTYs in the project's folder, over a websocket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from dagster_designer.processes.terminals import GRACE, TerminalManager
from dagster_designer.server.security import cookie_name
from tests.support import (
    Designer,
    project_copy,
    run_async,
    start_designer,
    stop_designer,
    worker_processes,
    written,
)

# generous: a shell starts slowly on a busy machine
TIMEOUT = 60.0


# ------------------------------------------------------------------------------------------------
# helpers


class Shell:
    """One attached socket: types lines and waits for output matching a pattern."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.output = b""
        self.cursor = 0
        self.messages: list[dict] = []

    def type(self, line: str) -> None:
        self.ws.send(json.dumps({"type": "input", "data": line + "\r"}))

    def send(self, message: dict) -> None:
        self.ws.send(json.dumps(message))

    def _receive(self, timeout: float) -> None:
        message = self.ws.recv(timeout=timeout)
        if isinstance(message, bytes):
            self.output += message
        else:
            self.messages.append(json.loads(message))

    def expect(self, pattern: bytes, timeout: float = TIMEOUT) -> re.Match[bytes]:
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.output, self.cursor)
            if match:
                self.cursor = match.end()
                return match
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{pattern!r} not in the output: {self.output[-3000:]!r}")
            with contextlib.suppress(TimeoutError):
                self._receive(remaining)

    def message(self, kind: str, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for message in self.messages:
                if message["type"] == kind:
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {kind} message; got {self.messages}")
            with contextlib.suppress(TimeoutError):
                self._receive(remaining)

    def wait_closed(self, timeout: float = TIMEOUT) -> int | None:
        """Read until the server closes the socket; the close code."""
        deadline = time.monotonic() + timeout
        with contextlib.suppress(ConnectionClosed):
            while time.monotonic() < deadline:
                with contextlib.suppress(TimeoutError):
                    self._receive(deadline - time.monotonic())
        assert self.ws.close_code is not None, "the server did not close the socket"
        return self.ws.close_code


def ws_url(designer: Designer, project_id: str, terminal_id: str) -> str:
    return f"ws://127.0.0.1:{designer.port}/api/v1/projects/{project_id}/terminals/{terminal_id}/ws"


@contextlib.contextmanager
def attach(designer: Designer, project_id: str, terminal_id: str) -> Iterator[Shell]:
    headers = {"Authorization": f"Bearer {designer.token}"}
    with connect(ws_url(designer, project_id, terminal_id), additional_headers=headers) as ws:
        yield Shell(ws)


def process_state(pid: int) -> str | None:
    """The state letter of a live process, None when it is gone (a zombie counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    state = stat[stat.rfind(b")") + 2 :].split()[0].decode()
    return None if state in ("Z", "X") else state


def session_members(sid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
                if int(fields[3]) == sid and fields[0] not in (b"Z", b"X"):
                    members.append(int(entry.name))
    return members


def session_commands(sid: int) -> list[str]:
    commands = []
    for pid in session_members(sid):
        with contextlib.suppress(OSError):
            commands.append(Path(f"/proc/{pid}/comm").read_text().strip())
    return commands


def wait_until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def assert_all_gone(*pids: int, session: int) -> None:
    # the DELETE (or shutdown) waited for them, within its grace periods: on a busy machine a
    # process may take a while longer to be scheduled to die
    wait_until(lambda: all(process_state(pid) is None for pid in pids), timeout=30)
    wait_until(lambda: not session_members(session), timeout=30)


def sleeping(argument: str) -> list[int]:
    """Live `sleep ARGUMENT` processes."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                argv = (entry / "cmdline").read_bytes().split(b"\0")[:-1]
                if (
                    len(argv) == 2
                    and argv[0].endswith(b"sleep")
                    and argv[1] == argument.encode()
                    and process_state(int(entry.name)) is not None
                ):
                    found.append(int(entry.name))
    return found


def escapes() -> tuple[list[str], list[str]]:
    """Shell commands whose processes leave the shell's session, and the argument of `sleep`
    that finds each."""
    tag = random.randint(100_000, 999_999)
    arguments = [f"{tag}{n}" for n in range(3)]
    commands = [
        f"setsid sleep {arguments[0]} &",  # a session of its own, re-parented at once
        # the same with its environment cleared, from a subshell that exits at once
        f'(setsid env -i "$(command -v sleep)" {arguments[1]} &)',
        f"setsid -f sh -c 'sleep {arguments[2]} & exit'",  # a daemon: forked twice, orphaned
    ]
    return commands, arguments


def started(arguments: list[str]) -> list[int]:
    """The pids of the escaped processes, once they all run."""
    wait_until(lambda: all(sleeping(a) for a in arguments), timeout=30)
    return [pid for a in arguments for pid in sleeping(a)]


@pytest.fixture
def terminals(api: httpx.Client, project: dict) -> Iterator[str]:
    """The project's terminals URL; every terminal a test leaves is ended after it."""
    url = f"/projects/{project['id']}/terminals"
    yield url
    for terminal in api.get(url).json():
        api.delete(f"{url}/{terminal['id']}")


def new_terminal(api: httpx.Client, url: str, **size: int) -> dict:
    response = api.post(url, json=size or {"cols": 200, "rows": 50})
    assert response.status_code == 201, response.text
    return response.json()


# ------------------------------------------------------------------------------------------------
# the shell


def test_a_terminal_is_a_shell_in_the_project_with_its_environment(
    designer: Designer, api: httpx.Client, project: dict, project_root: Path, terminals: str
) -> None:
    terminal = new_terminal(api, terminals, cols=200, rows=50)
    assert terminal["project_id"] == project["id"]
    assert (terminal["cols"], terminal["rows"]) == (200, 50)
    assert terminal["pid"] > 0 and terminal["id"] and terminal["created_at"]
    assert [t["id"] for t in api.get(terminals).json()] == [terminal["id"]]

    # the designer's token is not in the shell's environment (the server was started with it)
    environ = Path(f"/proc/{terminal['pid']}/environ").read_bytes()
    assert designer.token.encode() not in environ
    assert b"DAGSTER_DESIGNER_TOKEN" not in environ

    venv = project_root.resolve() / ".venv"
    with attach(designer, project["id"], terminal["id"]) as shell:
        shell.type("echo hello-$((6*7))")
        shell.expect(rb"hello-42")
        shell.type('echo "pwd=[$(pwd)]"')
        assert shell.expect(rb"pwd=\[([^$\]]*)\]").group(1).decode() == str(project_root.resolve())
        shell.type('echo "python=[$(command -v python)]" "dg=[$(command -v dg)]"')
        match = shell.expect(rb"python=\[([^$\]]*)\] dg=\[([^$\]]*)\]")
        assert match.group(1).decode() == str(venv / "bin" / "python")
        assert match.group(2).decode() == str(venv / "bin" / "dg")
        shell.type('echo "version=[$(dg --version 2>&1)]"')
        assert re.match(rb"dg, version \d", shell.expect(rb"version=\[([^$\]]*)\]").group(1))
        shell.type('echo "token=[$DAGSTER_DESIGNER_TOKEN]" "venv=[$VIRTUAL_ENV]" "term=[$TERM]"')
        match = shell.expect(rb"token=\[([^$\]]*)\] venv=\[([^$\]]*)\] term=\[([^$\]]*)\]")
        assert match.groups() == (b"", str(venv).encode(), b"xterm-256color")
        # the PTY is the shell's controlling terminal: job control and Ctrl-C work
        shell.type("sleep 30; echo after-sleep-$((1+1))")
        wait_until(lambda: "sleep" in session_commands(terminal["pid"]))
        shell.send({"type": "input", "data": "\x03"})
        shell.type("echo interrupted-$((2+2))")
        shell.expect(rb"interrupted-4", timeout=5)
        assert b"after-sleep-2" not in shell.output


def test_dg_check_and_launch_work_in_a_terminal(
    designer: Designer, api: httpx.Client, project: dict, defs_root: Path, terminals: str
) -> None:
    module = (
        "import dagster as dg\n\n\n@dg.asset\ndef terminal_made() -> dg.MaterializeResult:\n"
        '    return dg.MaterializeResult(metadata={"answer": 42})\n'
    )
    terminal = new_terminal(api, terminals)
    with (
        written(defs_root, {"terminal_made.py": module}),
        attach(designer, project["id"], terminal["id"]) as shell,
    ):
        shell.type('dg check defs; echo "check=[$?]"')
        shell.expect(rb"All definitions loaded successfully", timeout=300)
        assert shell.expect(rb"check=\[(\d+)\]").group(1) == b"0"
        shell.type('dg launch --assets terminal_made; echo "launch=[$?]"')
        shell.expect(rb"RUN_SUCCESS", timeout=300)
        assert shell.expect(rb"launch=\[(\d+)\]").group(1) == b"0"


def test_resize_reaches_the_shell(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals, cols=200, rows=50)
    with attach(designer, project["id"], terminal["id"]) as shell:
        shell.type('echo "size=[$(stty size)]"')
        assert shell.expect(rb"size=\[([^$\]]*)\]").group(1) == b"50 200"
        shell.send({"type": "resize", "cols": 123, "rows": 45})
        shell.type('echo "size=[$(stty size)]"')
        assert shell.expect(rb"size=\[([^$\]]*)\]").group(1) == b"45 123"
        listed = api.get(f"{terminals}/{terminal['id']}").json()
        assert (listed["cols"], listed["rows"]) == (123, 45)
        # invalid messages are answered, and do not end anything
        shell.send({"type": "resize", "cols": 0, "rows": "x"})
        assert "cols" in shell.message("error")["detail"]
        shell.type("echo still-$((3*3))")
        shell.expect(rb"still-9")


def test_sockets_share_the_output_and_a_reattach_replays_it(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals)
    with (
        attach(designer, project["id"], terminal["id"]) as first,
        attach(designer, project["id"], terminal["id"]) as second,
    ):
        wait_until(lambda: api.get(f"{terminals}/{terminal['id']}").json()["attached"] == 2)
        first.type("echo shared-$((5*5))")
        first.expect(rb"shared-25")
        second.expect(rb"shared-25")
        second.type("echo from-second-$((7*7))")
        first.expect(rb"from-second-49")
    # every socket is gone; the shell is not
    wait_until(lambda: api.get(f"{terminals}/{terminal['id']}").json()["attached"] == 0)
    assert process_state(terminal["pid"]) is not None
    with attach(designer, project["id"], terminal["id"]) as again:
        again.expect(rb"shared-25")  # the replay of what it printed before
        again.expect(rb"from-second-49")
        again.type("echo after-reattach-$((8*8))")
        again.expect(rb"after-reattach-64")


def test_large_input_and_output_go_through_and_the_replay_stays_small(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals)
    with attach(designer, project["id"], terminal["id"]) as shell:
        # far more than the PTY takes at once: written as the shell reads it
        shell.type('echo "counted=[$(wc -c)]"')
        shell.send({"type": "input", "data": ("x" * 99 + "\n") * 3000 + "\x04"})
        assert shell.expect(rb"counted=\[\s*(\d+)\]").group(1) == b"300000"
        shell.type("head -c 3000000 /dev/zero | tr '\\0' y; echo; echo flood-done-$((1+2))")
        shell.expect(rb"flood-done-3")
    with attach(designer, project["id"], terminal["id"]) as again:
        replay = again.ws.recv(timeout=TIMEOUT)
        assert isinstance(replay, bytes)
        assert len(replay) <= 64 * 1024
        assert b"flood-done-3" in replay


def test_exit_ends_the_terminal_with_its_code(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals)
    with attach(designer, project["id"], terminal["id"]) as shell:
        shell.type("exit 3")
        assert shell.message("exit") == {"type": "exit", "code": 3}
        assert shell.wait_closed() == 1000
    assert terminal["id"] not in [t["id"] for t in api.get(terminals).json()]
    assert api.get(f"{terminals}/{terminal['id']}").status_code == 404
    assert process_state(terminal["pid"]) is None


def test_delete_ends_the_shell_and_everything_it_started(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals)
    with attach(designer, project["id"], terminal["id"]) as shell:
        shell.type('sleep 1000 & echo "background=[$!]"')
        background = int(shell.expect(rb"background=\[(\d+)\]").group(1))
        # a child that ignores SIGHUP and SIGTERM needs the SIGKILL
        shell.type('sh -c \'trap "" HUP TERM; exec sleep 999\' & echo "stubborn=[$!]"')
        stubborn = int(shell.expect(rb"stubborn=\[(\d+)\]").group(1))
        wait_until(lambda: process_state(stubborn) is not None)
        assert process_state(background) is not None
        started = time.monotonic()
        response = api.delete(f"{terminals}/{terminal['id']}")
        assert response.status_code == 204, response.text
        # a grace for each of SIGHUP to its children, SIGHUP, SIGTERM, and a busy machine's slack
        assert time.monotonic() - started < 3 * GRACE + 10
        assert shell.message("exit")["code"] == 128 + signal.SIGHUP
        assert shell.wait_closed() == 1000
    assert_all_gone(terminal["pid"], background, stubborn, session=terminal["pid"])
    assert api.get(terminals).json() == []
    response = api.delete(f"{terminals}/{terminal['id']}")
    assert response.status_code == 404
    assert terminal["id"] in response.json()["detail"]


def test_delete_ends_what_the_terminal_started_in_sessions_of_its_own(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals)
    commands, arguments = escapes()
    with attach(designer, project["id"], terminal["id"]) as shell:
        for command in commands:
            shell.type(command)
        escaped = started(arguments)
        assert not set(escaped) & set(session_members(terminal["pid"])), "they left the session"
        assert api.delete(f"{terminals}/{terminal['id']}").status_code == 204
    assert_all_gone(terminal["pid"], *escaped, session=terminal["pid"])


def test_at_most_eight_terminals_per_project(api: httpx.Client, terminals: str) -> None:
    created = [new_terminal(api, terminals) for _ in range(8)]
    response = api.post(terminals)
    assert response.status_code == 409
    assert "8 terminals" in response.json()["detail"]
    assert len(api.get(terminals).json()) == 8
    assert api.delete(f"{terminals}/{created[0]['id']}").status_code == 204
    assert api.post(terminals).status_code == 201  # no body: the default size
    assert len(api.get(terminals).json()) == 8


# ------------------------------------------------------------------------------------------------
# errors


def test_unknown_projects_and_terminals_answer_404(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    for method, path in [
        ("POST", "/projects/no_such_project/terminals"),
        ("GET", "/projects/no_such_project/terminals"),
        ("DELETE", "/projects/no_such_project/terminals/abc"),
    ]:
        response = api.request(method, path)
        assert response.status_code == 404, (method, path, response.text)
        assert "no_such_project" in response.json()["detail"]
    response = api.delete(f"{terminals}/no_such_terminal")
    assert response.status_code == 404
    assert "no_such_terminal" in response.json()["detail"]
    assert api.post(terminals, json={"cols": 0}).status_code == 422
    for project_id in ("no_such_project", project["id"]):
        with (
            attach(designer, project_id, "no_such_terminal") as shell,
            pytest.raises(ConnectionClosed),
        ):
            shell.ws.recv(timeout=TIMEOUT)
        assert shell.ws.close_code == 4404


def test_a_project_that_is_not_ready_answers_409(api: httpx.Client, tmp_path: Path) -> None:
    folder = tmp_path / "no_env_terminal"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "no_env_terminal"\n[tool.dg]\ndirectory_type = "project"\n'
        '[tool.dg.project]\nroot_module = "no_env_terminal"\n'
    )
    project = api.post("/projects", json={"path": str(folder)}).json()
    try:
        # still building its environment, or failed to: either way not ready
        response = api.post(f"/projects/{project['id']}/terminals")
        assert response.status_code == 409, response.text
        assert "not ready" in response.json()["detail"]
    finally:
        api.delete(f"/projects/{project['id']}")


# ------------------------------------------------------------------------------------------------
# security


def test_the_terminal_websocket_needs_the_token_and_the_servers_own_origin(
    designer: Designer, api: httpx.Client, project: dict, terminals: str
) -> None:
    terminal = new_terminal(api, terminals)
    url = ws_url(designer, project["id"], terminal["id"])
    bearer = {"Authorization": f"Bearer {designer.token}"}

    with pytest.raises(InvalidStatus) as refused:
        connect(url, origin=designer.url)  # no token
    assert refused.value.response.status_code == 403
    with pytest.raises(InvalidStatus) as refused:
        connect(url, additional_headers={"Authorization": "Bearer wrong"})
    assert refused.value.response.status_code == 403
    with pytest.raises(InvalidStatus) as refused:
        connect(url, additional_headers=bearer, origin="http://evil.example")
    assert refused.value.response.status_code == 403
    with pytest.raises(InvalidStatus) as refused:
        connect(url, additional_headers=bearer, origin=f"http://127.0.0.1:{designer.port + 1}")
    assert refused.value.response.status_code == 403

    with connect(url, additional_headers=bearer, origin=designer.url) as ws:
        shell = Shell(ws)
        shell.type("echo allowed-$((4*4))")
        shell.expect(rb"allowed-16")
    # the cookie, as a browser sends it on a websocket, with its own origin
    cookie = {"Cookie": f"{cookie_name(designer.port)}={designer.token}"}
    with connect(url, additional_headers=cookie, origin=designer.url) as ws:
        shell = Shell(ws)
        shell.type("echo by-cookie-$((9*9))")
        shell.expect(rb"by-cookie-81")
    # never the token in the URL
    with pytest.raises(InvalidStatus) as refused:
        connect(f"{url}?token={designer.token}", origin=designer.url)
    assert refused.value.response.status_code == 403
    # HTTP endpoints are behind the same gate
    assert httpx.get(f"{designer.url}/api/v1{terminals}").status_code == 401
    foreign = httpx.post(
        f"{designer.url}/api/v1{terminals}",
        headers={**bearer, "Origin": "http://evil.example"},
    )
    assert foreign.status_code == 403
    assert len(api.get(terminals).json()) == 1


# ------------------------------------------------------------------------------------------------
# life cycle without a server: idle culling, removed projects, shutdown


async def _until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.02)


def test_terminals_without_a_socket_are_ended_after_the_idle_timeout(tmp_path: Path) -> None:
    async def scenario() -> None:
        manager = TerminalManager(tmp_path / "state", idle_timeout=0.5)
        try:
            idle = await manager.create("p", tmp_path, "p")
            watched = await manager.create("p", tmp_path, "p")
            with watched.attach():
                await _until(lambda: idle.closed)
                assert manager.list("p") == [watched]
                assert process_state(idle.pid) is None
                await asyncio.sleep(0.8)  # past the timeout: a watched terminal stays
                assert not watched.closed
            started = time.monotonic()
            await _until(lambda: watched.closed)  # detached: ended in turn
            assert time.monotonic() - started >= 0.4
            assert manager.list("p") == []
            assert process_state(watched.pid) is None
        finally:
            await manager.shutdown()

    run_async(scenario())


def test_end_project_and_shutdown_end_every_terminal(tmp_path: Path) -> None:
    async def scenario() -> None:
        manager = TerminalManager(tmp_path / "state", max_per_project=2)
        a1 = await manager.create("a", tmp_path, "a")
        a2 = await manager.create("a", tmp_path, "a")
        b = await manager.create("b", tmp_path, "b")
        with b.attach() as subscriber:
            await b.write(b"sleep 1000 & echo bg=$!\r")
            output = b""
            while (match := re.search(rb"bg=(\d+)", output)) is None:
                item = await asyncio.wait_for(subscriber.get(), TIMEOUT)
                output += item if isinstance(item, bytes) else b""
            background = int(match.group(1))
            await manager.end_project("a")
            assert a1.closed and a2.closed and not b.closed
            assert [t.id for t in manager.list("b")] == [b.id] and manager.list("a") == []
            await manager.shutdown()
            assert b.closed and manager.list("b") == []
            items = [await asyncio.wait_for(subscriber.get(), TIMEOUT) for _ in range(3)]
            assert {"type": "exit", "code": 128 + signal.SIGHUP} in items
        assert_all_gone(a1.pid, a2.pid, b.pid, background, session=b.pid)

    run_async(scenario())


@pytest.mark.parametrize("ending", ["idle", "project removed", "shutdown", "shell exit"])
def test_every_ending_ends_what_the_terminal_started_in_sessions_of_its_own(
    tmp_path: Path, ending: str
) -> None:
    commands, arguments = escapes()

    async def scenario() -> None:
        manager = TerminalManager(tmp_path / "state", idle_timeout=2.0)
        try:
            terminal = await manager.create("p", tmp_path, "p")
            with terminal.attach() as subscriber:
                for command in [*commands, "echo typed-$((6*7))"]:
                    await terminal.write(command.encode() + b"\r")
                output = b""
                while b"typed-42" not in output:
                    item = await asyncio.wait_for(subscriber.get(), TIMEOUT)
                    output += item if isinstance(item, bytes) else b""
                escaped = await asyncio.to_thread(started, arguments)
                if ending == "shell exit":
                    await terminal.write(b"exit\r")
            if ending == "project removed":
                await manager.end_project("p")
            elif ending == "shutdown":
                await manager.shutdown()
            await _until(lambda: terminal.closed, timeout=60)
            await asyncio.to_thread(assert_all_gone, terminal.pid, *escaped, session=terminal.pid)
        finally:
            await manager.shutdown()

    run_async(scenario())


def test_server_shutdown_ends_its_terminals(project_root: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    server = start_designer(workspace)
    try:
        with server.client() as client:
            response = client.post("/projects", json={"path": str(project_root)})
            assert response.status_code == 201, response.text
            project = response.json()
            url = f"/projects/{project['id']}/terminals"
            terminal = new_terminal(client, url)
            idle = new_terminal(client, url)
        commands, arguments = escapes()
        with attach(server, project["id"], terminal["id"]) as shell:
            shell.type('sleep 1000 & echo "background=[$!]"')
            background = int(shell.expect(rb"background=\[(\d+)\]").group(1))
            for command in commands:
                shell.type(command)
            escaped = started(arguments)
            stop_designer(server)
            assert server.process.returncode is not None
        pids = (terminal["pid"], idle["pid"], background, *escaped)
        assert_all_gone(*pids, session=terminal["pid"])
    finally:
        if server.process.poll() is None:
            stop_designer(server)
        for pid in worker_processes(workspace):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_removing_a_project_ends_its_terminals(
    api: httpx.Client, project_root: Path, tmp_path: Path
) -> None:
    copy = project_copy(project_root, tmp_path / "terminal_copy")
    opened = api.post("/projects", json={"path": str(copy)}).json()
    terminal = api.post(f"/projects/{opened['id']}/terminals").json()
    assert _alive(terminal["pid"])
    assert api.delete(f"/projects/{opened['id']}").status_code == 204
    deadline = time.monotonic() + 30
    while _alive(terminal["pid"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(terminal["pid"])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return (
        Path(f"/proc/{pid}").exists()
        and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    )
