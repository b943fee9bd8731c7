"""The canvas follows the files: edits made outside the designer appear without a reload."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support import Designer

SOURCE = (
    "import dagster as dg\n\n\n"
    "@dg.asset(group_name='outside')\ndef {first}() -> None: ...\n\n\n"
    "@dg.asset(deps=[{first}])\ndef {second}() -> None: ...\n"
)


def test_files_changed_elsewhere_update_the_canvas(
    page: Page, designer: Designer, project: dict, defs_root: Path
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator(".top-bar")).to_contain_text("live")
    path = defs_root / "edited_elsewhere.py"
    node = page.locator('[data-node="edited_elsewhere.py"]')
    try:
        path.write_text(SOURCE.format(first="outside_a", second="outside_b"))
        expect(node.get_by_test_id("asset-count")).to_have_text("2 assets")
        # a broken edit: the node says so, with the line, and the canvas keeps working
        path.write_text("import dagster as dg\n\n\ndef broken(:\n")
        expect(node.locator(".node-problems")).to_be_visible()
        page.locator(".top-bar").get_by_role("button", name="1 problem").click()
        expect(
            page.get_by_role("button", name="src/sales_analytics/defs/edited_elsewhere.py:4")
        ).to_be_visible()
        # fixed again: the problem is gone and the assets are back
        path.write_text(SOURCE.format(first="outside_c", second="outside_d"))
        expect(node.locator(".node-problems")).to_have_count(0)
        expect(node).to_contain_text("outside_c")
    finally:
        path.unlink(missing_ok=True)
    expect(node).to_have_count(0)
