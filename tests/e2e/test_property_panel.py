"""The property panel: the form and the YAML tab show what is saved and save what they show;
neither overwrites the other or a newer file on disk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support import Designer, written

LONG = 30_000  # a load of the project on a busy machine

COMPONENT = """\
type: dagster.PythonScriptComponent
# built every morning
attributes:
  execution:
    path: run.py
  assets:
    - key: orders
      tags:
        schedule: daily
"""


@pytest.fixture
def component(defs_root: Path) -> Iterator[Path]:
    """The component's file; tests request it before `page`, so that the page is closed before
    the file goes (a page left open would ask for it once more, in vain)."""
    with written(defs_root, {"panel_orders/defs.yaml": COMPONENT, "panel_orders/run.py": ""}):
        yield defs_root / "panel_orders/defs.yaml"


def open_panel(page: Page, designer: Designer, project: dict) -> Locator:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.locator('[data-node="panel_orders"]').click(timeout=LONG)
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="panel_orders")).to_be_visible()
    return panel


def test_the_template_toggle_gives_the_value_back(
    component: Path, page: Page, designer: Designer, project: dict
) -> None:
    panel = open_panel(page, designer, project)
    value = panel.locator('[id="attr.assets.0.tags.schedule"]')
    expect(value).to_have_value("daily", timeout=LONG)
    panel.get_by_role("button", name="Tags: use template string").click()
    expect(value).to_have_count(0)
    panel.get_by_role("button", name="Tags: use structured editor").click()
    expect(value).to_have_value("daily")
    expect(panel.locator('[id="attr.assets.0.tags.schedule--key"]')).to_have_value("schedule")
    # nothing changed, so there is nothing to save
    expect(panel.get_by_role("button", name="Save", exact=True)).to_be_disabled()
    assert component.read_text() == COMPONENT


# three lines indented deeper than the `schedule: daily` they follow: not valid YAML there
TYPED = "\n            - key: orders_enriched\n            deps:\n            - raw_order"


def yaml_tab(panel: Locator) -> Locator:
    """Shows the YAML tab; its editor."""
    panel.get_by_role("tab", name="YAML").click()
    editor = panel.get_by_role("textbox").first
    expect(editor).to_contain_text("schedule: daily", timeout=LONG)
    return editor


def test_the_yaml_tab_saves_exactly_what_it_shows(
    component: Path, page: Page, designer: Designer, project: dict, refusals: set[int]
) -> None:
    refusals.add(422)  # the form's read of a file that is not valid YAML
    panel = open_panel(page, designer, project)
    editor = yaml_tab(panel)
    editor.get_by_text("schedule: daily").click()
    page.keyboard.press("End")
    page.keyboard.insert_text(TYPED)
    save = panel.get_by_role("button", name="Save", exact=True)
    expect(save).to_be_enabled()
    page.keyboard.press("Control+s")

    # written verbatim, invalid as it is; nothing reserialized, nothing dropped
    expected = COMPONENT.replace("schedule: daily\n", f"schedule: daily{TYPED}\n")
    expect(save).to_be_disabled(timeout=LONG)
    assert component.read_text() == expected
    expect(editor).to_contain_text("- key: orders_enriched")
    # Dagster's problem with the file, on its line
    problem = panel.get_by_role("list", name="Problems").get_by_role("listitem").first
    expect(problem).to_contain_text("defs.yaml:", timeout=LONG)
    expect(panel.locator(".cm-lint-marker-error").first).to_be_visible(timeout=LONG)
    # the form cannot read it and says where to fix it
    panel.get_by_role("tab", name="Form").click()
    expect(panel.get_by_role("alert")).to_contain_text("Fix it in the YAML tab", timeout=LONG)


def test_form_and_yaml_never_overwrite_each_other(
    component: Path, page: Page, designer: Designer, project: dict
) -> None:
    panel = open_panel(page, designer, project)
    value = panel.locator('[id="attr.assets.0.tags.schedule"]')
    value.fill("hourly")

    # the form's unsaved edit locks the YAML tab, which shows the file as saved
    panel.get_by_role("tab", name="YAML").click()
    locked = panel.get_by_role("status").filter(has_text="The form has unsaved changes")
    expect(locked).to_be_visible()
    expect(
        panel.get_by_label("Editor src/sales_analytics/defs/panel_orders/defs.yaml")
    ).to_have_count(0)
    expect(panel.get_by_role("textbox").first).to_contain_text("schedule: daily")
    locked.get_by_role("button", name="Revert the form").click()

    # the YAML's unsaved edit locks the form
    editor = yaml_tab(panel)
    editor.get_by_text("schedule: daily").click()
    page.keyboard.press("End")
    page.keyboard.insert_text("  # every day")
    panel.get_by_role("tab", name="Form").click()
    expect(
        panel.get_by_role("status").filter(has_text="The YAML has unsaved changes")
    ).to_be_visible()
    expect(value).to_be_disabled()
    expect(value).to_have_value("daily")

    # the code editor edits the same buffer: the unsaved edit is there, in a tab of its own
    panel.get_by_role("button", name="Open in editor").click()
    path = "src/sales_analytics/defs/panel_orders/defs.yaml"
    code = page.get_by_label(f"Editor {path}")
    expect(code).to_contain_text("schedule: daily  # every day")
    expect(
        page.locator(f'[role="tab"][data-path="{path}"]').get_by_label("unsaved changes")
    ).to_be_visible()
    code.click()
    expect(code).to_be_focused(timeout=LONG)
    page.keyboard.press("Control+End")
    page.keyboard.insert_text("# from the code editor\n")
    page.keyboard.press("Control+s")
    expect(
        page.locator(f'[role="tab"][data-path="{path}"]').get_by_label("unsaved changes")
    ).to_have_count(0, timeout=LONG)
    assert (
        component.read_text()
        == COMPONENT.replace("schedule: daily\n", "schedule: daily  # every day\n")
        + "# from the code editor\n"
    )

    # back in the graph, the YAML tab shows what was saved, and the form is editable again
    page.get_by_role("tab", name="Graph").click()
    panel.get_by_role("tab", name="YAML").click()
    expect(panel.get_by_role("textbox").first).to_contain_text("# from the code editor")
    panel.get_by_role("tab", name="Form").click()
    expect(value).to_be_enabled(timeout=LONG)


def test_a_stale_form_never_overwrites_the_disk(
    component: Path, page: Page, designer: Designer, project: dict, refusals: set[int]
) -> None:
    refusals.add(412)  # the refused saves
    panel = open_panel(page, designer, project)
    panel.locator('[id="attr.execution.path"]').fill("run_orders.py")
    on_disk = COMPONENT.replace("schedule: daily", "schedule: hourly")
    component.write_text(on_disk)
    changed = panel.get_by_role("alert").filter(has_text=re.compile("changed on disk", re.I))
    expect(changed).to_be_visible(timeout=LONG)

    # saving anyway writes nothing: the form shows both versions, the disk's lines (deleted)
    # and its own (inserted)
    panel.get_by_role("button", name="Save", exact=True).click()
    refused = panel.get_by_role("alert").filter(has_text="Not saved")
    saved = panel.get_by_role("status").filter(has_text="Saved")
    expect(refused.or_(saved)).to_be_visible(timeout=LONG)
    assert component.read_text() == on_disk
    diff = refused.get_by_label("Differences between the disk and your version")
    expect(diff.get_by_role("deletion").filter(has_text="schedule: hourly")).to_have_count(1)
    expect(diff.get_by_role("insertion").filter(has_text="schedule: daily")).to_have_count(1)
    expect(diff.get_by_role("insertion").filter(has_text="path: run_orders.py")).to_have_count(1)

    # take the disk's: the form shows it
    refused.get_by_role("button", name="Take the disk version").click()
    expect(panel.locator('[id="attr.assets.0.tags.schedule"]')).to_have_value("hourly")
    expect(panel.locator('[id="attr.execution.path"]')).to_have_value("run.py")

    # keep mine: written over the new version, keeping its comments
    panel.locator('[id="attr.execution.path"]').fill("run_orders.py")
    component.write_text(on_disk.replace("schedule: hourly", "schedule: weekly"))
    expect(changed).to_be_visible(timeout=LONG)
    panel.get_by_role("button", name="Save", exact=True).click()
    refused.get_by_role("button", name="Keep mine").click()
    expect(refused).to_have_count(0, timeout=LONG)
    text = component.read_text()
    assert "# built every morning" in text
    assert "path: run_orders.py" in text
    assert "schedule: hourly" in text  # the form's version of the whole attributes
