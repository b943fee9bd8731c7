"""The code workspace's API: file operations, search, code intelligence, git status."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from dagster_designer.processes import git
from dagster_designer.project_files.config import load_project_config
from tests.support import run_async, written


def _url(project: dict, rest: str) -> str:
    return f"/projects/{project['id']}{rest}"


def test_create_rename_move_and_delete(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    created = api.put(
        _url(project, "/files/ws/notes.md"), content="# notes\n", headers={"If-None-Match": "*"}
    )
    assert created.status_code == 200
    again = api.put(
        _url(project, "/files/ws/notes.md"), content="x", headers={"If-None-Match": "*"}
    )
    assert again.status_code == 412
    assert (project_root / "ws" / "notes.md").read_text() == "# notes\n"
    assert api.post(_url(project, "/folders/ws/sub/deeper")).status_code == 201
    assert api.post(_url(project, "/folders/ws/sub")).status_code == 409
    moved = api.post(
        _url(project, "/moves"), json={"from": "ws/notes.md", "to": "ws/sub/renamed.md"}
    )
    assert moved.status_code == 200
    assert (project_root / "ws" / "sub" / "renamed.md").exists()
    assert not (project_root / "ws" / "notes.md").exists()
    (project_root / "ws" / "other.md").write_text("x")
    over = api.post(
        _url(project, "/moves"), json={"from": "ws/other.md", "to": "ws/sub/renamed.md"}
    )
    assert (
        over.status_code == 409
        and (project_root / "ws" / "sub" / "renamed.md").read_text() == "# notes\n"
    )
    into_itself = api.post(
        _url(project, "/moves"), json={"from": "ws/sub", "to": "ws/sub/deeper/x"}
    )
    assert into_itself.status_code == 409
    refused = api.delete(_url(project, "/files/ws/sub"))
    assert refused.status_code == 409 and "content" in refused.json()["detail"]
    assert (
        api.delete(_url(project, "/files/ws/sub"), params={"recursive": "true"}).status_code == 204
    )
    assert api.delete(_url(project, "/files/ws/other.md")).status_code == 204
    assert api.delete(_url(project, "/files/ws/other.md")).status_code == 404
    shutil.rmtree(project_root / "ws")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/moves", {"from": "pyproject.toml", "to": "../outside.toml"}),
        ("post", "/moves", {"from": "../etc", "to": "x"}),
        ("post", "/moves", {"from": ".venv", "to": "venv_moved"}),
        ("post", "/folders/..%2F..%2Fescape", None),
        ("delete", "/files/..%2F..%2Fetc", None),
        ("delete", "/files/.git", None),
    ],
)
def test_operations_stay_in_the_project(
    api: httpx.Client, project: dict, project_root: Path, method: str, path: str, body: dict | None
) -> None:
    response = api.request(method.upper(), _url(project, path), json=body)
    assert response.status_code == 400, response.text
    assert (project_root / "pyproject.toml").exists() and (project_root / ".venv").exists()
    assert not (project_root.parent / "outside.toml").exists()


def test_search_by_name_and_content(api: httpx.Client, project: dict, defs_root: Path) -> None:
    (defs_root / "searchable.py").write_text("import dagster as dg\n\n# NEEDLE_in_haystack here\n")
    try:
        by_name = api.get(
            _url(project, "/search"), params={"q": "searchable", "kind": "name"}
        ).json()
        assert [h["path"] for h in by_name] == ["src/sales_analytics/defs/searchable.py"]
        hits = api.get(_url(project, "/search"), params={"q": "needle_IN"}).json()
        assert hits == [
            {
                "path": "src/sales_analytics/defs/searchable.py",
                "line": 3,
                "column": 3,
                "text": "# NEEDLE_in_haystack here",
            }
        ]
    finally:
        (defs_root / "searchable.py").unlink()


def test_content_search_never_shows_the_env_files_values(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    """`.env` holds the project's secrets: found by name, never quoted by a content search."""
    with written(project_root, {"config/.env": "SEARCH_SECRET=hunter2-value\n"}):
        by_name = api.get(_url(project, "/search"), params={"q": ".env", "kind": "name"})
        assert "config/.env" in [h["path"] for h in by_name.json()]
        hits = api.get(_url(project, "/search"), params={"q": "hunter2"})
        assert hits.status_code == 200
        assert hits.json() == []


