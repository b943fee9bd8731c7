"""dbt projects of 5, 50 and 500 models open with every model, and what the designer sends for
them grows with the number of assets, not with its square: every dbt asset carries the whole
manifest in its metadata, which the definitions only summarise; one asset's full metadata is
served on request. One project is made for the module; each size rewrites its models."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.dbt_projects import GENERATED, new_dbt_project, write_models
from tests.support import Designer, dg_list_defs, start_designer, stop_designer

# What one asset may cost in `GET /definitions`, everything included.
BYTES_PER_ASSET = 2048


@pytest.fixture(scope="module")
def dbt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Designer]:
    # parsing 500 dbt models takes a while on a small, busy machine
    workspace = tmp_path_factory.mktemp("dbt_scale") / "workspace"
    server = start_designer(workspace, "--load-timeout", "600")
    yield server
    stop_designer(server)


@pytest.fixture(scope="module")
def warehouse(dbt_server: Designer) -> Iterator[tuple[httpx.Client, dict, Path]]:
    with dbt_server.client() as client:
        project, dbt_root = new_dbt_project(client, "warehouse")
        yield client, project, dbt_root


@pytest.mark.parametrize("models", [5, 50, 500])
def test_a_dbt_project_opens_with_every_model(
    warehouse: tuple[httpx.Client, dict, Path], models: int
) -> None:
    client, project, dbt_root = warehouse
    write_models(dbt_root, models)
    started = time.perf_counter()
    response = client.get(f"/projects/{project['id']}/definitions")
    opened = time.perf_counter() - started
    assert response.status_code == 200, response.text
    ours = response.json()
    assert ours["errors"] == []
    started = time.perf_counter()
    reference = dg_list_defs(Path(project["path"]))
    listed = time.perf_counter() - started
    assert sorted(a["key"] for a in ours["assets"]) == sorted(
        a["asset_key"] for a in reference["assets"]
    )
    assert sum(a["key"].startswith("model_") for a in ours["assets"]) == models
    assert sorted(c["key"] for c in ours["asset_checks"]) == sorted(
        c["key"] for c in reference["asset_checks"]
    )
    per_asset = len(response.content) / len(ours["assets"])
    print(
        f"\n{models} models: {len(ours['assets'])} assets, /definitions {len(response.content)} "
        f"bytes ({per_asset:.0f} per asset), opened in {opened:.1f} s; "
        f"dg list defs --json {listed:.1f} s"
    )
    assert per_asset < BYTES_PER_ASSET
    # the manifest each model carries is summarised, and served whole for one asset
    model = next(a for a in ours["assets"] if a["key"] == "model_0003")
    assert model["metadata"]["dagster_dbt/manifest"]["bytes"] > 50_000
    assert model["metadata"]["dagster_dbt/manifest"]["summary"].endswith(("KB", "MB"))
    # dbt loads its models from a copy of the project in the local state: the source is the
    # user's own file all the same
    own_sql = (dbt_root / "models" / GENERATED / "model_0003.sql").relative_to(project["path"])
    assert model["source"].partition(":")[0] == own_sql.as_posix(), model["source"]
    full = client.get(f"/projects/{project['id']}/assets/model_0003/metadata")
    assert full.status_code == 200, full.text
    assert full.json()["key"] == "model_0003"
    whole = full.json()["metadata"]
    assert "model.shop.model_0003" in whole["dagster_dbt/manifest"]["manifest"]["nodes"]
    assert whole["dagster/code_references"]
