"""The review's fixes on the assets of a dbt project (dagster-dbt's `DbtProjectComponent`): the
group they lack goes into the instance's defs.yaml as a `post_processing` rule, which Dagster
applies to what dbt parses; nothing else in the file changes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.dbt_projects import new_dbt_project
from tests.support import Designer, start_designer, stop_designer


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, dict, Path]]:
    # parsing a dbt project takes a while on a small machine: a generous load timeout
    server: Designer = start_designer(
        tmp_path_factory.mktemp("review-dbt") / "workspace", "--load-timeout", "300"
    )
    try:
        with server.client() as client:
            project, _dbt_root = new_dbt_project(client, "reviewed_shop")
            yield client, project, Path(project["path"])
    finally:
        stop_designer(server)


def review(client: httpx.Client, project: dict) -> list[dict]:
    response = client.get(f"/projects/{project['id']}/review", timeout=900)
    assert response.status_code == 200, response.text
    return response.json()["findings"]


def dbt_models(client: httpx.Client, project: dict) -> dict[str, dict]:
    loaded = client.get(f"/projects/{project['id']}/definitions").json()
    assert loaded["errors"] == []
    return {a["key"]: a for a in loaded["assets"] if "dbt" in a["kinds"] and a["is_executable"]}


def test_dbt_models_get_the_group_of_their_folder(shop: tuple[httpx.Client, dict, Path]) -> None:
    client, project, root = shop
    models = dbt_models(client, project)
    assert models and all(m["group"] == "default" for m in models.values()), models
    grouped = [f for f in review(client, project) if f["rule"] == "group" and f["target"] in models]
    assert {f["target"] for f in grouped} == set(models)
    rel = f"{project['defs_path']}/transform/defs.yaml"
    title = "Give its component's assets group_name: transform (its folder) in post_processing"
    assert {(f["file"], f["fix"]["title"].startswith(title)) for f in grouped} == {(rel, True)}
    assert not [
        f for f in review(client, project) if f["rule"] == "kinds" and f["target"] in models
    ]

    path, before = root / rel, (root / rel).read_bytes()
    body = {"rule": "group", "file": rel, "line": grouped[0]["line"]}
    applied = client.post(f"/projects/{project['id']}/review/fix", json=body)
    assert applied.status_code == 200, applied.text
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == (
        b"post_processing:\n  assets:\n    - target: '*'\n      attributes:\n"
        b"        group_name: transform\n"
    )
    deadline = time.monotonic() + 900  # dbt is parsed again with the component's new rule
    while time.monotonic() < deadline:
        findings = review(client, project)
        if not [f for f in findings if f["rule"] == "group" and f["target"] in models]:
            break
        time.sleep(2)
    assert not [f for f in findings if f["rule"] == "group" and f["target"] in models]
    assert {m["group"] for m in dbt_models(client, project).values()} == {"transform"}
