"""Source control through the API, against real repositories: a bare repository as the remote,
a second clone as another user, and an https-style remote behind basic auth for tokens."""

from __future__ import annotations

import base64
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import httpx
import pytest

from tests.support import Designer, project_copy, wait_for_project

TOKEN = "tok_9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a"


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Other", "-c", "user.email=other@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _url(project: dict, rest: str) -> str:
    return f"/projects/{project['id']}/git{rest}"


@dataclass
class Repos:
    project: dict
    work: Path
    remote: Path
    other: Path


@pytest.fixture(scope="module")
def repos(
    api: httpx.Client, project_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Repos]:
    """A copy of the session's project opened in place, its repository pushed to a bare remote
    that a second clone shares."""
    base = tmp_path_factory.mktemp("git")
    work = project_copy(project_root, base / "work")
    git(work, "init", "-q", "-b", "main")
    git(work, "config", "user.name", "Designer User")
    git(work, "config", "user.email", "user@example.com")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "first")
    remote = base / "remote.git"
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    git(work, "remote", "add", "origin", str(remote))
    git(work, "push", "-q", "-u", "origin", "main")
    other = base / "other"
    git(base, "clone", "-q", str(remote), str(other))
    opened = api.post("/projects", json={"path": str(work)})
    assert opened.status_code == 201, opened.text
    yield Repos(opened.json(), work, remote, other)
    api.delete(f"/projects/{opened.json()['id']}")


def changed(api: httpx.Client, repos: Repos) -> dict[str, tuple[Any, Any]]:
    status = api.get(_url(repos.project, "")).json()
    return {c["path"]: (c["staged"], c["unstaged"]) for c in status["changes"]}


