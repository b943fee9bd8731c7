"""The asset view: every asset Dagster loads, in groups, filtered by text or by Dagster's
selection syntax, with the selection kept when switching views; edges go around the nodes the
user moved."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_canvas_layout import BEHIND, box_of, drag_by
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


ROUTED = """
import dagster as dg


@dg.asset(group_name="rerouted")
def rerouted_one() -> None: ...


@dg.asset(group_name="rerouted", deps=[rerouted_one])
def rerouted_two() -> None: ...


@dg.asset(group_name="rerouted")
def rerouted_three() -> None: ...
"""
ROUTED_EDGE = '[data-id="asset:rerouted_one->asset:rerouted_two"]'


@pytest.fixture
def rerouted(defs_root: Path) -> Iterator[None]:
    with written(defs_root, {"rerouted_assets.py": ROUTED}):
        yield


def test_an_edge_goes_around_an_asset_moved_onto_its_way(
    page: Page, designer: Designer, project: dict, rerouted: None
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="rerouted_assets.py"]')).to_be_visible(timeout=60_000)
    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    one, two, three = (
        canvas.locator(f'[data-asset-node="rerouted_{name}"]') for name in ("one", "two", "three")
    )
    expect(three).to_be_visible(timeout=60_000)
    for _ in range(3):
        canvas.locator(".react-flow__controls-zoomout").click()
    # one, then a wide gap, then two on the same row; three dropped in the gap, on the line
    a, b = box_of(one), box_of(two)
    drag_by(page, two, a["x"] + 2.6 * a["width"] - b["x"], a["y"] - b["y"], ".asset-node-key")
    b, c = box_of(two), box_of(three)
    middle = (a["x"] + a["width"] + b["x"]) / 2
    drag_by(
        page,
        three,
        middle - c["width"] / 2 - c["x"],
        a["y"] - 0.2 * a["height"] - c["y"],
        ".asset-node-key",
        release_at_once=True,
    )
    c = box_of(three)
    line_y = a["y"] + a["height"] / 2
    assert c["x"] > a["x"] + a["width"] and c["x"] + c["width"] < b["x"], (a, b, c)
    assert c["y"] < line_y < c["y"] + c["height"], (a, c)
    # the edge is routed around every asset, three included (the routing may take a moment)
    deadline = time.monotonic() + 60
    while (behind := page.evaluate(BEHIND, [ROUTED_EDGE, 3, "[data-asset-node]"])) is not None:
        assert time.monotonic() < deadline, f"the edge runs behind {behind}"
        page.wait_for_timeout(100)
    # where the user put them
    assert box_of(three) == c and box_of(two) == b, (box_of(three), c, box_of(two), b)


MANY = 400  # more than the canvas draws at once (it draws only what is in view above 200)


def many_asset(i: int) -> str:
    deps = f", deps=[{'many_' + str(i - 1)!r}]" if i % 20 else ""
    return f'\n@dg.asset(group_name="many"{deps})\ndef many_{i}() -> None: ...\n'


CHAIN = "import dagster as dg\n\n" + "".join(many_asset(i) for i in range(MANY))
# the most asset nodes in the page at any moment
COUNT_NODES = """
window.__mostNodes = 0
new MutationObserver(() => {
    const count = document.querySelectorAll('.react-flow__node-asset').length
    window.__mostNodes = Math.max(window.__mostNodes, count)
}).observe(document, { childList: true, subtree: true })
"""


@pytest.fixture
def many(defs_root: Path) -> Iterator[None]:
    with written(defs_root, {"many_assets.py": CHAIN}):
        yield


def test_a_large_graph_draws_only_the_nodes_in_view(
    page: Page, designer: Designer, project: dict, many: None
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="many_assets.py"]')).to_be_visible(timeout=60_000)
    page.evaluate(COUNT_NODES)
    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    expect(canvas.locator('[data-asset-node="many_0"]')).to_be_visible(timeout=60_000)
    page.wait_for_timeout(500)
    drawn = page.evaluate("window.__mostNodes")
    assert 0 < drawn < MANY / 2, f"{drawn} asset nodes drawn at once"
