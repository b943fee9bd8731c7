"""Picking assets on the graph: a job's selection is edited by clicking assets (Dagster evaluates
each edit), an asset's dependencies likewise; Done keeps the picks, Escape leaves the form as it
was, and what is saved is what was picked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.support import Designer, written

ASSETS = """import dagster as dg


@dg.asset(group_name="e2e_pick")
def e2e_pick_a() -> None: ...


@dg.asset(key=["e2e_pick", "raw"], group_name="e2e_pick")
def e2e_pick_raw() -> None: ...


@dg.asset(group_name="e2e_pick", deps=[e2e_pick_a])
def e2e_pick_b() -> None: ...
"""
JOB = "e2e_pick_job"
DOWN = "e2e_pick_down"


@pytest.fixture
def assets(defs_root: Path, api: httpx.Client, project: dict) -> Iterator[None]:
    builders = f"/projects/{project['id']}/builders"
    with written(defs_root, {"e2e_pick/assets.py": ASSETS}):
        yield
        # what the forms made, also when the test stopped half-way
        api.delete(f"{builders}/job/{JOB}", params={"force": "true"})
        api.delete(f"{builders}/asset/{DOWN}", params={"force": "true"})


def open_project(page: Page, designer: Designer, project: dict) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="e2e_pick/assets.py"]')).to_be_visible()


def picker_of(page: Page, title: str) -> tuple[Locator, Locator]:
    """The picker's graph and its bar, once the graph is laid out."""
    picker = page.get_by_role("region", name=title)
    expect(picker.locator('[data-asset-node="e2e_pick_a"]')).to_be_visible()
    return picker, picker.get_by_role("toolbar", name="Picking assets")


def file_with(root: Path, text: str) -> str:
    found = [p.read_text() for p in root.rglob("*.py") if text in p.read_text()]
    assert len(found) == 1, f"{len(found)} files hold {text}"
    return found[0]


