"""dbt on DuckDB in a test project: dagster-dbt installed in the project's environment, the
`dbt_shop` fixture as a dbt project with a `DbtProjectComponent`, and generated models."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support import wait_for_project

FIXTURE = Path(__file__).parent / "fixtures" / "dbt_shop"
PACKAGES = ["dagster-dbt", "dbt-duckdb", "dbt-core<1.12"]  # dbt-core 1.12 builds from GitHub
GENERATED = "generated"  # the folder of generated models inside the dbt project's models


def install_dbt(root: Path) -> None:
    """`uv add` dagster-dbt and dbt on DuckDB to the project, as a user would in a terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["UV_COMPILE_BYTECODE"] = "1"
    uv = Path(sys.executable).parent / "uv"
    subprocess.run(
        [str(uv), "add", *PACKAGES],
        cwd=root,
        env=env,
        check=True,
        timeout=900,
        capture_output=True,
    )


def new_dbt_project(client: httpx.Client, name: str) -> tuple[dict, Path]:
    """A new project created through the designer, with dbt installed and the fixture added as
    a `DbtProjectComponent`: the project and its dbt project's folder."""
    response = client.post("/projects", json={"name": name})
    project = wait_for_project(client, response.json()["id"])
    assert project["status"] == "ready", project.get("error")
    install_dbt(Path(project["path"]))
    return project, add_dbt_component(client, project)


def add_dbt_component(client: httpx.Client, project: dict, folder: str = "dbt_shop") -> Path:
    """Copies the fixture into the project as `folder` and scaffolds a `DbtProjectComponent`
    for it at `transform`; returns the dbt project's folder."""
    dbt_root = Path(project["path"]) / folder
    shutil.copytree(FIXTURE, dbt_root)
    scaffolded = client.post(
        f"/projects/{project['id']}/defs",
        json={
            "type": "dagster_dbt.DbtProjectComponent",
            "path": "transform",
            "params": {"project_path": folder},
        },
    )
    assert scaffolded.status_code == 201, scaffolded.text
    return dbt_root


def write_models(dbt_root: Path, count: int) -> None:
    """Replaces the generated models with `count` models in a binary tree over the fixture's
    staging models, each documented and with a column test (an asset check)."""
    folder = dbt_root / "models" / GENERATED
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    entries = []
    for index in range(count):
        name = f"model_{index:04d}"
        upstream = "stg_orders" if index == 0 else f"model_{(index - 1) // 2:04d}"
        (folder / f"{name}.sql").write_text(
            f"select id, customer_id, amount from {{{{ ref('{upstream}') }}}}\n"
        )
        entries.append(
            f"  - name: {name}\n"
            f"    description: Orders seen through generated model {index}.\n"
            "    columns:\n"
            "      - name: id\n"
            "        data_tests: [not_null]\n"
        )
    (folder / "schema.yml").write_text("version: 2\n\nmodels:\n" + "".join(entries))
