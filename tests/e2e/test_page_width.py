"""The project page fits its window in every view: nothing wider than the window, so the top
bar and the editor's toolbar are never cut off, even with a file of very long lines open."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.support import Designer, written

LONG_LINE = "# " + "a long comment that never wraps " * 40 + "\n"
PATH = "src/sales_analytics/defs/wide/notes.py"


@pytest.fixture
def wide_file(defs_root: Path) -> Iterator[None]:
    source = (
        "import dagster as dg\n\n"
        + LONG_LINE * 30
        + "\n\n@dg.asset\ndef wide_notes() -> None: ...\n"
    )
    with written(defs_root, {"wide/notes.py": source}):
        yield


def overflow(page: Page) -> int:
    """How many pixels the page is wider than its window."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", [1500, 1024])
def test_every_view_fits_the_window(
    wide_file: None, page: Page, designer: Designer, project: dict, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 760})
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.get_by_role("tab", name="Graph")).to_be_visible()
    assert overflow(page) <= 0, "the graph view"

    page.locator('[data-node="wide/notes.py"]').click()
    page.get_by_role("button", name="Open in editor").click()
    expect(page.get_by_label(f"Editor {PATH}")).to_contain_text("a long comment")
    page.get_by_role("button", name="New terminal").click()
    expect(page.locator('[data-testid^="terminal-"]:visible')).to_have_count(1)
    assert overflow(page) <= 0, "the code view with a file of long lines and a terminal"
    save = page.get_by_role("tab", name="notes.py")
    box = save.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width


def test_the_workspace_tabs_are_whole_and_stay_put_while_the_top_bar_fills_in(
    page: Page, designer: Designer, project: dict
) -> None:
    # the review answers last, and its counts widen the top bar: held until the tabs are measured
    held: list[Route] = []
    review = re.compile(r".*/api/v1/projects/[^/]+/review$")

    def hold(route: Route) -> None:
        held.append(route)

    page.route(review, hold)
    page.set_viewport_size({"width": 1500, "height": 760})
    page.goto(f"{designer.url}/projects/{project['id']}")
    # the definitions are in (the state in which a user, or a test, picks a tab)
    expect(page.locator(".top-bar")).to_contain_text(re.compile(r"live\s*\d+ assets?"))
    button = page.get_by_role("button", name=re.compile(r"^Review"))
    expect(button).to_contain_text("not read yet")
    jobs = page.get_by_role("tab", name="Jobs", exact=True)
    before = jobs.bounding_box()

    for route in held:
        route.continue_()
    page.unroute(review, hold)
    expect(button).to_contain_text("warning")
    # a press aimed at a tab while the counts come lands on that tab, not on its neighbour
    after = jobs.bounding_box()
    assert before is not None and after is not None
    assert abs(after["x"] - before["x"]) < 1, (before, after)
    clipped = page.get_by_role("tablist", name="Workspace").evaluate(
        "(tabs) => tabs.scrollWidth - tabs.clientWidth"
    )
    # (widths are fractional, the scroll width rounds up: a pixel is rounding, not clipping)
    assert clipped <= 1, f"{clipped} px of the workspace tabs are scrolled out of sight"
