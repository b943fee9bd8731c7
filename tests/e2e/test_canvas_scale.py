"""A large asset graph: laid out by the layered layout (above a thousand assets) left to right
along its dependencies; a pan reads nothing from the DOM per frame; zoomed out far, one canvas
paints them all and a click on a painted box picks its asset."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_canvas_layout import box_of
from tests.support import Designer, written

LONG = 180_000  # Dagster loads 1,200 assets, then the layout: a minute on a busy machine
CHAIN = 20
COUNT = 1_200  # above the layered layout's threshold (LAYERED_ABOVE, 1,000)


def many_assets() -> str:
    """Chains of CHAIN assets in four groups, as a large project has them."""
    lines = ["import dagster as dg", ""]
    for i in range(COUNT):
        deps = f"deps=[scale_{i - 1:04d}], " if i % CHAIN else ""
        group = f"scale_group_{(i // CHAIN) % 4}"
        lines += ["", f'@dg.asset({deps}group_name="{group}", kinds={{"python"}})']
        lines += [f"def scale_{i:04d}() -> None: ...", ""]
    return "\n".join(lines)


@pytest.fixture
def large(defs_root: Path) -> Iterator[None]:
    with written(defs_root, {"scale_graph.py": many_assets()}):
        yield


# The boxes on screen of the chains' nodes drawn (those in view).
DRAWN = """
Object.fromEntries([...document.querySelectorAll('[data-asset-node^="scale_"]')].map((node) => {
  const r = node.getBoundingClientRect();
  return [node.dataset.assetNode, { x: r.x, y: r.y, width: r.width, height: r.height }];
}))
"""
# The drawn nodes' places in the graph; the view's pan and zoom.
PLACES = """() => Object.fromEntries([...document.querySelectorAll('[data-asset-node^="scale_"]')]
    .map((node) => {
        const m = /translate\\(([-\\d.]+)px, ?([-\\d.]+)px\\)/.exec(
            node.closest('.react-flow__node').style.transform)
        return [node.dataset.assetNode, [Number(m[1]), Number(m[2])]]
    }))"""
VIEW = """v => {
    const m = new DOMMatrixReadOnly(getComputedStyle(v).transform)
    return [m.e, m.f, m.a]
}"""
# Counts getBoundingClientRect calls on the canvas's overlays (minimap, zoom controls): which of
# them a node lies under is arithmetic on the viewport, never a read of their boxes per frame.
# (React Flow itself measures a node once, when it comes into view.)
COUNT_READS = """
window.__reads = 0;
const own = Element.prototype.getBoundingClientRect;
Element.prototype.getBoundingClientRect = function () {
  if (this.closest('.react-flow__minimap, .react-flow__controls')) window.__reads++;
  return own.call(this);
};
true;  // (a function as the script's value would be called by Playwright)
"""


def test_a_large_graph_is_laid_out_panned_and_zoomed_out(
    large: None, page: Page, designer: Designer, project: dict
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="scale_graph.py"]')).to_be_visible(timeout=LONG)
    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    expect(canvas.locator('[data-asset-node^="scale_"]').first).to_be_visible(timeout=LONG)
    layouts = page.evaluate("window.__designerMetrics.assetLayout.map((r) => r.nodes)")
    assert max(layouts) > 1_000, layouts
    # each dependency goes left to right: the chains' links drawn in view
    boxes = page.evaluate(DRAWN)
    links = [
        (boxes[name], boxes[f"scale_{int(name[6:]) + 1:04d}"])
        for name in boxes
        if int(name[6:]) % CHAIN < CHAIN - 1 and f"scale_{int(name[6:]) + 1:04d}" in boxes
    ]
    assert links, sorted(boxes)
    places = page.evaluate(PLACES)
    for upstream, downstream in links:
        assert downstream["x"] > upstream["x"] + upstream["width"], (upstream, downstream)

    # a pan and a zoom read no overlay's box
    page.evaluate(COUNT_READS)
    area = box_of(canvas)
    x, y = area["x"] + area["width"] / 2, area["y"] + area["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 300, y - 200, steps=20)
    page.mouse.up()
    page.mouse.wheel(0, 240)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__reads") == 0

    # zoomed out far the graph is painted on one canvas, no node in the DOM
    # (by the wheel: the zoom controls step aside, clicks passing through, over the nodes)
    page.mouse.move(x, y)

    def zoom_out() -> None:
        page.mouse.wheel(0, 200)
        page.wait_for_timeout(200)

    def zoom_in() -> None:
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(200)

    for _ in range(40):
        if "lod-distant" in (canvas.get_attribute("class") or ""):
            break
        zoom_out()
    expect(canvas).to_have_class(re.compile("lod-distant"))
    expect(canvas.get_by_test_id("distant-layer")).to_be_visible()
    expect(canvas.locator(".asset-node")).to_have_count(0)
    zoom = page.locator(".react-flow__viewport").evaluate(VIEW)
    assert zoom[2] < 0.6, zoom

    # a painted box takes the click: the asset opens in its component (one drawn at first, now
    # clear of the canvas's edges, the minimap and the zoom controls)
    area = box_of(canvas)
    on_screen = {
        name: (
            area["x"] + zoom[0] + (gx + 115) * zoom[2],
            area["y"] + zoom[1] + (gy + 44) * zoom[2],
        )
        for name, (gx, gy) in places.items()
    }
    name, (at_x, at_y) = next(
        (name, (sx, sy))
        for name, (sx, sy) in sorted(on_screen.items())
        if area["x"] + 80 < sx < area["x"] + area["width"] - 260
        and area["y"] + 90 < sy < area["y"] + area["height"] - 200
    )
    page.mouse.click(at_x, at_y)
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="scale_graph.py")).to_be_visible()
    expect(panel.locator(f'[data-asset="{name}"]')).to_have_class(re.compile(r"\bhighlighted\b"))
    expect(canvas.locator(".asset-node")).to_have_count(0)

    # nearer, the nodes are back with their details
    page.mouse.move(at_x, at_y)
    for _ in range(40):
        if "lod-distant" not in (canvas.get_attribute("class") or ""):
            break
        zoom_in()
    expect(canvas.locator(".asset-node-key").first).to_be_visible()
    expect(canvas.get_by_test_id("distant-layer")).to_have_count(0)