def test_a_new_project_is_a_repository_whose_environment_and_caches_are_ignored(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    # the shared project: earlier tests changed its files, and may have committed
    status = api.get(f"/projects/{project['id']}/git").json()
    assert status["repository"] is True and status["branch"]
    assert status["operation"] is None
    log = api.get(f"/projects/{project['id']}/git/log").json()["commits"]
    assert log[-1]["subject"] == "New Dagster project"
    first = git(project_root, "rev-list", "--max-parents=0", "HEAD")
    assert log[-1]["sha"] == first
    # what was committed first is the project as created: no environment, cache or instance
    committed = git(project_root, "ls-tree", "-r", "--name-only", first).splitlines()
    assert "pyproject.toml" in committed and ".gitignore" in committed
    assert not [p for p in committed if p.startswith((".venv/", ".dagster-designer/dagster_home"))]
    assert not [c["path"] for c in status["changes"] if c["path"].startswith(".venv/")]
    probes = [".venv/x", ".env", "a/__pycache__/b.pyc", ".pytest_cache/x", ".ruff_cache/x"]
    probes.append(".dagster-designer/dagster_home/runs.db")
    ignored = git(project_root, "check-ignore", "--no-index", *probes).splitlines()
    assert ignored == probes


def test_a_project_without_a_remote_cannot_push(api: httpx.Client, project: dict) -> None:
    response = api.post(f"/projects/{project['id']}/git/push", json={})
    assert response.status_code == 409
    assert response.json()["reason"] == "no-remote"


def test_stage_unstage_diff_and_discard(api: httpx.Client, repos: Repos) -> None:
    readme = repos.work / "README.md"
    before = readme.read_text()
    readme.write_text(before + "more\n")
    (repos.work / "scratch.txt").write_text("scratch\n")
    assert changed(api, repos) == {
        "README.md": (None, "modified"),
        "scratch.txt": (None, "untracked"),
    }
    diff = api.get(_url(repos.project, "/diff"), params={"path": "README.md"}).json()
    assert (diff["original"], diff["modified"], diff["binary"]) == (
        before,
        before + "more\n",
        False,
    )
    assert "+more" in diff["diff"]

    staged = api.post(_url(repos.project, "/stage"), json={"paths": ["README.md", "scratch.txt"]})
    assert staged.status_code == 200, staged.text
    assert staged.json()["files"] == {"README.md": "modified", "scratch.txt": "added"}
    diff = api.get(_url(repos.project, "/diff"), params={"path": "scratch.txt", "staged": True})
    assert (diff.json()["original"], diff.json()["modified"]) == (None, "scratch\n")

    unstaged = api.post(
        _url(repos.project, "/unstage"), json={"paths": ["README.md", "scratch.txt"]}
    )
    assert unstaged.status_code == 200
    assert changed(api, repos) == {
        "README.md": (None, "modified"),
        "scratch.txt": (None, "untracked"),
    }

    discarded = api.post(
        _url(repos.project, "/discard"), json={"paths": ["README.md", "scratch.txt"]}
    )
    assert discarded.status_code == 200, discarded.text
    assert discarded.json()["changes"] == []
    assert readme.read_text() == before and not (repos.work / "scratch.txt").exists()

    for bad in (["../outside"], ["/etc/passwd"], [".git/config"]):
        response = api.post(_url(repos.project, "/stage"), json={"paths": bad})
        assert response.status_code == 400, response.text


def test_a_binary_file_has_no_texts_and_a_path_outside_is_refused(
    api: httpx.Client, repos: Repos
) -> None:
    (repos.work / "blob.bin").write_bytes(b"\0\1\2" * 10)
    diff = api.get(_url(repos.project, "/diff"), params={"path": "blob.bin"})
    assert diff.status_code == 200, diff.text
    assert (diff.json()["binary"], diff.json()["original"], diff.json()["modified"]) == (
        True,
        None,
        None,
    )
    outside = api.get(_url(repos.project, "/diff"), params={"path": "../outside.txt"})
    assert outside.status_code == 400
    missing = api.get(_url(repos.project, "/diff"), params={"path": "nowhere.txt"})
    assert missing.status_code == 404 and "nowhere.txt" in missing.json()["detail"]
    api.post(_url(repos.project, "/discard"), json={"paths": ["blob.bin"]})
    assert not (repos.work / "blob.bin").exists()


def test_discarding_a_folder_restores_its_tracked_files_and_deletes_only_new_ones(
    api: httpx.Client, repos: Repos
) -> None:
    package = repos.work / "src" / "sales_analytics"
    tracked = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    before = tracked[0].read_text()
    tracked[0].write_text(before + "# changed\n")
    (package / "new_module.py").write_text("x = 1\n")
    response = api.post(_url(repos.project, "/discard"), json={"paths": ["src"]})
    assert response.status_code == 200, response.text
    assert response.json()["changes"] == []
    assert tracked[0].read_text() == before and all(p.exists() for p in tracked)
    assert not (package / "new_module.py").exists()


def test_commit_refuses_empty_messages_empty_commits_and_secrets(
    api: httpx.Client, repos: Repos
) -> None:
    commit = _url(repos.project, "/commit")
    assert api.post(commit, json={"message": "  "}).status_code == 400
    nothing = api.post(commit, json={"message": "nothing"})
    assert nothing.status_code == 409 and "Nothing" in nothing.json()["detail"]

    head = git(repos.work, "rev-parse", "HEAD")
    (repos.work / "settings.py").write_text('DB = "db"\npassword = "Xk9$vQ2!mZp7#Lr4wT"\n')
    refused = api.post(commit, json={"message": "settings", "paths": ["settings.py"]})
    assert refused.status_code == 409, refused.text
    assert refused.json()["secrets"] == [
        {
            "path": "settings.py",
            "line": 2,
            "reason": "`password` is set to a value that looks like a secret",
        }
    ]
    assert git(repos.work, "rev-parse", "HEAD") == head

    done = api.post(commit, json={"message": "settings", "allow_secrets": True})
    assert done.status_code == 200, done.text
    assert done.json()["sha"] == git(repos.work, "rev-parse", "HEAD") != head
    log = api.get(_url(repos.project, "/log"), params={"limit": 1}).json()["commits"]
    assert [(c["sha"], c["subject"], c["author"]) for c in log] == [
        (done.json()["sha"], "settings", "Designer User")
    ]
    status = api.get(_url(repos.project, "")).json()
    assert (status["upstream"], status["ahead"], status["behind"]) == ("origin/main", 1, 0)


def _commit_file(api: httpx.Client, repos: Repos, name: str, text: str) -> str:
    (repos.work / name).write_text(text)
    response = api.post(_url(repos.project, "/commit"), json={"message": name, "paths": [name]})
    assert response.status_code == 200, response.text
    return response.json()["sha"]


def test_push_pull_a_rejected_push_and_a_conflict_aborted(api: httpx.Client, repos: Repos) -> None:
    sha = _commit_file(api, repos, "shared.txt", "one\n")
    pushed = api.post(_url(repos.project, "/push"), json={})
    assert pushed.status_code == 200, pushed.text
    assert git(repos.remote, "rev-parse", "main") == sha

    git(repos.other, "pull", "-q")
    (repos.other / "theirs.txt").write_text("theirs\n")
    git(repos.other, "add", "theirs.txt")
    git(repos.other, "commit", "-q", "-m", "theirs")
    git(repos.other, "push", "-q")
    assert api.get(_url(repos.project, "")).json()["behind"] == 0  # not fetched yet
    pulled = api.post(_url(repos.project, "/pull"), json={})
    assert pulled.status_code == 200, pulled.text
    assert (repos.work / "theirs.txt").read_text() == "theirs\n"

    (repos.other / "shared.txt").write_text("theirs\n")
    git(repos.other, "commit", "-q", "-am", "their line")
    git(repos.other, "push", "-q")
    _commit_file(api, repos, "shared.txt", "mine\n")
    rejected = api.post(_url(repos.project, "/push"), json={})
    assert rejected.status_code == 409
    assert rejected.json()["reason"] == "rejected" and "Pull first" in rejected.json()["detail"]

    conflict = api.post(_url(repos.project, "/pull"), json={})
    assert conflict.status_code == 409
    assert conflict.json()["reason"] == "conflict"
    assert "`shared.txt`" in conflict.json()["detail"] and "abort" in conflict.json()["detail"]
    status = api.get(_url(repos.project, "")).json()
    assert (status["operation"], status["conflicts"]) == ("merge", ["shared.txt"])
    assert status["files"]["shared.txt"] == "conflicted"

    aborted = api.post(_url(repos.project, "/abort"))
    assert aborted.status_code == 200, aborted.text
    assert (aborted.json()["operation"], aborted.json()["conflicts"]) == (None, [])
    assert (repos.work / "shared.txt").read_text() == "mine\n"
    assert api.post(_url(repos.project, "/abort")).status_code == 409


def test_branches_create_switch_and_refuse_to_overwrite(api: httpx.Client, repos: Repos) -> None:
    created = api.post(_url(repos.project, "/branches"), json={"name": "feature"})
    assert created.status_code == 200 and created.json()["branch"] == "main"
    switched = api.post(_url(repos.project, "/branches"), json={"name": "topic", "switch": True})
    assert switched.status_code == 200 and switched.json()["branch"] == "topic"
    listed = api.get(_url(repos.project, "/branches")).json()
    assert listed["current"] == "topic" and listed["remotes"] == ["origin"]
    assert {b["name"]: b["upstream"] for b in listed["branches"]} == {
        "feature": None,
        "main": "origin/main",
        "topic": None,
    }
    _commit_file(api, repos, "topic.txt", "on topic\n")
    back = api.post(_url(repos.project, "/checkout"), json={"branch": "main"})
    assert back.status_code == 200 and back.json()["branch"] == "main"
    (repos.work / "topic.txt").write_text("local\n")  # untracked here, tracked on topic
    refused = api.post(_url(repos.project, "/checkout"), json={"branch": "topic"})
    assert refused.status_code == 409 and "overwrite" in refused.json()["detail"]
    assert api.get(_url(repos.project, "")).json()["branch"] == "main"
    (repos.work / "topic.txt").unlink()

    assert api.post(_url(repos.project, "/checkout"), json={"branch": "nope"}).status_code == 404
    bad = api.post(_url(repos.project, "/branches"), json={"name": "a..b"})
    assert bad.status_code == 400
    again = api.post(_url(repos.project, "/branches"), json={"name": "feature"})
    assert again.status_code == 409


# ------------------------------------------------------------------------------------------------
# a remote that asks for credentials: git's http-backend behind basic auth, on 127.0.0.1


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _git_http(root: Path, token: str) -> Any:
    expected = "Basic " + base64.b64encode(f"x-access-token:{token}".encode()).decode()

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        if environ.get("HTTP_AUTHORIZATION") != expected:
            start_response("401 Unauthorized", [("WWW-Authenticate", 'Basic realm="git"')])
            return [b"unauthorized\n"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        cgi = {
            key: str(value)
            for key, value in environ.items()
            if key.startswith("HTTP_") and key != "HTTP_AUTHORIZATION"
        }
        cgi |= {
            "GIT_PROJECT_ROOT": str(root),
            "GIT_HTTP_EXPORT_ALL": "1",
            "REMOTE_USER": "x-access-token",
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "REQUEST_METHOD": environ["REQUEST_METHOD"],
            "PATH_INFO": environ.get("PATH_INFO", ""),
            "QUERY_STRING": environ.get("QUERY_STRING", ""),
            "CONTENT_TYPE": environ.get("CONTENT_TYPE", ""),
            "CONTENT_LENGTH": str(len(body)),
        }
        result = subprocess.run(
            ["git", "http-backend"], input=body, env=cgi, capture_output=True, timeout=120
        )
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        headers, status = [], "200 OK"
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(": ")
            if name.lower() == "status":
                status = value
            elif name:
                headers.append((name, value))
        start_response(status, headers)
        return [payload]

    return app


@pytest.fixture(scope="module")
def served(repos: Repos, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The remote's repository served over http, asking for the token."""
    root = tmp_path_factory.mktemp("served")
    git(root, "clone", "-q", "--bare", str(repos.remote), str(root / "shop.git"))
    git(root / "shop.git", "config", "http.receivepack", "true")
    server = make_server("127.0.0.1", 0, _git_http(root, TOKEN), _Server, _Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/shop.git"
    server.shutdown()


def _everywhere(designer: Designer, roots: list[Path]) -> list[str]:
    """Files under the workspace and `roots` (environments included) and the server's log that
    hold the token."""
    paths = [str(designer.workspace), *map(str, roots), str(designer.log)]
    found = subprocess.run(
        ["grep", "-rlF", "--", TOKEN, *paths], capture_output=True, text=True, timeout=600
    )
    assert found.returncode in (0, 1), found.stderr
    return found.stdout.splitlines()


def test_a_token_clones_pulls_and_pushes_and_is_never_stored(
    api: httpx.Client, designer: Designer, served: str
) -> None:
    answers: list[httpx.Response] = []
    wrong = api.post("/projects", json={"git_url": served, "token": "wrong", "name": "denied"})
    assert wrong.status_code == 202, wrong.text
    failed = wait_for_project(api, wrong.json()["id"])
    assert failed["status"] == "error" and "credentials" in failed["error"]
    assert not (designer.workspace / "denied").exists()
    answers += [wrong]

    response = api.post("/projects", json={"git_url": served, "token": TOKEN, "name": "cloned"})
    assert response.status_code == 202, response.text
    cloned = wait_for_project(api, response.json()["id"])
    assert cloned["status"] == "ready", cloned.get("error")
    root = Path(cloned["path"])
    assert git(root, "remote", "get-url", "origin") == served
    git(root, "config", "user.name", "Designer User")
    git(root, "config", "user.email", "user@example.com")

    (root / "from_designer.txt").write_text("pushed\n")
    commit = api.post(
        f"/projects/{cloned['id']}/git/commit",
        json={"message": "from the designer", "paths": ["from_designer.txt"]},
    )
    assert commit.status_code == 200, commit.text
    no_token = api.post(f"/projects/{cloned['id']}/git/push", json={})
    assert no_token.status_code == 409 and no_token.json()["reason"] == "auth"
    bad_token = api.post(f"/projects/{cloned['id']}/git/pull", json={"token": "nope"})
    assert bad_token.status_code == 409 and bad_token.json()["reason"] == "auth"
    pushed = api.post(f"/projects/{cloned['id']}/git/push", json={"token": TOKEN})
    assert pushed.status_code == 200, pushed.text
    pulled = api.post(f"/projects/{cloned['id']}/git/pull", json={"token": TOKEN})
    assert pulled.status_code == 200, pulled.text
    answers += [response, commit, no_token, bad_token, pushed, pulled]
    answers.append(api.get(f"/projects/{cloned['id']}"))
    answers.append(api.get(f"/projects/{cloned['id']}/git"))

    assert [a.request.url for a in answers if TOKEN in a.text] == []
    assert _everywhere(designer, [root]) == []
    api.delete(f"/projects/{cloned['id']}")
