"""The property panel: the form and the YAML tab show what is saved and save what they show;
neither overwrites the other or a newer file on disk."""

from __future__ import annotations

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
    with written(defs_root, {"panel_orders/defs.yaml": COMPONENT, "panel_orders/run.py": ""}):
        yield defs_root / "panel_orders/defs.yaml"


def open_panel(page: Page, designer: Designer, project: dict) -> Locator:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.locator('[data-node="panel_orders"]').click(timeout=LONG)
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="panel_orders")).to_be_visible()
    return panel


def test_the_template_toggle_gives_the_value_back(
    page: Page, designer: Designer, project: dict, component: Path
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
