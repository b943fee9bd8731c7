"""`GET /git/definitions-diff`: the working tree's definitions against a commit's, both loaded by
Dagster, in a project of its own that is a git repository."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import git, project_copy, wait_for_project

NAME = "diff_project"

TEXTS_BEFORE = 'DESCRIPTION = "as committed"\n'
TEXTS_AFTER = 'DESCRIPTION = "as in the working tree"\n'

PIPELINE_BEFORE = """\
import dagster as dg

from diff_project.texts import DESCRIPTION


@dg.asset
def source() -> None: ...


@dg.asset(deps=[source], group_name="raw")
def cleaned() -> None: ...


@dg.asset(description=DESCRIPTION)
def described() -> None: ...


@dg.asset
def dropped() -> None: ...


@dg.asset_check(asset=source)
def source_present() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


everything = dg.define_asset_job("everything", selection=[source, cleaned])
old_job = dg.define_asset_job("old_job", selection=[source])
hourly = dg.ScheduleDefinition(name="hourly", cron_schedule="0 * * * *", job=everything)
gone_schedule = dg.ScheduleDefinition(name="gone_schedule", cron_schedule="0 0 * * *", job=old_job)


@dg.sensor(job=everything)
def watcher() -> None: ...


@dg.sensor(job=old_job)
def old_sensor() -> None: ...
"""

PIPELINE_AFTER = """\
import dagster as dg

from diff_project.texts import DESCRIPTION


@dg.asset
def source() -> None: ...


@dg.asset
def added_asset() -> None: ...


@dg.asset(deps=[source, added_asset], group_name="clean")
def cleaned() -> None: ...


@dg.asset(description=DESCRIPTION)
def described() -> None: ...


@dg.asset_check(asset=source)
def source_present() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


@dg.asset_check(asset=cleaned)
def cleaned_present() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


everything = dg.define_asset_job("everything", selection=[source, cleaned, added_asset])
new_job = dg.define_asset_job("new_job", selection=[added_asset])
hourly = dg.ScheduleDefinition(name="hourly", cron_schedule="30 * * * *", job=everything)
new_schedule = dg.ScheduleDefinition(name="new_schedule", cron_schedule="0 6 * * *", job=new_job)


@dg.sensor(job=new_job)
def watcher() -> None: ...


@dg.sensor(job=everything)
def new_sensor() -> None: ...
"""


def leftovers() -> list[Path]:
    return sorted(Path(tempfile.gettempdir()).glob("dagster-designer-commit-*"))


def diff(api: httpx.Client, project: dict, ref: str = "HEAD") -> httpx.Response:
    return api.get(
        f"/projects/{project['id']}/git/definitions-diff", params={"ref": ref}, timeout=600
    )


@pytest.fixture(scope="module")
def repo(api: httpx.Client) -> Iterator[dict]:
    """A project of its own, made a repository: the first diff is asked before any commit;
    then the committed state, a tagged commit whose code fails, and the working tree's changes.
    """
    response = api.post("/projects", json={"name": NAME})
    assert response.status_code == 202, response.text
    project = wait_for_project(api, response.json()["id"])
    assert project["status"] == "ready", project.get("error")
    root = Path(project["path"])
    package = root / "src" / NAME
    shutil.rmtree(root / ".git")  # a new project is a repository with a commit: start unborn
    git(root, "init", "--initial-branch=main")
    (package / "texts.py").write_text(TEXTS_BEFORE)
    (package / "defs" / "pipeline.py").write_text(PIPELINE_BEFORE)
    unborn = diff(api, project)
    git(root, "add", "-A")
    git(root, "commit", "-m", "The pipeline")
    (package / "defs" / "broken.py").write_text("import dagster as dg\n\nraise ValueError('no')\n")
    git(root, "add", "-A")
    git(root, "commit", "-m", "A module that fails")
    git(root, "tag", "broken")
    git(root, "reset", "--hard", "HEAD~1")
    (package / "texts.py").write_text(TEXTS_AFTER)
    (package / "defs" / "pipeline.py").write_text(PIPELINE_AFTER)
    project["unborn"] = unborn
    yield project
    api.delete(f"/projects/{project['id']}", params={"delete_files": "true"})


@pytest.fixture(scope="module")
def changes(api: httpx.Client, repo: dict) -> dict:
    started = time.monotonic()
    response = diff(api, repo)
    repo["first_seconds"] = time.monotonic() - started
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"] is None, body["error"]
    return body


def test_before_the_first_commit_everything_is_added(repo: dict) -> None:
    unborn = repo["unborn"]
    assert unborn.status_code == 200, unborn.text
    body = unborn.json()
    assert body["commit"] is None and body["error"] is None
    assert body["assets"]["added"] == ["cleaned", "described", "dropped", "source"]
    assert body["jobs"]["added"] == ["everything", "old_job"]
    assert body["schedules"]["added"] == ["gone_schedule", "hourly"]
    assert body["sensors"]["added"] == ["old_sensor", "watcher"]
    assert body["asset_checks"]["added"] == ["source:source_present"]


def test_assets_added_removed_and_changed(changes: dict) -> None:
    assets = changes["assets"]
    assert assets["added"] == ["added_asset"]
    assert assets["removed"] == ["dropped"]
    changed = {item["key"]: item["fields"] for item in assets["changed"]}
    assert changed["cleaned"] == ["deps", "group"]


def test_the_commit_is_loaded_with_its_own_modules(changes: dict) -> None:
    """`texts.py` lies outside the defs folder and the package is installed editable: had the
    working tree's module been imported for the commit, the description would not differ."""
    changed = {item["key"]: item["fields"] for item in changes["assets"]["changed"]}
    assert changed["described"] == ["description"]
    assert set(changed) == {"cleaned", "described"}


