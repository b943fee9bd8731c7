"""Two browser sessions editing the same file and the same component's form at once: the second
save is refused with both versions shown, the user chooses, the file holds the choice, and the
other session follows it. Nothing is overwritten without the user seeing it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support import Designer, written

# a load of the definitions (the nodes to click) on a busy machine
LOAD = 90_000
SOURCE = 'import dagster as dg\n\n\n@dg.asset\ndef two_sessions_a() -> None:\n    """First."""\n'
MODULE = "src/sales_analytics/defs/two_sessions/assets.py"
COMPONENT = """\
type: dagster.PythonScriptComponent
# edited from two windows
attributes:
  execution:
    path: run.py
  assets:
    - key: two_sessions_orders
"""


@pytest.fixture
def files(defs_root: Path) -> Iterator[tuple[Path, Path]]:
    """The module and the component's file; requested before the pages, so that the pages are
    closed before the files go."""
    with written(
        defs_root,
        {
            "two_sessions/assets.py": SOURCE,
            "two_forms/defs.yaml": COMPONENT,
            "two_forms/run.py": "",
        },
    ):
        yield defs_root / "two_sessions/assets.py", defs_root / "two_forms/defs.yaml"


def open_editor(page: Page, designer: Designer, project: dict) -> Locator:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.locator('[data-node="two_sessions/assets.py"]').click(timeout=LOAD)
    page.get_by_role("button", name="Open in editor").click()
    editor = page.get_by_label(f"Editor {MODULE}")
    expect(editor).to_contain_text("First.", timeout=LOAD)
    return editor


def type_at_end(page: Page, editor: Locator, text: str) -> None:
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def open_form(page: Page, designer: Designer, project: dict) -> Locator:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.locator('[data-node="two_forms"]').click(timeout=LOAD)
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.locator('[id="attr.execution.path"]')).to_have_value("run.py", timeout=LOAD)
    return panel


def test_two_sessions_saving_one_file_each_see_the_conflict_and_the_choice_holds(
    files: tuple[Path, Path],
    page: Page,
    other_page: Page,
    designer: Designer,
    project: dict,
    refusals: set[int],
) -> None:
    refusals.add(412)  # the refused save
    module, _ = files
    first, second = open_editor(page, designer, project), open_editor(other_page, designer, project)
    type_at_end(page, first, "# from the first window\n")
    type_at_end(other_page, second, "# from the second window\n")

    page.keyboard.press("Control+s")
    saved = page.get_by_role("tab", name="assets.py").get_by_label("unsaved changes")
    expect(saved).to_have_count(0, timeout=LOAD)
    assert "# from the first window" in module.read_text()

    # the second window's save is refused and shows both versions; the disk keeps the first's
    other_page.keyboard.press("Control+s")
    refused = other_page.get_by_role("alert", name=f"Conflict in {MODULE}")
    expect(refused).to_be_visible(timeout=LOAD)
    if "Not saved" not in (refused.text_content() or ""):  # told of the change before saving
        expect(refused).to_contain_text("Changed on disk")
        refused.get_by_role("button", name="Cancel").click()
        other_page.keyboard.press("Control+s")
        expect(refused).to_contain_text("Not saved", timeout=LOAD)
    diff = refused.get_by_label("Differences between the disk and your version")
    expect(diff).to_contain_text("# from the first window")
    expect(diff).to_contain_text("# from the second window")
    assert "# from the second window" not in module.read_text()

    # the second user keeps theirs: written over the version they saw
    refused.get_by_role("button", name="Keep mine").click()
    expect(refused).to_have_count(0, timeout=LOAD)
    text = module.read_text()
    assert "# from the second window" in text and "# from the first window" not in text
    # the first window had nothing unsaved: it follows the disk
    expect(first).to_contain_text("# from the second window", timeout=LOAD)
    expect(first).not_to_contain_text("# from the first window")


def test_two_sessions_saving_one_form_each_see_the_conflict_and_the_choice_holds(
    files: tuple[Path, Path],
    page: Page,
    other_page: Page,
    designer: Designer,
    project: dict,
    refusals: set[int],
) -> None:
    refusals.add(412)  # the refused save
    _, component = files
    first, second = open_form(page, designer, project), open_form(other_page, designer, project)
    first.locator('[id="attr.execution.path"]').fill("run_first.py")
    second.locator('[id="attr.execution.path"]').fill("run_second.py")

    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.get_by_role("button", name="Save", exact=True)).to_be_disabled(timeout=LOAD)
    assert "path: run_first.py" in component.read_text()

    second.get_by_role("button", name="Save", exact=True).click()
    refused = second.get_by_role("alert").filter(has_text="Not saved")
    expect(refused).to_be_visible(timeout=LOAD)
    diff = refused.get_by_label("Differences between the disk and your version")
    expect(diff.get_by_role("deletion").filter(has_text="run_first.py")).to_have_count(1)
    expect(diff.get_by_role("insertion").filter(has_text="run_second.py")).to_have_count(1)
    assert "path: run_first.py" in component.read_text()

    # the second user takes the disk's version: their form shows it, the file is the first's
    refused.get_by_role("button", name="Take the disk version").click()
    expect(second.locator('[id="attr.execution.path"]')).to_have_value("run_first.py")
    expect(
        second.get_by_role("alert").filter(has_text=re.compile("changed on disk|Not saved", re.I))
    ).to_have_count(0)
    text = component.read_text()
    assert "path: run_first.py" in text and "# edited from two windows" in text
    expect(first.locator('[id="attr.execution.path"]')).to_have_value("run_first.py")


def test_a_form_and_the_code_view_of_one_component_in_two_sessions_never_overwrite_each_other(
    files: tuple[Path, Path],
    page: Page,
    other_page: Page,
    designer: Designer,
    project: dict,
    refusals: set[int],
) -> None:
    refusals.add(412)  # the refused save
    _, component = files
    form = open_form(page, designer, project)
    panel = open_form(other_page, designer, project)
    panel.get_by_role("button", name="Open in editor").click()
    path = "src/sales_analytics/defs/two_forms/defs.yaml"
    code = other_page.get_by_label(f"Editor {path}")
    expect(code).to_contain_text("# edited from two windows", timeout=LOAD)

    path_field = form.locator('[id="attr.execution.path"]')
    path_field.fill("run_form.py")
    code.click()
    other_page.keyboard.press("Control+End")
    other_page.keyboard.insert_text("# from the code view\n")
    other_page.keyboard.press("Control+s")
    unsaved = other_page.locator(f'[role="tab"][data-path="{path}"]').get_by_label(
        "unsaved changes"
    )
    expect(unsaved).to_have_count(0, timeout=LOAD)
    assert component.read_text() == COMPONENT + "# from the code view\n"

    # only a comment changed under the form's edits: its save goes over the new version, and
    # the file holds both
    save = form.get_by_role("button", name="Save", exact=True)
    save.click()
    expect(save).to_be_disabled(timeout=LOAD)
    text = component.read_text()
    assert "path: run_form.py" in text and "# from the code view" in text, text
    expect(code).to_contain_text("run_form.py", timeout=LOAD)  # it had nothing unsaved

    # an attribute changed under the form's edits: its save is refused with both versions
    # shown; the user keeps theirs, written over the version they saw, the comment kept
    path_field.fill("run_second.py")
    code.click()
    other_page.keyboard.press("Control+End")
    other_page.keyboard.insert_text("    - key: two_sessions_more\n")
    other_page.keyboard.press("Control+s")
    expect(unsaved).to_have_count(0, timeout=LOAD)
    assert "two_sessions_more" in component.read_text()
    save.click()
    refused = form.get_by_role("alert").filter(has_text="Not saved")
    expect(refused).to_be_visible(timeout=LOAD)
    diff = refused.get_by_label("Differences between the disk and your version")
    expect(diff).to_contain_text("two_sessions_more")
    assert "path: run_form.py" in component.read_text()
    refused.get_by_role("button", name="Keep mine").click()
    expect(refused).to_have_count(0, timeout=LOAD)
    text = component.read_text()
    assert "path: run_second.py" in text and "# from the code view" in text, text
    assert "two_sessions_more" not in text
    expect(code).not_to_contain_text("two_sessions_more", timeout=LOAD)