def test_format_and_lint_python_with_ruff(api: httpx.Client, project: dict) -> None:
    formatted = api.post(
        _url(project, "/python/format"), json={"path": "x.py", "source": "x=[1,2 ,3]\n"}
    ).json()
    assert formatted == {"source": "x = [1, 2, 3]\n"}
    broken = api.post(_url(project, "/python/format"), json={"path": "x.py", "source": "def (:\n"})
    assert broken.status_code == 422
    found = api.post(
        _url(project, "/python/lint"), json={"path": "x.py", "source": "import os\nx = (\n"}
    ).json()
    assert any(d["severity"] == "error" and d["line"] >= 2 for d in found), found
    unused = api.post(
        _url(project, "/python/lint"),
        json={"path": "x.py", "source": "import os\n\nundefined_name\n"},
    ).json()
    assert {d["code"] for d in unused} >= {"F401", "F821"}


def test_a_file_named_like_a_flag_is_formatted_and_linted_as_a_file(
    api: httpx.Client, project: dict
) -> None:
    # ruff reads a value that starts with '-' as an option of its own unless it is joined to
    # its flag: the findings were lost and the format failed
    for name in ("-rf", "--fix"):
        formatted = api.post(
            _url(project, "/python/format"), json={"path": name, "source": "x=[1,2 ,3]\n"}
        )
        assert formatted.json() == {"source": "x = [1, 2, 3]\n"}, formatted.text
        found = api.post(
            _url(project, "/python/lint"), json={"path": name, "source": "import os\n"}
        ).json()
        assert "F401" in {d["code"] for d in found}, found


