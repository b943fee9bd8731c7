"""What an environment's packages provide, read from their metadata and source, never imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagster_designer.project_files.packages import installed, normalized
from dagster_designer.services.integrations import IntegrationError, library_version

FILES = {
    "acme/__init__.py": (
        "from dagster import ConfigurableResource\n"
        "from acme.io import ParquetIOManager as ParquetIOManager\n"
        "from acme.components import TableComponent\n"
        "from acme.resources import WarehouseResource\n"
        "import sys\n"  # raises nothing when read: the module is never imported
        "sys.exit(1)\n"
    ),
    "acme/components/__init__.py": (
        "__all__ = ['TableComponent', 'ViewComponent']\n"
        "class TableComponent: ...\n"
        "class ViewComponent: ...\n"
        "class HiddenComponent: ...\n"
    ),
    "acme/testing/__init__.py": "class FakeWarehouseResource: ...\n",
    "acme/resources/__init__.py": "class WarehouseResource: ...\n",
    "acme/_internal/__init__.py": "class SecretResource: ...\n",
    "acme/io.py": "class ParquetIOManager: ...\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    info = tmp_path / "Acme_Tools-2.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: Acme_Tools\nVersion: 2.1.0\nSummary: Acme for Dagster\n"
    )
    (info / "entry_points.txt").write_text(
        "[dagster_dg_cli.registry_modules]\nacme = acme.components\n"
    )
    (info / "RECORD").write_text("".join(f"{name},,\n" for name in FILES))
    return tmp_path


def test_a_package_is_read_from_its_metadata_and_source(site: Path) -> None:
    found = installed([site])
    acme = found["acme-tools"]
    assert (acme.version, acme.summary) == ("2.1.0", "Acme for Dagster")
    assert acme.registry_modules == ("acme.components",)
    provides = acme.provides().as_dict()
    # components as dg keys them (the module that registers them), its `__all__` honoured;
    # a class exported higher up by its shortest path; imports from elsewhere, test doubles
    # and private modules left out
    assert provides == {
        "components": ["acme.components.TableComponent", "acme.components.ViewComponent"],
        "resources": ["acme.WarehouseResource"],
        "io_managers": ["acme.ParquetIOManager"],
    }


def test_names_compare_as_pep_503_says() -> None:
    assert normalized("Dagster_DBT") == normalized("dagster.dbt") == "dagster-dbt"


def test_libraries_released_with_dagster_follow_its_version() -> None:
    assert library_version("1.13.27") == "0.29.27"
    assert library_version("1.12.5") == "0.28.5"
    with pytest.raises(IntegrationError):
        library_version("2.0.0")
