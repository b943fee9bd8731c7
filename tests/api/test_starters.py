"""Projects from starters: each made by create-dagster, Dagster's scaffolders and the designer's
builders, loading under `dg check defs` and running end to end offline; and the folders Open
project may browse."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import (
    Designer,
    dg_command,
    launch,
    start_designer,
    stop_designer,
    wait_for_project,
    wait_run,
)

# a whole run of the sales starter (dbt included) on a busy two-core machine
STARTER_RUN_TIMEOUT = 1200.0

EXPECTED = {
    "python": {
        "ingest/cities": ("ingest", ["csv", "python"], [{"team": "data"}]),
        "transform/city_density": ("transform", ["python"], [{"team": "data"}]),
        "reports/densest_cities": ("reports", ["python"], [{"team": "data"}]),
    },
    "sales": {
        **{
            f"raw/{t}": ("ingestion", ["csv", "duckdb", "python"], [{"team": "data-engineering"}])
            for t in ("customers", "orders", "products")
        },
        **{
            f"staging/{t}": ("staging", ["dbt", "duckdb"], [{"team": "analytics"}])
            for t in ("customers", "orders", "products")
        },
        **{
            f"marts/{t}": ("marts", ["dbt", "duckdb"], [{"team": "analytics"}])
            for t in ("daily_revenue", "customer_revenue")
        },
        "reports/top_customers": ("reporting", ["duckdb", "python"], [{"team": "analytics"}]),
    },
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Designer]:
    # parsing the sales starter's dbt project takes a while on a small machine
    designer = start_designer(
        tmp_path_factory.mktemp("starters") / "workspace", "--load-timeout", "300"
    )
    yield designer
    stop_designer(designer)


@pytest.fixture(scope="module")
def client(server: Designer) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def test_the_starters_say_what_they_contain(client: httpx.Client) -> None:
    starters = client.get("/starters").json()
    assert [s["id"] for s in starters] == ["empty", "python", "sales"]
    for starter in starters:
        assert starter["title"] and starter["description"] and starter["contains"]
    sales = next(s for s in starters if s["id"] == "sales")
    assert sales["title"] == "Sales analytics on DuckDB"
    assert any("dbt" in line for line in sales["contains"])


def test_an_unknown_starter_is_refused_with_the_list(
    client: httpx.Client, server: Designer
) -> None:
    response = client.post("/projects", json={"name": "nowhere", "starter": "jaffle"})
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert "jaffle" in detail and "empty, python, sales" in detail
    assert all(p["name"] != "nowhere" for p in client.get("/projects").json())
    assert not (server.workspace / "nowhere").exists()
    opening = client.post("/projects", json={"path": str(server.workspace), "starter": "sales"})
    assert opening.status_code == 422 and "starter" in opening.json()["detail"]


@pytest.mark.parametrize("starter", ["python", "sales"])
def test_a_starter_makes_a_project_that_runs(client: httpx.Client, starter: str) -> None:
    started = time.monotonic()
    response = client.post("/projects", json={"name": f"from_{starter}", "starter": starter})
    assert response.status_code == 202, response.text
    project = wait_for_project(client, response.json()["id"], timeout=1800)
    assert project["status"] == "ready", project.get("error")
    print(f"\n{starter}: created in {time.monotonic() - started:.0f} s")
    root = Path(project["path"])

    checked = dg_command(root, "check", "defs")
    assert checked.returncode == 0, checked.stdout + checked.stderr

    loaded = client.get(f"/projects/{project['id']}/definitions").json()
    assert loaded["errors"] == []
    assets = {a["key"]: a for a in loaded["assets"]}
    for key, (group, kinds, owners) in EXPECTED[starter].items():
        assert key in assets, sorted(assets)
        assert assets[key]["group"] == group
        assert sorted(assets[key]["kinds"]) == kinds
        assert assets[key]["owners"] == owners
    assert set(assets) == set(EXPECTED[starter])
    assert loaded["asset_checks"] and loaded["jobs"] and loaded["schedules"]

    run_id = launch(client, project, selection="*")
    run = wait_run(client, project, run_id, {"SUCCESS", "FAILURE"}, STARTER_RUN_TIMEOUT)
    assert run["status"] == "SUCCESS", run
    print(f"{starter}: ran every asset in {time.monotonic() - started:.0f} s since creation")


def test_folders_are_browsed_only_under_home_and_the_workspace(
    client: httpx.Client, server: Designer, tmp_path: Path
) -> None:
    workspace = server.workspace.resolve()
    top = client.get("/folders").json()
    assert str(workspace) in top["roots"] and str(Path.home().resolve()) in top["roots"]

    listing = client.get("/folders", params={"path": str(workspace)}).json()
    assert listing["parent"] is None and listing["is_project"] is False
    assert all(not e["name"].startswith(".") for e in listing["entries"])

    (workspace / "plain").mkdir(exist_ok=True)
    plain = client.get("/folders", params={"path": str(workspace / "plain")}).json()
    assert plain["is_project"] is False and "pyproject.toml" in plain["reason"]
    assert plain["parent"] == str(workspace)

    for outside in ("/etc", str(tmp_path), "relative/folder"):
        refused = client.get("/folders", params={"path": outside})
        assert refused.status_code == 403, refused.text
        assert (
            "outside the folders" in refused.json()["detail"]
            or "absolute" in (refused.json()["detail"])
        )
    (workspace / "escape").symlink_to("/etc")
    try:
        names = [
            e["name"]
            for e in client.get("/folders", params={"path": str(workspace)}).json()["entries"]
        ]
        assert "escape" not in names and "plain" in names
        through_link = client.get("/folders", params={"path": str(workspace / "escape")})
        assert through_link.status_code == 403, through_link.text
        up_and_out = client.get("/folders", params={"path": f"{workspace}/plain/../../.."})
        assert up_and_out.status_code == 403, up_and_out.text
    finally:
        (workspace / "escape").unlink()
    missing = client.get("/folders", params={"path": str(workspace / "missing")})
    assert missing.status_code == 404 and "not a folder" in missing.json()["detail"]
