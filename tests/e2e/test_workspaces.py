"""A dg workspace from Open folder: a real workspace of two projects made by create-dagster, shown
as a workspace, opened whole, grouped on the start page, and switched between from the top bar."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import serious_violations
from tests.support import Designer, dg_workspace

ASSETS = "import dagster as dg\n\n\n@dg.asset\ndef {name}() -> None:\n    pass\n"
# a project without an environment builds none here: both have theirs, so opening is quick,
# but the first load of each project's definitions starts a worker on a busy machine
LOAD_MS = 300_000


@pytest.fixture(scope="module")
def harbor(designer: Designer) -> Path:
    return dg_workspace(
        designer.workspace,
        "harbor",
        {
            "north": ASSETS.format(name="north_orders"),
            "south": ASSETS.format(name="south_shipments"),
        },
    )


def test_a_workspace_opens_whole_and_its_projects_switch(page: Page, harbor: Path) -> None:
    page.get_by_role("button", name="Open folder…").click()
    dialog = page.get_by_role("dialog", name="Open a dg project or workspace")
    dialog.get_by_label("Folder path").fill(str(harbor.parent))
    dialog.get_by_role("button", name="Go").click()
    entry = dialog.get_by_role("list", name="Folders").get_by_role("button", name="harbor")
    expect(entry).to_contain_text("dg workspace")
    entry.click()
    expect(dialog.locator(".folder-verdict")).to_contain_text("dg workspace: 2 projects")
    projects = dialog.get_by_role("list", name="Projects of the workspace")
    expect(projects.get_by_role("listitem")).to_have_text(["north dg project", "south dg project"])
    found = serious_violations(page, "Open dialog on a workspace")
    dialog.get_by_role("button", name="Open all 2 projects").click()
    expect(dialog).to_have_count(0)

    group = page.get_by_role("region", name="Workspace harbor")
    expect(group.get_by_role("heading", name="harbor")).to_be_visible()
    expect(group.locator(".project-card h2")).to_have_text(["north", "south"])
    found += serious_violations(page, "start page with a workspace")

    group.locator('[data-project="north"]').get_by_role("button", name="Open").click()
    expect(page.get_by_role("heading", name="north", level=1)).to_be_visible()
    graph = page.locator(".react-flow")
    expect(graph).to_contain_text("north_orders", timeout=LOAD_MS)

    switcher = page.get_by_label("Project of the workspace harbor")
    expect(switcher.locator("option")).to_have_text(["harbor / north", "harbor / south"])
    found += serious_violations(page, "project page with the workspace's switcher")
    switcher.select_option(label="harbor / south")
    expect(page.get_by_role("heading", name="south", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/projects/south(\?.*)?$"))
    expect(graph).to_contain_text("south_shipments", timeout=LOAD_MS)
    expect(graph).not_to_contain_text("north_orders")
    assert not found, "\n".join(found)
