"""Reading and reaching the designer: axe-core finds no serious or critical violation on any
screen or dialog in either theme; the theme follows the system until one is chosen, and the
choice stays; a 1024x700 window keeps the canvas, its view switch and its filter usable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support import Designer, written

LONG = 60_000  # a load of the project on a busy machine
AXE = Path(__file__).resolve().parents[2] / "ui" / "node_modules" / "axe-core" / "axe.min.js"
COMPONENT = """\
type: dagster.PythonScriptComponent
attributes:
  execution:
    path: run.py
  assets:
    - key: a11y_orders
"""
NODE = "a11y_daily_sales_report_with_a_long_name"


@pytest.fixture
def component(defs_root: Path) -> Iterator[None]:
    """A component to select; requested before `page`, which is closed before the files go."""
    with written(defs_root, {f"{NODE}/defs.yaml": COMPONENT, f"{NODE}/run.py": ""}):
        yield


def serious_violations(page: Page, where: str) -> list[str]:
    """What axe-core finds of serious or critical impact on the page as it is, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await window.axe.run(document)")
    assert results["passes"], "axe-core checked nothing"
    found = results["violations"]
    return [
        f"{where}: {v['impact']} {v['id']} ({v['help']}): "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def check(page: Page, where: str, found: list[str]) -> None:
    found.extend(serious_violations(page, where))


def open_project(page: Page, designer: Designer, project: dict) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator(f'[data-node="{NODE}"]')).to_be_visible(timeout=LONG)


def view_switch(page: Page, view: str) -> Locator:
    return page.get_by_role("tablist", name="View").get_by_role("tab", name=view)


