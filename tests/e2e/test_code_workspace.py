"""The code workspace: edit a Python asset in the editor and the graph follows; a terminal in
the project; a file changed on disk under unsaved edits is never overwritten silently."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support import Designer, written

# Each wait below depends on a process of the designer (a load of the definitions in the
# project's worker, ruff, a shell starting): seconds on an idle machine, far more when the cores
# are busy. The deadlines are generous; the waits end as soon as the condition holds.
LOAD = 90_000

SOURCE = 'import dagster as dg\n\n\n@dg.asset\ndef edited_a() -> None:\n    """First."""\n'
PATH = "src/sales_analytics/defs/coded/assets.py"


@pytest.fixture
def module(defs_root: Path) -> Iterator[Path]:
    """The module; tests request it before `page`, so that the page is closed before the module
    goes (an open editor would ask for it once more, in vain)."""
    with written(defs_root, {"coded/assets.py": SOURCE}):
        yield defs_root / "coded/assets.py"


def open_in_editor(page: Page, designer: Designer, project: dict) -> Locator:
    """Opens the module from its node on the graph; the editor, showing the file."""
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.locator('[data-node="coded/assets.py"]').click(timeout=LOAD)
    page.get_by_role("button", name="Open in editor").click()
    editor = page.get_by_label(f"Editor {PATH}")
    expect(editor).to_contain_text("First.", timeout=LOAD)
    return editor


def test_edit_a_python_asset_and_see_the_graph_change(
    module: Path, page: Page, designer: Designer, project: dict
) -> None:
    editor = open_in_editor(page, designer, project)
    node = page.locator('[data-node="coded/assets.py"]')
    expect(node.get_by_test_id("asset-count")).to_have_text("1 asset", timeout=LOAD)

    # a second asset, typed badly formatted: ruff formats it on save
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\n@dg.asset(deps=[edited_a])\ndef edited_b()->None:\n")
    page.keyboard.type("...")
    unsaved = page.get_by_role("tab", name="assets.py").get_by_label("unsaved changes")
    expect(unsaved).to_be_visible()
    page.keyboard.press("Control+s")
    expect(unsaved).to_have_count(0)
    assert "def edited_b() -> None:" in module.read_text()

    page.get_by_role("tab", name="Graph").click()
    expect(node.get_by_test_id("asset-count")).to_have_text("2 assets")

    # a terminal in the project, with its environment
    page.get_by_role("tab", name="Code").click()
    page.get_by_role("button", name="New terminal").click()
    terminal = page.locator('[data-testid^="terminal-"]').first
    expect(terminal).to_be_visible(timeout=LOAD)
    terminal.click()
    page.keyboard.type("echo hello-$((6*7)) && basename $VIRTUAL_ENV\n")
    expect(terminal).to_contain_text("hello-42")
    expect(terminal).to_contain_text(".venv")


def test_a_file_changed_on_disk_under_unsaved_edits_asks(
    module: Path, page: Page, designer: Designer, project: dict
) -> None:
    editor = open_in_editor(page, designer, project)
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("# mine\n")
    module.write_text(SOURCE.replace("First.", "Changed elsewhere."))
    conflict = page.get_by_role("alert", name=f"Conflict in {PATH}")
    expect(conflict).to_contain_text("Changed on disk")
    conflict.get_by_role("button", name="Take the disk version").click()
    expect(editor).to_contain_text("Changed elsewhere.")
    assert "# mine" not in module.read_text()