def completion_processes(project_root: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            if (
                b"dagster_designer.processes.completion_process" in argv
                and str(project_root).encode() in argv
            ):
                found.append(entry.name)
    return found


def test_completion_is_started_ahead_of_use(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    response = api.post(_url(project, "/python/prepare"))
    assert response.status_code == 202, response.text
    deadline = time.monotonic() + 10
    while not completion_processes(project_root):
        assert time.monotonic() < deadline, "no completion process was started"
        time.sleep(0.05)
    api.post(_url(project, "/python/prepare"))  # idempotent: still the one process
    assert len(completion_processes(project_root)) == 1


def test_python_completion_knows_dagsters_api(api: httpx.Client, project: dict) -> None:
    source = "import dagster as dg\n\n\n@dg.ass"
    items = api.post(
        _url(project, "/python/complete"),
        json={"path": "src/sales_analytics/defs/new.py", "source": source, "line": 4, "column": 7},
    ).json()
    labels = {item["label"] for item in items}
    assert {"asset", "asset_check"} <= labels
    # right after the dot: the whole namespace (the editor filters it as the word goes on), kinds
    items = api.post(
        _url(project, "/python/complete"),
        json={"path": "src/sales_analytics/defs/new.py", "source": source, "line": 4, "column": 4},
    ).json()
    kinds = {item["label"]: item["kind"] for item in items}
    assert kinds["asset"] == "function" and kinds["AssetKey"] == "class"
    assert kinds["schedule"] == "function" and kinds["sensor"] == "function"  # late in the list
    assert len(kinds) > 400


def test_component_yaml_is_checked_before_saving(api: httpx.Client, project: dict) -> None:
    text = (
        "type: dagster.PythonScriptComponent\nattributes:\n  execution: {path: a.py}\n  wrong: 1\n"
    )
    result = api.post(
        _url(project, "/defs-check"),
        json={"path": "src/sales_analytics/defs/unsaved/defs.yaml", "text": text},
    ).json()
    assert [(e["field"], e["line"]) for e in result["errors"]] == [("wrong", 4)]


def test_git_status_of_a_project_inside_a_repository(tmp_path: Path, project_root: Path) -> None:
    repo = tmp_path / "repo"
    project = repo / "projects" / "shop"
    project.mkdir(parents=True)
    (project / "pyproject.toml").write_text((project_root / "pyproject.toml").read_text())
    (project / "tracked.py").write_text("a = 1\n")
    (repo / "outside.txt").write_text("x")
    run = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)  # noqa: E731
    run("init", "-q", "-b", "main")
    run("-c", "user.email=t@t", "-c", "user.name=t", "add", ".")
    run("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "init")
    (project / "tracked.py").write_text("a = 2\n")
    (project / "new.py").write_text("")
    (repo / "outside.txt").write_text("changed")
    found = run_async(git.status(load_project_config(project)))
    assert (found["repository"], found["branch"]) == (True, "main")
    assert found["files"] == {"tracked.py": "modified", "new.py": "untracked"}
    assert found["changes"] == [
        {"path": "tracked.py", "staged": None, "unstaged": "modified"},
        {"path": "new.py", "staged": None, "unstaged": "untracked"},
    ]
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "pyproject.toml").write_text((project_root / "pyproject.toml").read_text())
    assert run_async(git.status(load_project_config(alone)))["repository"] is False


def test_reading_git_status_never_runs_a_command_the_repository_configured(
    api: httpx.Client, project: dict, project_root: Path, tmp_path: Path
) -> None:
    """A file-system monitor hook and filter drivers in the repository's own config: git would
    run them for `git status`; the designer's status runs none of them."""
    trap = tmp_path / "trap.sh"
    trap.write_text(f'#!/bin/sh\ntouch "{tmp_path}/ran-$1"\nexec cat\n')
    trap.chmod(0o755)
    run = lambda *args: subprocess.run(  # noqa: E731
        ["git", *args], cwd=project_root, check=True, capture_output=True, timeout=60
    )
    probes = [project_root / "git_probe.txt", project_root / "git_probe_2.txt"]
    head = run("rev-parse", "HEAD").stdout.strip()  # a new project is a repository
    branch = run("symbolic-ref", "--short", "HEAD").stdout.decode().strip()
    try:
        for probe in probes:
            probe.write_text("probe\n")
            run("add", probe.name)
        run("-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "probe")
        (project_root / ".git" / "info" / "attributes").write_text(
            "git_probe.txt filter=cleaner\ngit_probe_2.txt filter=odd=name.x\n"
        )
        run("config", "core.fsmonitor", f"{trap} fsmonitor")
        run("config", "filter.cleaner.clean", f"{trap} clean")
        run("config", "filter.odd=name.x.process", f"{trap} process")
        for probe in probes:  # the same content, a new time: git hashes the file again
            stat = probe.stat()
            os.utime(probe, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
        response = api.get(_url(project, "/git"))
        assert response.status_code == 200, response.text
        assert response.json()["repository"] is True and response.json()["branch"] == branch
        assert sorted(p.name for p in tmp_path.glob("ran-*")) == []
        # the trap is real: git on its own springs it
        subprocess.run(["git", "status"], cwd=project_root, capture_output=True, timeout=60)
        assert sorted(p.name for p in tmp_path.glob("ran-*")) == [
            "ran-clean",
            "ran-fsmonitor",
            "ran-process",
        ]
    finally:
        (project_root / ".git" / "info" / "attributes").unlink(missing_ok=True)
        for key in ("core.fsmonitor", "filter.cleaner.clean", "filter.odd=name.x.process"):
            subprocess.run(["git", "config", "--unset", key], cwd=project_root, timeout=60)
        run("reset", "-q", "--hard", head.decode())
        for probe in probes:
            probe.unlink(missing_ok=True)