def width(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["width"]


@pytest.mark.parametrize(
    "context_options", [{"color_scheme": "light"}, {"color_scheme": "dark"}], ids=["light", "dark"]
)
def test_no_serious_violation_on_any_screen_or_dialog(
    context_options: dict[str, Any],
    component: None,
    page: Page,
    designer: Designer,
    project: dict,
) -> None:
    theme = context_options["color_scheme"]
    expect(page.locator("html")).to_have_attribute("data-theme", theme)
    found: list[str] = []
    expect(page.get_by_role("heading", name="Dagster Designer")).to_be_visible()
    check(page, "start page", found)

    page.get_by_role("button", name="New project").click()
    dialog = page.get_by_role("dialog", name="New project")
    # the first field has the focus, not the close button
    expect(dialog.get_by_role("textbox").first).to_be_focused()
    check(page, "New project dialog", found)
    dialog.get_by_role("button", name="Close").click()
    page.get_by_role("button", name="Open folder…").click()
    dialog = page.get_by_role("dialog", name="Open a dg project")
    expect(dialog.get_by_role("textbox").first).to_be_focused()
    check(page, "Open project dialog", found)
    dialog.get_by_role("button", name="Close").click()

    open_project(page, designer, project)
    check(page, "project page, components", found)
    page.locator(f'[data-node="{NODE}"]').click()
    panel = page.get_by_role("complementary", name="Properties")
    panel.get_by_role("tab", name="Docs").click()
    expect(panel.get_by_role("article", name="Python Script documentation")).to_be_visible()
    check(page, "property panel, docs", found)
    panel.get_by_role("tab", name="YAML").click()
    expect(panel.locator(".cm-content")).to_contain_text("PythonScriptComponent")
    check(page, "property panel, YAML", found)
    panel.get_by_role("button", name="Close panel").click()

    page.get_by_role("button", name="Add a component").click()
    dialog = page.get_by_role("dialog", name="Add a component")
    expect(dialog.get_by_role("searchbox", name="Search components")).to_be_focused()
    check(page, "add-component dialog", found)
    dialog.get_by_role("button", name="Close").click()

    page.get_by_role("button", name="Docs of Python Script").click()
    dialog = page.get_by_role("dialog", name="Python Script")
    expect(dialog.get_by_role("region", name="Fields")).to_contain_text("execution")
    check(page, "component docs dialog", found)
    dialog.get_by_role("button", name="Close").click()

    view_switch(page, "Assets").click()
    expect(page.locator('[data-asset-node="a11y_orders"]')).to_be_visible(timeout=LONG)
    check(page, "project page, assets", found)

    page.get_by_role("tab", name="Code", exact=True).click()
    expect(page.get_by_role("tree").first).to_be_visible()
    # with a file open and a terminal: their tabs, each with its close button
    page.get_by_role("treeitem", name="pyproject.toml").click()
    expect(page.get_by_role("tab", name="pyproject.toml")).to_be_visible()
    page.get_by_role("button", name="New terminal").click()
    expect(page.get_by_role("tablist", name="Terminals").get_by_role("tab")).to_have_count(1)
    check(page, "code workspace", found)
    page.get_by_role("tablist", name="Terminals").get_by_role("tab").press("Delete")
    expect(page.get_by_role("tablist", name="Terminals").get_by_role("tab")).to_have_count(0)

    page.get_by_role("tab", name="Schedules", exact=True).click()
    page.get_by_role("button", name="+ New schedule").click()
    dialog = page.get_by_role("dialog", name="New schedule")
    expect(dialog.get_by_label("Name")).to_be_focused()
    check(page, "New schedule dialog", found)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    page.get_by_role("tablist", name="Workspace").get_by_role("tab", name="Runs").click()
    expect(page.get_by_role("complementary", name="Runs")).to_be_visible()
    check(page, "runs page", found)

    assert not found, "\n".join(found)


@pytest.mark.parametrize("context_options", [{"color_scheme": "light"}])
def test_the_theme_follows_the_system_until_chosen_and_stays_chosen(
    context_options: dict[str, Any], page: Page
) -> None:
    html = page.locator("html")
    expect(html).to_have_attribute("data-theme", "light")
    light_bg = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    switch = page.get_by_role("combobox", name="Theme")
    expect(switch).to_have_value("system")
    switch.select_option("dark")
    expect(html).to_have_attribute("data-theme", "dark")
    assert page.evaluate("getComputedStyle(document.documentElement).backgroundColor") != light_bg

    page.reload()
    expect(html).to_have_attribute("data-theme", "dark")
    expect(page.get_by_role("combobox", name="Theme")).to_have_value("dark")
    # the system's setting no longer matters, until "system" is chosen again
    page.emulate_media(color_scheme="light")
    expect(html).to_have_attribute("data-theme", "dark")
    page.get_by_role("combobox", name="Theme").select_option("system")
    expect(html).to_have_attribute("data-theme", "light")
    page.emulate_media(color_scheme="dark")
    expect(html).to_have_attribute("data-theme", "dark")


@pytest.mark.parametrize("context_options", [{"viewport": {"width": 1024, "height": 700}}])
def test_a_1024_by_700_window_keeps_the_canvas_usable(
    context_options: dict[str, Any],
    component: None,
    page: Page,
    designer: Designer,
    project: dict,
) -> None:
    open_project(page, designer, project)
    canvas = page.locator(".project-canvas")
    page.locator(f'[data-node="{NODE}"]').click()
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel).to_be_visible()
    # the top bar fits: its last control is inside the window
    theme = page.get_by_role("combobox", name="Theme").bounding_box()
    assert theme is not None and theme["x"] + theme["width"] <= 1024
    # the panel open: the canvas, the filter and the view switch keep their room
    assert width(canvas) >= 600
    filter_box = page.get_by_role("searchbox", name="Filter assets")
    assert width(filter_box) >= 160
    title = panel.get_by_role("heading", name=NODE)
    expect(title).to_have_attribute("title", NODE)
    box = title.bounding_box()
    assert box is not None and box["height"] < 30, "the long title stays on one line"
    view_switch(page, "Assets").click()
    expect(page.locator('[data-asset-node="a11y_orders"]')).to_be_visible(timeout=LONG)
    view_switch(page, "Components").click()
    expect(page.locator(f'[data-node="{NODE}"]')).to_be_visible(timeout=LONG)

    # the palette folds to a rail and back; the canvas takes its room
    before = width(canvas)
    page.get_by_role("button", name="Hide the component palette").click()
    expect(page.get_by_role("searchbox", name="Search components")).to_have_count(0)
    assert width(canvas) > before + 200
    page.get_by_role("button", name="Show the component palette").click()
    expect(page.get_by_role("searchbox", name="Search components")).to_be_visible()
