"""The project page fits its window in every view: nothing wider than the window, so the top
bar and the editor's toolbar are never cut off, even with a file of very long lines open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

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
