"""The integration library: the shipped catalogue, a project's view of it, and a real `uv add`
and `uv remove` of an integration whose component types then come and go."""

from __future__ import annotations

import subprocess
import time
from importlib import metadata
from pathlib import Path

import httpx
import pytest
import uv

from dagster_designer.server.models import Integration, IntegrationActivity, ProjectIntegration
from dagster_designer.services.integrations import library_version

INSTALL_TIMEOUT = 900.0
NAMED = [
    "dagster-dbt",
    "dagster-sling",
    "dagster-dlt",
    "dagster-fivetran",
    "dagster-airbyte",
    "dagster-snowflake",
    "dagster-gcp",  # BigQuery
    "dagster-databricks",
    "dagster-duckdb",
    "dagster-postgres",
    "dagster-aws",
    "dagster-azure",
    "dagster-k8s",
    "dagster-docker",
    "dagster-spark",
    "dagster-slack",
    "dagster-pagerduty",
    "dagster-datadog",
    "dagster-ge",  # Great Expectations
    "dagster-openai",
]
CATEGORIES = ["Data platforms", "Cloud", "ELT", "Compute", "Monitoring", "BI", "AI"]
SLING_COMPONENT = "dagster_sling.SlingReplicationCollectionComponent"


def _installed(project_root: Path) -> dict[str, str]:
    """What `uv pip list` says the project's environment holds."""
    listed = subprocess.run(
        [uv.find_uv_bin(), "pip", "list", "--python", str(project_root / ".venv/bin/python")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.splitlines()[2:]
    return dict(line.split()[:2] for line in listed)


def _until_settled(api: httpx.Client, project: dict, package: str) -> dict:
    deadline = time.monotonic() + INSTALL_TIMEOUT
    while time.monotonic() < deadline:
        current = api.get(f"/projects/{project['id']}").json()
        activity = current.get("integration") or {}
        if activity.get("package") == package and activity["state"] != "running":
            return current
        time.sleep(0.5)
    raise TimeoutError(f"`{package}` still running after {INSTALL_TIMEOUT} s")


def _component_keys(api: httpx.Client, project: dict) -> set[str]:
    return {t["key"] for t in api.get(f"/projects/{project['id']}/component-types").json()}


def _until_types(api: httpx.Client, project: dict, present: bool) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if (SLING_COMPONENT in _component_keys(api, project)) == present:
            return
        time.sleep(1)
    raise AssertionError(f"{SLING_COMPONENT} {'never came' if present else 'stayed'}")


def test_the_catalogue_covers_dagsters_integrations_for_its_release(api: httpx.Client) -> None:
    response = api.get("/integrations")
    assert response.status_code == 200, response.text
    catalogue = response.json()
    for entry in catalogue:
        Integration.model_validate(entry)
    by_package = {entry["package"]: entry for entry in catalogue}
    assert len(by_package) == len(catalogue), "packages are unique"
    assert set(NAMED) <= set(by_package)
    for category in CATEGORIES:
        assert any(e["category"] == category for e in catalogue), category
    dagster = metadata.version("create-dagster")  # the release the designer targets
    for entry in catalogue:
        assert entry["summary"] and entry["title"] and entry["docs"].startswith("https://")
        if not entry["community"]:
            assert entry["version"] in (library_version(dagster), dagster), entry
    assert by_package["dagster-dbt"]["version"] == library_version(dagster)
    assert "dagster_dbt.DbtProjectComponent" in by_package["dagster-dbt"]["provides"]["components"]
    duckdb = by_package["dagster-duckdb"]["provides"]
    assert duckdb["resources"] == ["dagster_duckdb.DuckDBResource"]
    assert duckdb["io_managers"] == ["dagster_duckdb.DuckDBIOManager"]


def test_a_projects_listing_is_its_environment(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    listing = api.get(f"/projects/{project['id']}/integrations").json()
    for entry in listing:
        ProjectIntegration.model_validate(entry)
    environment = _installed(project_root)
    dagster = environment["dagster"]
    for entry in listing:
        assert entry["installed"] == (entry["package"] in environment), entry["package"]
        if entry["installed"]:
            assert entry["version"] == environment[entry["package"]]
    by_package = {entry["package"]: entry for entry in listing}
    # offered at the release that goes with the project's Dagster
    assert by_package["dagster-sling"]["version"] == library_version(dagster)
    # Dagster's own packages are not integrations
    assert not {"dagster", "dagster-webserver", "dagster-dg-cli"} & set(by_package)


@pytest.mark.parametrize(
    "package",
    [
        "requests",
        "dagster duckdb",
        "--index-url=https://example.invalid/simple",
        "dagster-webserver",
        "../dagster-x",
        "dagster-duckdb; rm -rf /",
        "",
    ],
)
def test_a_bad_package_name_is_refused_and_runs_nothing(
    api: httpx.Client, project: dict, project_root: Path, package: str
) -> None:
    pyproject = (project_root / "pyproject.toml").read_bytes()
    before = api.get(f"/projects/{project['id']}").json()
    response = api.post(f"/projects/{project['id']}/integrations", json={"package": package})
    assert response.status_code == 400, response.text
    assert response.json()["detail"]
    after = api.get(f"/projects/{project['id']}").json()
    assert after["progress"] == before["progress"]
    assert after.get("integration") == before.get("integration")
    assert (project_root / "pyproject.toml").read_bytes() == pyproject


# dagster-snowflake: catalogued, and nothing the tests do adds it to the shared project (the
# builders' tests add dagster-duckdb to it)
@pytest.mark.parametrize("package", ["dagster-snowflake", "--index-url=x", "dagster", "a b"])
def test_removing_what_is_not_a_dependency_is_refused(
    api: httpx.Client, project: dict, project_root: Path, package: str
) -> None:
    pyproject = (project_root / "pyproject.toml").read_bytes()
    assert b'"dagster-snowflake' not in pyproject
    response = api.delete(f"/projects/{project['id']}/integrations/{package}")
    assert response.status_code == 400, response.text
    assert (project_root / "pyproject.toml").read_bytes() == pyproject


THIRD_PARTY = {
    "pyproject.toml": """\
[project]
name = "acme-components"
version = "0.3.1"
description = "Acme's tables as Dagster components"
dependencies = ["dagster"]

[project.entry-points."dagster_dg_cli.registry_modules"]
acme_components = "acme_components"

[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"
""",
    "acme_components/__init__.py": """\
import dagster as dg


class AcmeTableComponent(dg.Component, dg.Resolvable, dg.Model):
    \"\"\"An Acme table as an asset.\"\"\"

    table: str

    def build_defs(self, context: dg.ComponentLoadContext) -> dg.Definitions:
        return dg.Definitions(assets=[dg.AssetSpec(self.table)])
""",
}


def test_a_third_party_component_library_installed_by_hand_is_listed(
    api: httpx.Client, project: dict, project_root: Path, tmp_path: Path
) -> None:
    for name, text in THIRD_PARTY.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    python = ["--python", str(project_root / ".venv/bin/python")]
    pip = [uv.find_uv_bin(), "pip"]
    subprocess.run([*pip, "install", *python, str(tmp_path)], check=True, timeout=600)
    try:
        listing = {
            e["package"]: e for e in api.get(f"/projects/{project['id']}/integrations").json()
        }
        acme = listing["acme-components"]
        ProjectIntegration.model_validate(acme)
        assert acme["installed"] and acme["version"] == "0.3.1"
        assert acme["category"] == "Third-party"
        assert acme["summary"] == "Acme's tables as Dagster components"
        assert acme["provides"]["components"] == ["acme_components.AcmeTableComponent"]
        deadline = time.monotonic() + 300
        while "acme_components.AcmeTableComponent" not in _component_keys(api, project):
            assert time.monotonic() < deadline, "the library's component type never came"
            time.sleep(1)
    finally:
        subprocess.run([*pip, "uninstall", *python, "acme-components"], check=True, timeout=120)
    listing = {e["package"] for e in api.get(f"/projects/{project['id']}/integrations").json()}
    assert "acme-components" not in listing


def test_adding_an_integration_installs_it_pinned_and_its_types_appear(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    dagster = _installed(project_root)["dagster"]
    spec = f"dagster-sling=={library_version(dagster)}"
    started = time.monotonic()
    response = api.post(
        f"/projects/{project['id']}/integrations", json={"package": "dagster-sling"}
    )
    assert response.status_code == 202, response.text
    assert IntegrationActivity.model_validate(response.json()).model_dump(exclude_none=True) == {
        "package": spec,
        "action": "add",
        "state": "running",
    }
    # one change of the environment at a time
    busy = api.post(f"/projects/{project['id']}/integrations", json={"package": "dagster-duckdb"})
    assert busy.status_code == 409, busy.text
    settled = _until_settled(api, project, spec)
    installed_in = time.monotonic() - started
    assert settled["integration"]["state"] == "done", settled["integration"]
    assert f"$ uv add {spec}" in settled["progress"]
    environment = _installed(project_root)
    assert environment["dagster-sling"] == library_version(dagster)
    assert environment["dagster"] == dagster, "the project's Dagster stays as it was"
    assert f'"{spec}"' in (project_root / "pyproject.toml").read_text()
    listing = {e["package"]: e for e in api.get(f"/projects/{project['id']}/integrations").json()}
    assert listing["dagster-sling"]["installed"]
    assert SLING_COMPONENT in listing["dagster-sling"]["provides"]["components"]
    _until_types(api, project, present=True)
    print(f"uv add {spec}: {installed_in:.1f} s, types after {time.monotonic() - started:.1f} s")

    response = api.delete(f"/projects/{project['id']}/integrations/dagster-sling")
    assert response.status_code == 202, response.text
    settled = _until_settled(api, project, "dagster-sling")
    assert settled["integration"]["state"] == "done", settled["integration"]
    assert "dagster-sling" not in _installed(project_root)
    assert "dagster-sling" not in (project_root / "pyproject.toml").read_text()
    listing = {e["package"]: e for e in api.get(f"/projects/{project['id']}/integrations").json()}
    assert not listing["dagster-sling"]["installed"]
    _until_types(api, project, present=False)
