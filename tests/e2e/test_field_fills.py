"""A field that takes a Dagster object (Templated SQL's `connection`) offers the components that
fill it: add one, add Templated SQL, pick it, and Dagster loads the template."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.support import Designer, definitions, written

SHOTS = Path(os.environ.get("DESIGNER_SHOTS", "/tmp/ui-warnings-shots"))
WAREHOUSE = '''import dagster as dg
from dagster.components.lib.sql_component.sql_client import SQLClient


class PickedWarehouse(dg.Component, dg.Resolvable, dg.Model, SQLClient):
    """A warehouse connection of this project."""

    database: str = "warehouse.db"

    def connect_and_execute(self, sql: str) -> None: ...

    def build_defs(self, context: dg.ComponentLoadContext) -> dg.Definitions:
        return dg.Definitions()
'''
LOADS_WAREHOUSE = "{{ context.load_component('picked_warehouse') }}"


@pytest.fixture
def warehouse_type(project_root: Path) -> Iterator[str]:
    """A component type of the project's own that provides a SQLClient, as a user writes one."""
    package = project_root / "src" / "sales_analytics"
    files = {"components/__init__.py": "", "components/picked.py": WAREHOUSE}
    with written(package, files):
        yield "sales_analytics.components.picked.PickedWarehouse"


@pytest.fixture
def made(api: httpx.Client, project: dict) -> Iterator[list[str]]:
    """Instances the test scaffolds through the page, deleted afterwards."""
    paths: list[str] = []
    yield paths
    for path in paths:
        api.delete(f"/projects/{project['id']}/defs/{path}")


def add_from_palette(page: Page, search: str, type_key: str, path: str) -> None:
    page.get_by_label("Search components").fill(search)
    page.locator(f'[data-type="{type_key}"]').drag_to(page.get_by_test_id("canvas"))
    page.locator("#scaffold-path").fill(path)


def test_pick_a_connection_for_templated_sql(
    # requested before the page, so torn down after it: files deleted under an open page make
    # it ask for what is gone (404s in its console)
    made: list[str],
    warehouse_type: str,
    page: Page,
    designer: Designer,
    project: dict,
    api: httpx.Client,
    defs_root: Path,
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")

    # before any instance provides a SQLClient, the picker offers to scaffold one
    made.append("daily_sql")
    add_from_palette(page, "templated sql", "dagster.TemplatedSqlComponent", "daily_sql")
    dialog = page.get_by_role("dialog")
    picker = dialog.get_by_label("Fill Connection")
    expect(picker).to_be_visible()
    expect(picker.locator("option")).to_contain_text(["A new PickedWarehouse at picked_warehouse"])
    dialog.get_by_role("button", name="Cancel").click()

    # add the warehouse component first
    made.insert(0, "picked_warehouse")
    add_from_palette(page, "picked warehouse", warehouse_type, "picked_warehouse")
    page.get_by_role("dialog").get_by_role("button", name="Scaffold").click()
    expect(page.locator('[data-node="picked_warehouse"]')).to_be_visible()

    # then Templated SQL: its connection offers the warehouse, written as the template
    add_from_palette(page, "templated sql", "dagster.TemplatedSqlComponent", "daily_sql")
    dialog = page.get_by_role("dialog")
    dialog.locator('[id="new-attr.sql_template"]').select_option(label="Text")
    dialog.locator('[id="new-attr.sql_template--value"]').fill("select 1")
    picker = dialog.get_by_label("Fill Connection")
    picker.select_option(label="picked_warehouse (PickedWarehouse)")
    expect(dialog.locator('[id="new-attr.connection"]')).to_have_value(LOADS_WAREHOUSE)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "fill-picker-add-dialog.png"))
    dialog.get_by_role("button", name="Scaffold").click()

    node = page.locator('[data-node="daily_sql"]')
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset")
    expect(node.locator(".node-problems")).to_have_count(0)
    saved = yaml.safe_load((defs_root / "daily_sql/defs.yaml").read_text())
    assert saved["attributes"]["connection"] == LOADS_WAREHOUSE
    loaded = definitions(api, project)
    assert loaded["errors"] == []
    assert "daily_sql" in {a["key"] for a in loaded["assets"]}

    # the property panel's form shows the fill it holds
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="daily_sql")).to_be_visible()
    expect(panel.get_by_label("Fill Connection")).to_have_value(LOADS_WAREHOUSE)
    page.screenshot(path=str(SHOTS / "fill-picker-property-panel.png"))
