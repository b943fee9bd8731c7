"""Creating, opening, listing and forgetting projects."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from dagster_designer.services.events import EventBus
from dagster_designer.services.manager import ProjectManager
from dagster_designer.settings import Settings
from tests.support import (
    ApiRoute,
    Designer,
    api_routes,
    project_copy,
    run_async,
    start_designer,
    stop_designer,
    wait_for_project,
    worker_processes,
)


def test_created_project_is_a_real_dg_project(project: dict, project_root: Path) -> None:
    assert project["status"] == "ready"
    assert project["defs_path"] == "src/sales_analytics/defs"
    pyproject = (project_root / "pyproject.toml").read_text()
    assert "dagster==1.13.27" in pyproject and "[tool.dg]" in pyproject
    assert (project_root / ".venv" / "bin" / "dg").exists()
    assert project["progress"], "creation output is shown as progress"


def test_project_list_and_lookup(api: httpx.Client, project: dict) -> None:
    listed = api.get("/projects").json()
    assert [p["id"] for p in listed].count(project["id"]) == 1
    assert api.get(f"/projects/{project['id']}").json()["path"] == project["path"]
    assert api.get("/projects/nope").status_code == 404


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("", "Enter a name"),
        ("   ", "Enter a name"),
        ("sales analytics", "underscores instead of spaces"),
        ("../x", "not a path"),
        ("a/b", "not a path"),
        ("class", "keyword"),
        ("json", "standard module"),
        ("dagster", "shadow"),
        ("9lives", "starting with a letter"),
        ("x" * 80, "under 64"),
        ("sales_analytics", "already exists"),
    ],
)
def test_bad_names_are_refused_and_create_nothing(
    api: httpx.Client, designer: Designer, project: dict, name: str, words: str
) -> None:
    before = sorted(p.name for p in designer.workspace.iterdir())
    response = api.post("/projects", json={"name": name})
    assert response.status_code == 400, response.text
    assert words in response.json()["detail"]
    assert sorted(p.name for p in designer.workspace.iterdir()) == before


def test_request_must_name_or_path(api: httpx.Client) -> None:
    for body in ({}, {"name": "a", "path": "/tmp"}, {"nome": "a"}):
        response = api.post("/projects", json=body)
        assert response.status_code == 422
        assert isinstance(response.json()["detail"], str)


def test_opening_the_same_folder_returns_the_open_project(api: httpx.Client, project: dict) -> None:
    response = api.post("/projects", json={"path": project["path"]})
    assert response.status_code == 200
    assert response.json()["id"] == project["id"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        ("missing", "is not a folder"),
        ("empty", "no pyproject.toml"),
        ("plain_python", "without a [tool.dg] section"),
        ("workspace", "workspace, not a project"),
    ],
)
def test_opening_a_folder_that_is_not_a_project(
    api: httpx.Client, tmp_path: Path, make: str, words: str
) -> None:
    folder = tmp_path / make
    if make != "missing":
        folder.mkdir()
    if make == "plain_python":
        (folder / "pyproject.toml").write_text('[project]\nname = "x"\n')
    if make == "workspace":
        (folder / "dg.toml").write_text('directory_type = "workspace"\n')
    response = api.post("/projects", json={"path": str(folder)})
    assert response.status_code == 400
    assert words in response.json()["detail"]


GOOD_DG = '[tool.dg]\ndirectory_type = "project"\n[tool.dg.project]\nroot_module = "x"\n'
MISTYPED_CONFIGS = [
    ("pyproject.toml", "tool = 1\n", "`tool` must be a table"),
    ("pyproject.toml", '[tool]\ndg = "x"\n', "`tool.dg` must be a table"),
    ("pyproject.toml", '[tool.dg]\ndirectory_type = "project"\nproject = 1\n', "`project`"),
    ("pyproject.toml", 'project = "x"\n' + GOOD_DG, "`project` must be a table"),
    ("pyproject.toml", GOOD_DG + "registry_modules = 1\n", "registry_modules"),
    ("pyproject.toml", GOOD_DG + "code_location_target_module = 1\n", "not a Python module"),
    ("dg.toml", 'directory_type = "project"\nproject = [1]\n', "`project` must be a table"),
    (
        "dg.toml",
        'directory_type = "project"\n[project]\nroot_module = "x"\nregistry_modules = [1]\n',
        "registry_modules",
    ),
]


@pytest.mark.parametrize(("name", "text", "words"), MISTYPED_CONFIGS)
def test_a_config_of_the_wrong_shape_is_refused_and_writes_nothing(
    api: httpx.Client, tmp_path: Path, name: str, text: str, words: str
) -> None:
    folder = tmp_path / "mistyped"
    (folder / "x").mkdir(parents=True)
    (folder / name).write_text(text)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    listed = _ids_and_paths(api)
    response = api.post("/projects", json={"path": str(folder)})
    assert response.status_code == 400, response.text
    assert words in response.json()["detail"]
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert _ids_and_paths(api) == listed


def _ids_and_paths(api: httpx.Client) -> list[tuple[str, str]]:
    """Which projects are open (their workers' states come and go meanwhile)."""
    return [(p["id"], p["path"]) for p in api.get("/projects").json()]


def test_a_listed_project_whose_config_broke_is_listed_with_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[tool]\ndg = "x"\n')
    workspace = tmp_path / "workspace"
    (workspace / ".dagster-designer").mkdir(parents=True)
    stored = {"id": "broken", "name": "broken", "path": str(folder)}
    (workspace / ".dagster-designer" / "projects.json").write_text(
        json.dumps({"version": 1, "projects": [stored]})
    )
    server = start_designer(workspace)
    try:
        with server.client() as client:
            response = client.get("/projects")
            assert response.status_code == 200, response.text
            [project] = response.json()
            assert project["status"] == "error"
            assert "`tool.dg` must be a table" in project["error"]
            response = client.get("/projects/broken/definitions")
            assert response.status_code == 409, response.text
    finally:
        stop_designer(server)
    assert sorted(p.name for p in folder.iterdir()) == ["pyproject.toml"]


def test_relative_path_is_refused(api: httpx.Client) -> None:
    response = api.post("/projects", json={"path": "some/where"})
    assert response.status_code == 400
    assert "absolute" in response.json()["detail"]


def test_open_in_place_then_forget_keeps_the_files(
    api: httpx.Client, project_root: Path, tmp_path: Path
) -> None:
    # a copy of the created project, opened where it lies (its .venv is reused by symlink)
    copy = project_copy(project_root, tmp_path / "opened_copy")
    response = api.post("/projects", json={"path": str(copy)})
    assert response.status_code == 201, response.text
    opened = response.json()
    assert opened["status"] == "ready" and opened["path"] == str(copy)
    assert api.get(f"/projects/{opened['id']}/defs").status_code == 200
    # files outside the workspace are never deleted
    refused = api.delete(f"/projects/{opened['id']}", params={"delete_files": "true"})
    assert refused.status_code == 403
    assert api.delete(f"/projects/{opened['id']}").status_code == 204
    assert copy.exists() and (copy / "pyproject.toml").exists()
    assert api.get(f"/projects/{opened['id']}").status_code == 404


def test_failed_creation_leaves_no_folder(tmp_path: Path) -> None:
    # uv may neither download nor use its cache: creating the environment must fail
    server = start_designer(tmp_path / "workspace", env={"UV_OFFLINE": "1", "UV_NO_CACHE": "1"})
    try:
        with server.client() as client:
            response = client.post("/projects", json={"name": "doomed"})
            assert response.status_code == 202
            project = wait_for_project(client, response.json()["id"], timeout=300)
            assert project["status"] == "error"
            assert "create-dagster failed" in project["error"]
            assert not (server.workspace / "doomed").exists()
            # the name is free again once the failed project is forgotten
            assert client.delete(f"/projects/{project['id']}").status_code == 204
            assert client.get("/projects").json() == []
    finally:
        stop_designer(server)


def test_interrupted_creation_is_cleaned_up_at_next_start(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    server = start_designer(workspace)
    try:
        with server.client() as client:
            response = client.post("/projects", json={"name": "interrupted"})
            assert response.status_code == 202
    finally:
        stop_designer(server)  # stops creation midway: the folder goes with it
    assert not (workspace / "interrupted").exists()
    again = start_designer(workspace)
    try:
        with again.client() as client:
            assert client.get("/projects").json() == []
    finally:
        stop_designer(again)


def _wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.1)


@pytest.mark.parametrize("delete_files", [False, True])
def test_deleting_a_project_while_it_is_being_created(tmp_path: Path, delete_files: bool) -> None:
    workspace = tmp_path / "workspace"
    server = start_designer(workspace)
    try:
        with server.client() as client:
            # once create-dagster is at work, and at once, before it starts
            for name, wait in (("half_made", True), ("never_started", False)):
                created = client.post("/projects", json={"name": name})
                assert created.status_code == 202, created.text
                project_id = created.json()["id"]
                folder = workspace / name
                if wait:
                    _wait_for(folder.exists, 300, "create-dagster made no folder")
                response = client.delete(
                    f"/projects/{project_id}", params={"delete_files": delete_files}
                )
                assert response.status_code == 204, response.text
                assert client.get(f"/projects/{project_id}").status_code == 404
                assert client.get("/projects").json() == []
                assert not folder.exists()
                _wait_for(
                    lambda: set(worker_processes(workspace)) == {server.process.pid},
                    30,
                    "create-dagster still runs",
                )
            # the name is free again, and the server still works
            again = client.post("/projects", json={"name": "half_made"})
            assert again.status_code == 202, again.text
            assert client.delete(f"/projects/{again.json()['id']}").status_code == 204
    finally:
        stop_designer(server)
    assert not (workspace / "half_made").exists()
    restarted = start_designer(workspace)
    try:
        with restarted.client() as client:
            assert client.get("/projects").json() == []
    finally:
        stop_designer(restarted)


def test_a_failure_before_create_dagster_starts_ends_in_error(tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    server = start_designer(workspace)
    project_list = workspace / ".dagster-designer" / "projects.json"
    try:
        with server.client() as client:
            project_list.unlink(missing_ok=True)
            project_list.mkdir()  # the project list cannot be written: a disk error
            response = client.post("/projects", json={"name": "unsaved"})
            assert response.status_code == 202, response.text
            project = wait_for_project(client, response.json()["id"], timeout=120)
            assert project["status"] == "error"
            assert "projects.json" in project["error"], project["error"]
            assert not (workspace / "unsaved").exists()
            project_list.rmdir()
            assert client.delete(f"/projects/{project['id']}").status_code == 204
            assert client.get("/projects").json() == []
    finally:
        stop_designer(server)


def test_a_creation_stopped_by_anything_but_removal_ends_in_error(tmp_path: Path) -> None:
    """The manager behind the server: its creation task cancelled from outside."""

    async def scenario() -> None:
        settings = Settings(workspace=tmp_path / "workspace", token="t")
        manager = ProjectManager(settings, EventBus())
        await manager.startup()
        try:
            project = await manager.create("stopped")
            task = project.task
            assert task is not None
            deadline = time.monotonic() + 300
            while not project.path.exists():  # create-dagster is at work
                assert time.monotonic() < deadline, "create-dagster made no folder"
                await asyncio.sleep(0.1)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            assert project.status == "error"
            assert "stopped" in (project.error or "")
            assert not project.path.exists()
            assert [p.id for p in manager.list()] == [project.id]
            await manager.remove(project.id, delete_files=False)
            assert manager.list() == []
        finally:
            await manager.shutdown()

    run_async(scenario())


PROJECT_ROUTES = [r for r in api_routes() if r.path.startswith("/api/v1/projects/{project_id}")]


def test_the_project_routes_gone_through_are_the_apps() -> None:
    paths = {(r.method, r.path) for r in PROJECT_ROUTES}
    assert ("GET", "/api/v1/projects/{project_id}/definitions") in paths
    assert ("DELETE", "/api/v1/projects/{project_id}") in paths
    assert ("WEBSOCKET", "/api/v1/projects/{project_id}/live") in paths


@pytest.mark.parametrize("route", [r for r in PROJECT_ROUTES if r.method != "WEBSOCKET"], ids=str)
def test_every_project_endpoint_answers_404_for_an_unknown_project(
    api: httpx.Client, route: ApiRoute
) -> None:
    path = route.url(project_id="no_such_project").removeprefix("/api/v1")
    response = api.request(route.method, path)
    assert response.status_code == 404, response.text
    assert "no_such_project" in response.json()["detail"]


@pytest.mark.parametrize("route", [r for r in PROJECT_ROUTES if r.method == "WEBSOCKET"], ids=str)
def test_every_project_websocket_closes_with_4404_for_an_unknown_project(
    designer: Designer, route: ApiRoute
) -> None:
    url = f"ws://127.0.0.1:{designer.port}{route.url(project_id='no_such_project')}"
    headers = {"Authorization": f"Bearer {designer.token}"}
    with connect(url, additional_headers=headers) as ws, pytest.raises(ConnectionClosed):
        ws.recv(timeout=30)
    assert ws.close_code == 4404
    assert "no_such_project" in (ws.close_reason or "")


def test_a_project_that_failed_to_open_answers_409(api: httpx.Client, tmp_path: Path) -> None:
    folder = tmp_path / "no_env"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "no_env"\n[tool.dg]\ndirectory_type = "project"\n'
        '[tool.dg.project]\nroot_module = "no_env"\n'
    )
    project = api.post("/projects", json={"path": str(folder)}).json()
    try:
        project = wait_for_project(api, project["id"], timeout=120)
        assert project["status"] == "error"
        response = api.get(f"/projects/{project['id']}/definitions")
        assert response.status_code == 409
        assert "not ready" in response.json()["detail"]
    finally:
        api.delete(f"/projects/{project['id']}")
