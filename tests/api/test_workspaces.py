"""dg workspaces: a real workspace of two projects made by create-dagster, browsed, opened as a
whole (each project with its own environment and worker), and refused when an entry leads out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import (
    Designer,
    definitions,
    dg_workspace,
    start_designer,
    stop_designer,
    wait_for_project,
)

ASSETS = "import dagster as dg\n\n\n@dg.asset\ndef {name}() -> None:\n    pass\n"


@pytest.fixture(scope="module")
def lakehouse(designer: Designer) -> Path:
    return dg_workspace(
        designer.workspace,
        "lakehouse",
        {
            "alpha": ASSETS.format(name="alpha_orders"),
            "beta": ASSETS.format(name="beta_customers"),
        },
    )


@pytest.fixture(scope="module")
def opened(api: httpx.Client, lakehouse: Path) -> Iterator[dict]:
    response = api.post("/workspaces/open", json={"path": str(lakehouse)})
    assert response.status_code == 201, response.text
    yield response.json()
    for project in response.json()["projects"]:
        api.delete(f"/projects/{project['id']}")


def test_a_browsed_workspace_lists_its_projects(api: httpx.Client, lakehouse: Path) -> None:
    listing = api.get("/folders", params={"path": str(lakehouse)}).json()
    assert listing["is_project"] is False
    assert "is a dg workspace" in listing["reason"]
    projects = lakehouse / "projects"
    assert listing["workspace"] == {
        "path": str(lakehouse),
        "name": "lakehouse",
        "projects": [
            {"name": "alpha", "path": str(projects / "alpha"), "is_project": True, "reason": None},
            {"name": "beta", "path": str(projects / "beta"), "is_project": True, "reason": None},
        ],
    }
    parent = api.get("/folders", params={"path": str(lakehouse.parent)}).json()
    entry = next(e for e in parent["entries"] if e["name"] == "lakehouse")
    assert (entry["is_workspace"], entry["is_project"]) == (True, False)
    inside = api.get("/folders", params={"path": str(projects)}).json()
    assert {(e["name"], e["is_project"], e["is_workspace"]) for e in inside["entries"]} == {
        ("alpha", True, False),
        ("beta", True, False),
    }
    assert inside["workspace"] is None
    # the workspace's own environment for `dg` is no project to open
    deployments = api.get("/folders", params={"path": str(lakehouse / "deployments")}).json()
    assert [(e["name"], e["is_project"], e["is_workspace"]) for e in deployments["entries"]] == [
        ("local", False, False)
    ]


def test_opening_a_workspace_opens_each_project_with_its_own_worker(
    api: httpx.Client, lakehouse: Path, opened: dict
) -> None:
    assert (opened["path"], opened["name"]) == (str(lakehouse), "lakehouse")
    alpha, beta = (wait_for_project(api, p["id"]) for p in opened["projects"])
    assert [alpha["path"], beta["path"]] == [
        str(lakehouse / "projects" / "alpha"),
        str(lakehouse / "projects" / "beta"),
    ]
    for project in (alpha, beta):
        assert project["status"] == "ready", project.get("error")
        assert project["workspace"] == {"path": str(lakehouse), "name": "lakehouse"}
    keys = {p["id"]: {a["key"] for a in definitions(api, p)["assets"]} for p in (alpha, beta)}
    assert keys == {alpha["id"]: {"alpha_orders"}, beta["id"]: {"beta_customers"}}
    # each worker runs its own project's interpreter (create-dagster gives each a .venv)
    for project in (alpha, beta):
        pid = api.get(f"/projects/{project['id']}").json()["worker"]["pid"]
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        assert argv[0].decode() == f"{project['path']}/.venv/bin/python"
    listed = {p["id"]: p["workspace"] for p in api.get("/projects").json()}
    assert (
        listed[alpha["id"]] == listed[beta["id"]] == {"path": str(lakehouse), "name": "lakehouse"}
    )


def test_a_project_open_on_its_own_joins_its_workspace_and_keeps_it_after_a_restart(
    lakehouse: Path, tmp_path: Path
) -> None:
    workspace = tmp_path / "workspace"
    alpha, beta = lakehouse / "projects/alpha", lakehouse / "projects/beta"
    server = start_designer(workspace)
    try:
        with server.client() as client:
            single = client.post("/projects", json={"path": str(alpha)}).json()
            assert single["workspace"] is None
            response = client.post("/workspaces/open", json={"path": str(lakehouse)})
            assert response.status_code == 201, response.text
            ids = [p["id"] for p in response.json()["projects"]]
            assert ids[0] == single["id"]  # reused, not opened twice
    finally:
        stop_designer(server)
    server = start_designer(workspace)
    try:
        with server.client() as client:
            listed = {p["path"]: (p["id"], p["workspace"]) for p in client.get("/projects").json()}
    finally:
        stop_designer(server)
    kept = {"path": str(lakehouse), "name": "lakehouse"}
    assert listed == {str(alpha): (ids[0], kept), str(beta): (ids[1], kept)}


def test_opening_it_again_reuses_the_open_projects(
    api: httpx.Client, lakehouse: Path, opened: dict
) -> None:
    before = len(api.get("/projects").json())
    again = api.post("/workspaces/open", json={"path": str(lakehouse)})
    assert again.status_code == 200, again.text
    assert [p["id"] for p in again.json()["projects"]] == [p["id"] for p in opened["projects"]]
    assert len(api.get("/projects").json()) == before


def test_a_workspace_is_not_opened_as_a_project(api: httpx.Client, lakehouse: Path) -> None:
    response = api.post("/projects", json={"path": str(lakehouse)})
    assert response.status_code == 400
    assert "is a dg workspace, not a project: open it as a workspace" in response.json()["detail"]


def test_a_project_is_not_opened_as_a_workspace(api: httpx.Client, lakehouse: Path) -> None:
    response = api.post("/workspaces/open", json={"path": str(lakehouse / "projects/alpha")})
    assert response.status_code == 400
    assert 'does not set directory_type = "workspace"' in response.json()["detail"]


@pytest.mark.parametrize("leading_out", ["dots", "link"])
def test_a_workspace_with_an_entry_leading_out_opens_nothing(
    api: httpx.Client, designer: Designer, lakehouse: Path, leading_out: str
) -> None:
    bad = dg_workspace(designer.workspace, f"leaky_{leading_out}", {})
    outside = lakehouse / "projects" / "alpha"
    if leading_out == "link":
        (bad / "projects" / "alpha").symlink_to(outside)
        entry = "projects/alpha"
    else:
        entry = "../lakehouse/projects/alpha"
    with (bad / "dg.toml").open("a") as toml:
        toml.write(f'\n[[workspace.projects]]\npath = "{entry}"\n')
    listing = api.get("/folders", params={"path": str(bad)}).json()["workspace"]
    (project,) = listing["projects"]
    assert project["is_project"] is False
    assert f"`{entry}` is refused" in project["reason"]
    before = api.get("/projects").json()
    response = api.post("/workspaces/open", json={"path": str(bad)})
    assert response.status_code == 400
    assert f"`{entry}` is refused" in response.json()["detail"]
    assert "only projects inside its folder" in response.json()["detail"]
    assert api.get("/projects").json() == before


def test_a_workspace_without_projects_says_how_to_add_one(
    api: httpx.Client, designer: Designer
) -> None:
    empty = dg_workspace(designer.workspace, "empty_lake", {})
    response = api.post("/workspaces/open", json={"path": str(empty)})
    assert response.status_code == 400
    assert "create-dagster project projects/NAME" in response.json()["detail"]
