"""The start page: the starters with what each contains, one click to a project made from one,
and Open project's folder picker, which opens a folder only once it is a dg project."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import Designer

CREATE_TIMEOUT_MS = 900_000


def test_a_starter_is_shown_with_what_it_contains_and_one_click_makes_it(
    page: Page, designer: Designer
) -> None:
    sales = page.locator('[data-starter="sales"]')
    expect(sales).to_contain_text("Sales analytics on DuckDB")
    expect(sales.get_by_role("list")).to_contain_text("dbt project on DuckDB")
    expect(page.locator('[data-starter="empty"]')).to_be_visible()

    # another name goes through the dialog, the starter chosen and its name suggested
    page.get_by_role("button", name="Other name… for Python assets").click()
    dialog = page.get_by_role("dialog", name="New project")
    expect(dialog.get_by_role("radio", name="Python assets")).to_be_checked()
    expect(dialog.locator("#new-project-name")).to_have_value("cities")
    dialog.get_by_role("button", name="Cancel").click()

    # one click: the project is made under the suggested name and opens by itself once
    # create-dagster, uv and the starter are done
    page.get_by_role("button", name="Start from Python assets").click()
    expect(page.get_by_role("heading", name="cities", level=1)).to_be_visible(
        timeout=CREATE_TIMEOUT_MS
    )
    expect(page.locator(".top-bar")).to_contain_text("3 assets", timeout=120_000)
    assert (designer.workspace / "cities" / "data" / "cities.csv").is_file()


@pytest.fixture
def refused(refusals: set[int]) -> None:
    refusals.add(403)  # a folder outside the browsable ones, asked for on purpose


@pytest.mark.usefixtures("refused")
def test_open_browses_folders_and_opens_only_a_dg_project(
    page: Page, designer: Designer, project: dict
) -> None:
    page.get_by_role("button", name="Open folder…").click()
    dialog = page.get_by_role("dialog", name="Open a dg project")
    path = dialog.get_by_label("Folder path")
    open_button = dialog.get_by_role("button", name="Open", exact=True)

    path.fill("/etc")
    dialog.get_by_role("button", name="Go").click()
    expect(dialog).to_contain_text("outside the folders the designer browses")
    expect(open_button).to_be_disabled()

    workspace = str(designer.workspace.resolve())
    dialog.get_by_role("button", name=workspace, exact=True).click()
    entry = dialog.get_by_role("list", name="Folders").get_by_role("button", name=project["name"])
    expect(entry).to_contain_text("dg project")
    (designer.workspace / "notes").mkdir(exist_ok=True)
    path.fill(str(Path(workspace) / "notes"))
    dialog.get_by_role("button", name="Go").click()
    expect(dialog).to_contain_text("no pyproject.toml or dg.toml")
    expect(open_button).to_be_disabled()

    dialog.get_by_role("button", name="↑ Up").click()
    entry.click()
    expect(dialog.locator(".folder-verdict")).to_contain_text("dg project")
    open_button.click()
    expect(page.get_by_role("heading", name=project["name"], level=1)).to_be_visible()
