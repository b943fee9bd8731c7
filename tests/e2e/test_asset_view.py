"""The asset view: every asset Dagster loads, in groups, filtered by text or by Dagster's
selection syntax, with the selection kept when switching views."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import Designer, written

PIPELINE = """
import dagster as dg


@dg.asset(group_name="views_in", kinds={"duckdb"}, owners=["team:views"])
def views_raw() -> None: ...


@dg.asset(group_name="views_out", deps=[views_raw], tags={"tier": "gold"})
def views_report() -> None: ...


@dg.asset_check(asset=views_report)
def views_report_ok() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)
"""


@pytest.fixture
def pipeline(defs_root: Path) -> Iterator[None]:
    with written(defs_root, {"views_pipeline.py": PIPELINE}):
        yield


def test_asset_view_filter_and_selection(
    page: Page, designer: Designer, project: dict, pipeline: None
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="views_pipeline.py"]')).to_be_visible()
    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    report = canvas.locator('[data-asset-node="views_report"]')
    # the definitions load, then the layout runs: seconds when the machine is busy
    expect(report).to_contain_text("✓ 1", timeout=60_000)
    expect(canvas.locator('[data-asset-node="views_raw"]')).to_contain_text("team:views")
    expect(canvas.locator('[data-group-frame="views_in"]')).to_be_visible()

    # Dagster's selection syntax, evaluated by Dagster
    page.keyboard.press("/")
    page.keyboard.type("group:views_in+")
    expect(page.get_by_role("status", name="Filter result")).to_contain_text("2 of")
    expect(report).to_have_class(re.compile(r"\bmatched\b"))
    page.get_by_label("Filter assets").fill("tag:tier=gold kind:duckdb")
    expect(page.get_by_role("status", name="Filter result")).to_contain_text("and")
    # plain text
    page.get_by_label("Filter assets").fill("views_r")
    expect(page.get_by_role("status", name="Filter result")).to_contain_text("2 of")
    page.get_by_label("Filter assets").fill("")

    # picking an asset opens its component, on the asset; the other view keeps the selection
    report.click()
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="views_pipeline.py")).to_be_visible()
    expect(panel.locator('[data-asset="views_report"]')).to_have_class(
        re.compile(r"\bhighlighted\b")
    )
    page.keyboard.press("1")
    expect(page.locator('[data-node="views_pipeline.py"]')).to_have_class(
        re.compile(r"\bselected\b")
    )

    # groups collapse into one node that keeps the edges
    page.keyboard.press("2")
    canvas.get_by_role("button", name="Collapse group views_in").click()
    expect(canvas.locator('[data-group-node="views_in"]')).to_contain_text("1 asset")
    canvas.get_by_role("button", name="Expand group views_in").click()
    expect(canvas.locator('[data-asset-node="views_raw"]')).to_be_visible()