def test_a_jobs_selection_is_picked_on_the_graph(
    assets: None,
    page: Page,
    designer: Designer,
    project: dict,
    api: httpx.Client,
    defs_root: Path,
) -> None:
    open_project(page, designer, project)
    page.get_by_role("tab", name="Jobs", exact=True).click()
    page.get_by_role("button", name="+ New job").click()
    form = page.get_by_role("dialog", name="New job")
    form.get_by_label("Name").fill(JOB)
    form.get_by_label("Description").fill("kept while picking")
    selection = form.get_by_label("Asset selection")

    # an explicit term Dagster says is not alone in matching its asset, and broader terms:
    # deselecting excludes; picking again drops the exclusion; Escape drops every edit
    selection.fill("group:e2e_pick or key:e2e_pick_a")
    form.get_by_role("button", name="Pick on the graph").click()
    expect(form).to_be_hidden()
    title = f"Picking assets for job {JOB}"
    picker, bar = picker_of(page, title)
    picked = bar.get_by_role("status", name="Picked")
    drafted = bar.get_by_label("Selection picked")
    expect(picked).to_have_text("3 selected")
    a = picker.get_by_role("checkbox", name="Pick e2e_pick_a")
    b = picker.get_by_role("checkbox", name="Pick e2e_pick_b")
    expect(a).to_have_attribute("aria-checked", "true")
    a.click()
    expect(drafted).to_have_text("group:e2e_pick and not key:e2e_pick_a")
    expect(picked).to_have_text("2 selected")
    expect(a).to_have_attribute("aria-checked", "false")
    b.click()
    expect(drafted).to_have_text("group:e2e_pick and not key:e2e_pick_a and not key:e2e_pick_b")
    expect(picked).to_have_text("1 selected")
    a.click()
    expect(drafted).to_have_text("group:e2e_pick and not key:e2e_pick_b")
    expect(picked).to_have_text("2 selected")
    expect(bar.get_by_role("alert")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(picker).to_have_count(0)
    expect(form).to_be_visible()
    expect(selection).to_have_value("group:e2e_pick or key:e2e_pick_a")
    expect(form.get_by_label("Name")).to_have_value(JOB)
    expect(form.get_by_label("Description")).to_have_value("kept while picking")

    # an older-style clause is rewritten in the grammar, which can combine it, as Dagster agrees
    selection.fill("*e2e_pick_b")
    form.get_by_role("button", name="Pick on the graph").click()
    picker, bar = picker_of(page, title)
    picked = bar.get_by_role("status", name="Picked")
    expect(picked).to_have_text("2 selected")
    picker.get_by_role("checkbox", name="Pick e2e_pick/raw").click()
    expect(bar.get_by_label("Selection picked")).to_have_text(
        '+key:e2e_pick_b or key:"e2e_pick/raw"'
    )
    expect(picked).to_have_text("3 selected")
    expect(bar.get_by_role("alert")).to_have_count(0)
    bar.get_by_role("button", name="Cancel").click()
    expect(selection).to_have_value("*e2e_pick_b")

    # from nothing: two clicks, one of them by keyboard, and a third taken back
    selection.fill("")
    form.get_by_role("button", name="Pick on the graph").click()
    picker, bar = picker_of(page, title)
    picked = bar.get_by_role("status", name="Picked")
    expect(picked).to_have_text("0 selected")
    picker.locator('[data-asset-node="e2e_pick_a"]').click()
    expect(picked).to_have_text("1 selected")
    raw = picker.get_by_role("checkbox", name="Pick e2e_pick/raw")
    raw.focus()
    page.keyboard.press("Enter")
    expect(picked).to_have_text("2 selected")
    b = picker.get_by_role("checkbox", name="Pick e2e_pick_b")
    b.focus()
    page.keyboard.press(" ")
    expect(picked).to_have_text("3 selected")
    b.click()
    expect(picked).to_have_text("2 selected")
    text = 'key:e2e_pick_a or key:"e2e_pick/raw"'
    expect(bar.get_by_label("Selection picked")).to_have_text(text)
    expect(bar.get_by_role("alert")).to_have_count(0)  # Dagster selects exactly the picks
    bar.get_by_role("button", name="Done").click()

    expect(form).to_be_visible()
    expect(selection).to_have_value(text)
    expect(form.get_by_label("Description")).to_have_value("kept while picking")
    matches = form.get_by_role("status", name="Selection matches")
    expect(matches).to_contain_text("Selects 2 assets")
    expect(matches).to_contain_text("e2e_pick/raw")
    form.get_by_role("button", name="Create job").click()
    expect(form).to_be_hidden()

    assert (
        api.get(f"/projects/{project['id']}/builders/job/{JOB}").json()["params"]["selection"]
        == text
    )
    assert "e2e_pick/raw" in file_with(defs_root, f'"{JOB}"')
    job = page.get_by_role("article", name=f"Job {JOB}")
    expect(job).to_contain_text("2 assets")


def test_an_assets_dependencies_are_picked_on_the_graph(
    assets: None,
    page: Page,
    designer: Designer,
    project: dict,
    api: httpx.Client,
    defs_root: Path,
) -> None:
    open_project(page, designer, project)
    page.get_by_role("tab", name="Assets", exact=True).click()
    page.get_by_role("button", name="+ New asset").click()
    form = page.get_by_role("dialog", name="New asset")
    form.get_by_label("Name").fill(DOWN)
    form.get_by_label("Group").fill("e2e_pick")
    form.get_by_role("button", name="Pick on the graph").click()
    picker, bar = picker_of(page, f"Picking dependencies of asset {DOWN}")
    picker.get_by_role("checkbox", name="Pick e2e_pick/raw").click()
    expect(bar.get_by_role("status", name="Picked")).to_have_text("1 selected")
    bar.get_by_role("button", name="Done").click()

    expect(form).to_be_visible()
    expect(form.get_by_label("Group")).to_have_value("e2e_pick")
    expect(form.get_by_role("checkbox", name="e2e_pick/raw")).to_be_checked()
    expect(form).to_contain_text("1 asset picked: e2e_pick/raw")
    form.get_by_role("button", name="Create asset").click()
    expect(form).to_be_hidden()

    params = api.get(f"/projects/{project['id']}/builders/asset/{DOWN}").json()["params"]
    assert params["deps"] == ["e2e_pick/raw"]
    assert "raw" in file_with(defs_root, f"def {DOWN}(")

    # edited: the asset itself cannot be picked, and says why
    row = page.locator(f'tr[data-definition="{DOWN}"]')
    row.get_by_role("button", name=f"Edit {DOWN}").click()
    form = page.get_by_role("dialog", name=f"Edit asset {DOWN}")
    form.get_by_role("button", name="Pick on the graph").click()
    picker, bar = picker_of(page, f"Picking dependencies of asset {DOWN}")
    itself = picker.get_by_role("checkbox", name=f"Pick {DOWN}")
    expect(itself).to_have_attribute("aria-disabled", "true")
    expect(itself).to_have_attribute(
        "title", "This is the asset being built: it cannot depend on itself."
    )
    expect(picker.get_by_role("checkbox", name="Pick e2e_pick/raw")).to_have_attribute(
        "aria-checked", "true"
    )
    itself.click(force=True)  # it takes no pick, disabled or not
    expect(bar.get_by_role("status", name="Picked")).to_have_text("1 selected")
    bar.get_by_role("button", name="Cancel").click()
    form.get_by_role("button", name="Cancel").click()

    # the live graph draws the new dependency
    page.get_by_role("tab", name="Graph", exact=True).click()
    page.keyboard.press("2")
    edge = page.get_by_test_id("asset-canvas").get_by_test_id(
        f"rf__edge-asset:e2e_pick/raw->asset:{DOWN}"
    )
    expect(edge).to_have_count(1)
