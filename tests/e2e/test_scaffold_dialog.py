"""Adding a component asks for what it cannot load without, so the project keeps loading."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.support import Designer

LONG = 60_000  # Dagster's scaffolder and a load of the project on a busy machine
IN = "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"  # between a field and its parent


@pytest.fixture
def folder(defs_root: Path) -> Iterator[Path]:
    """Where the new component goes; requested before `page`, so that the page is closed before
    the folder is removed."""
    path = defs_root / "scripted_orders"
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_a_new_python_script_asks_for_its_required_attributes_and_loads(
    folder: Path, page: Page, designer: Designer, project: dict
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.get_by_label("Search components").fill("python script")
    item = page.locator('[data-type="dagster.PythonScriptComponent"]')
    item.get_by_role("button", name="Add Python Script").click(timeout=LONG)
    dialog = page.get_by_role("dialog", name="Add Python Script")
    dialog.locator("#scaffold-path").fill("scripted_orders")
    scaffold = dialog.get_by_role("button", name="Scaffold")

    # the asset it produces is named after it; the script to run is not known yet
    key = dialog.locator('[id="new-attr.assets.0.key"]')
    expect(key).to_have_value("scripted_orders")
    script = dialog.locator('[id="new-attr.execution.path"]')
    expect(script).to_have_value("")
    expect(dialog.get_by_text(f"Fill in Execution {IN} Path to scaffold.")).to_be_visible()
    expect(scaffold).to_be_disabled()
    script.fill("orders.py")
    key.fill("")
    expect(dialog.get_by_text(f"Fill in Assets {IN} Asset 1 {IN} Key to scaffold.")).to_be_visible()
    expect(scaffold).to_be_disabled()
    key.fill("scripted/orders")
    expect(scaffold).to_be_enabled()
    scaffold.click()

    # the first file written is one Dagster loads: the project loads, with the new asset
    node = page.locator('[data-node="scripted_orders"]')
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset", timeout=LONG)
    expect(node).to_contain_text("scripted/orders")
    expect(page.get_by_text("The project does not load right now")).to_have_count(0)
    saved = yaml.safe_load((folder / "defs.yaml").read_text())
    assert saved == {
        "type": "dagster.PythonScriptComponent",
        "attributes": {"assets": [{"key": "scripted/orders"}], "execution": {"path": "orders.py"}},
    }
