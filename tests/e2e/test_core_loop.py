"""A new user's first minutes, in the browser: create a project, drag a component onto the
canvas, fill its form, save, and see the assets Dagster loads."""

from __future__ import annotations

from pathlib import Path

import yaml
from playwright.sync_api import Page, expect

from tests.support import Designer, written

CREATE_TIMEOUT_MS = 600_000


def test_create_drag_configure_save_and_see_assets(page: Page, designer: Designer) -> None:
    # 1. the project manager: a bad name is explained, a good one creates the project
    page.get_by_role("button", name="New project").click()
    name = page.locator("#new-project-name")
    name.fill("orders pipeline")
    expect(page.get_by_text("Use underscores instead of spaces")).to_be_visible()
    name.fill("orders_pipeline")
    page.get_by_role("button", name="Create").click()
    expect(page.locator('[data-project="orders_pipeline"]')).to_be_visible()
    # it opens by itself once create-dagster and uv are done
    expect(page.get_by_role("heading", name="orders_pipeline", level=1)).to_be_visible(
        timeout=CREATE_TIMEOUT_MS
    )
    expect(page.locator(".top-bar")).to_contain_text("0 assets", timeout=60_000)

    # 2. the palette lists the registry of the project's environment, searchable
    page.get_by_label("Search components").fill("python script")
    item = page.locator('[data-type="dagster.PythonScriptComponent"]')
    expect(item).to_be_visible()
    expect(page.locator('[data-type="dagster.TemplatedSqlComponent"]')).to_have_count(0)

    # 3. drag it onto the canvas: Dagster's scaffolder runs once the path and what the component
    # cannot load without are filled in
    item.drag_to(page.get_by_test_id("canvas"))
    path = page.locator("#scaffold-path")
    expect(path).to_have_value("python_script")
    path.fill("ingest_orders")
    page.locator('[id="new-attr.execution.path"]').fill("build_orders.py")
    page.locator('[id="new-attr.assets.0.key"]').fill("raw/orders")
    page.get_by_role("button", name="Scaffold").click()
    node = page.locator('[data-node="ingest_orders"]')
    expect(node).to_be_visible()
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset", timeout=60_000)

    # 4. the property panel opens on the form
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="ingest_orders")).to_be_visible()
    expect(panel.locator('[id="attr.execution.path"]')).to_have_value("build_orders.py")
    panel.get_by_role("button", name="Add asset").click()
    panel.locator('[id="attr.assets.1.key"]').fill("orders_summary")

    # 5. save: Dagster validates, and the node shows the real assets
    panel.get_by_role("button", name="Save").click()
    expect(panel.get_by_role("status").filter(has_text="Saved")).to_contain_text(
        "Dagster validated", timeout=60_000
    )
    expect(node.get_by_test_id("asset-count")).to_have_text("2 assets", timeout=60_000)
    panel.get_by_role("tab", name="Assets").click()
    expect(panel.locator('[data-asset="raw/orders"]')).to_be_visible()
    expect(page.locator(".top-bar")).to_contain_text("2 assets")

    # the file on disk is the source of truth: an ordinary dg component file
    defs_yaml = (
        designer.workspace / "orders_pipeline/src/orders_pipeline/defs/ingest_orders/defs.yaml"
    )
    saved = yaml.safe_load(defs_yaml.read_text())
    assert saved == {
        "type": "dagster.PythonScriptComponent",
        "attributes": {
            "execution": {"path": "build_orders.py"},
            "assets": [{"key": "raw/orders"}, {"key": "orders_summary"}],
        },
    }


def test_invalid_values_are_saved_and_shown_on_the_field(
    page: Page, designer: Designer, project: dict, defs_root: Path
) -> None:
    component = (
        "type: dagster.PythonScriptComponent\n"
        "attributes:\n"
        "  execution: {path: browser_invalid.py}\n"
        "  assets: [{key: browser_invalid}]\n"
    )
    with written(defs_root, {"browser_invalid/defs.yaml": component}):
        page.goto(f"{designer.url}/projects/{project['id']}")
        page.locator('[data-node="browser_invalid"]').click()
        panel = page.get_by_role("complementary", name="Properties")
        panel.get_by_role("tab", name="YAML").click()
        editor = panel.get_by_label("Editor src/sales_analytics/defs/browser_invalid/defs.yaml")
        expect(editor).to_contain_text("browser_invalid.py")
        editor.click()
        page.keyboard.press("Control+End")
        page.keyboard.insert_text("  bogus_attribute: 1\n")
        panel.get_by_role("button", name="Save").click()
        expect(panel.get_by_role("button", name="Save")).to_be_disabled(timeout=30_000)
        panel.get_by_role("tab", name="Form").click()
        # Dagster's error on the unknown key, kept as it is (never dropped by the form)
        bogus = panel.locator('[data-field="bogus_attribute"][data-invalid="true"]')
        expect(bogus).to_contain_text("not permitted", timeout=30_000)
        expect(panel.get_by_text("bogus_attribute", exact=True)).to_be_visible()
        assert "bogus_attribute: 1" in (defs_root / "browser_invalid/defs.yaml").read_text()
        expect(page.locator('[data-node="browser_invalid"] .node-problems')).to_be_visible()
