"""Drawing a dependency on the canvas edits the file; removing it and undo do too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import Designer, written

SOURCE = """import dagster as dg


@dg.asset
def draw_up() -> None: ...


@dg.asset
def draw_down() -> None: ...
"""


@pytest.fixture
def assets_file(defs_root: Path) -> Iterator[Path]:
    with written(defs_root, {"drawing/assets.py": SOURCE}):
        yield defs_root / "drawing/assets.py"


def test_draw_remove_and_undo_a_dependency(
    page: Page, designer: Designer, project: dict, assets_file: Path
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="drawing/assets.py"]')).to_be_visible()
    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    up = canvas.locator('[data-asset-node="draw_up"]')
    down = canvas.locator('[data-asset-node="draw_down"]')
    expect(down).to_be_visible()
    up.locator(".react-flow__handle-right").drag_to(down.locator(".react-flow__handle-left"))
    edge = canvas.locator('[data-id="asset:draw_up->asset:draw_down"]')
    expect(edge).to_have_count(1)
    assert "@dg.asset(deps=[draw_up])" in assets_file.read_text()

    start = up.locator(".react-flow__handle-right").bounding_box()
    end = down.locator(".react-flow__handle-left").bounding_box()
    assert start and end
    page.mouse.click((start["x"] + end["x"]) / 2 + 3, (start["y"] + end["y"]) / 2 + 3)
    page.get_by_role("button", name="Remove dependency").click()
    expect(edge).to_have_count(0)
    assert assets_file.read_text() == SOURCE

    page.get_by_role("button", name="Undo").click()
    # the edge comes back, or the canvas says why not: the failure then names the reason
    alert = page.get_by_role("alert")
    expect(edge.or_(alert)).not_to_have_count(0)
    assert alert.count() == 0, alert.all_inner_texts()
    expect(edge).to_have_count(1)
    assert "deps=[draw_up]" in assets_file.read_text()


def test_connect_two_components_in_the_component_view(
    page: Page, designer: Designer, project: dict, defs_root: Path
) -> None:
    files = {
        "connect/first.py": "import dagster as dg\n\n\n@dg.asset\ndef first_a() -> None: ...\n",
        "connect/second.py": "import dagster as dg\n\n\n"
        "@dg.asset\ndef second_b() -> None: ...\n\n\n"
        "@dg.asset\ndef second_c() -> None: ...\n",
    }
    with written(defs_root, files):
        page.goto(f"{designer.url}/projects/{project['id']}")
        first = page.locator('[data-node="connect/first.py"]')
        second = page.locator('[data-node="connect/second.py"]')
        expect(second).to_be_visible()
        first.locator(".react-flow__handle-right").drag_to(
            second.locator(".react-flow__handle-left")
        )
        # two assets downstream: the dialog asks which ones depend on first_a
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("second_c").check()
        dialog.get_by_role("button", name="Add 1 dependency").click()
        expect(page.locator('[data-id="connect/first.py->connect/second.py"]')).to_have_count(1)
        source = (defs_root / "connect/second.py").read_text()
        assert '@dg.asset(deps=["first_a"])\ndef second_c' in source
        assert "@dg.asset\ndef second_b" in source