def test_checks_jobs_schedules_and_sensors(changes: dict) -> None:
    assert changes["asset_checks"] == {
        "added": ["cleaned:cleaned_present"],
        "removed": [],
        "changed": [],
    }
    assert changes["jobs"] == {
        "added": ["new_job"],
        "removed": ["old_job"],
        "changed": [{"key": "everything", "fields": ["asset_keys"]}],
    }
    assert changes["schedules"] == {
        "added": ["new_schedule"],
        "removed": ["gone_schedule"],
        "changed": [{"key": "hourly", "fields": ["cron_schedule"]}],
    }
    assert changes["sensors"] == {
        "added": ["new_sensor"],
        "removed": ["old_sensor"],
        "changed": [{"key": "watcher", "fields": ["job_names"]}],
    }


def test_nothing_is_left_behind(repo: dict, changes: dict) -> None:
    root = Path(repo["path"])
    assert leftovers() == []
    assert git(root, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert git(root, "stash", "list") == ""
    status = git(root, "status", "--porcelain", "--untracked-files=all")
    assert sorted(line[3:] for line in status.splitlines()) == [
        f"src/{NAME}/defs/pipeline.py",
        f"src/{NAME}/texts.py",
    ]


def test_a_second_diff_reuses_the_commits_load(
    api: httpx.Client, repo: dict, changes: dict
) -> None:
    started = time.monotonic()
    again = diff(api, repo, git(Path(repo["path"]), "rev-parse", "HEAD"))
    seconds = time.monotonic() - started
    assert again.status_code == 200
    assert {k: again.json()[k] for k in ("assets", "jobs")} == {
        k: changes[k] for k in ("assets", "jobs")
    }
    # no process imports Dagster for it: only the comparison is done again
    assert seconds < repo["first_seconds"], (seconds, repo["first_seconds"])


def test_a_commit_whose_code_fails_is_reported_not_an_error(api: httpx.Client, repo: dict) -> None:
    response = diff(api, repo, "broken")
    assert response.status_code == 200, response.text
    body = response.json()
    assert "no" in body["error"] and "broken" not in body["assets"]["removed"]
    assert body["assets"] == {"added": [], "removed": [], "changed": []}
    assert leftovers() == []


@pytest.mark.parametrize("ref", ["no-such-branch", "HEAD~5", "--output=/tmp/x"])
def test_an_unknown_ref_is_400(api: httpx.Client, repo: dict, ref: str) -> None:
    response = diff(api, repo, ref)
    assert response.status_code == 400, response.text
    assert "names no commit" in response.json()["detail"]


def test_a_project_that_is_no_repository_is_409(
    api: httpx.Client, project_root: Path, tmp_path: Path
) -> None:
    copy = project_copy(project_root, tmp_path / "no_repository")
    opened = api.post("/projects", json={"path": str(copy)}).json()
    try:
        response = diff(api, opened)
    finally:
        api.delete(f"/projects/{opened['id']}")
    assert response.status_code == 409, response.text
    assert "not in a git repository" in response.json()["detail"]
