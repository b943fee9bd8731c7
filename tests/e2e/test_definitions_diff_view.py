"""Changes since HEAD on the asset graph: added assets green, changed amber with their fields,
removed ones as dashed ghosts, with a legend; in a project of its own made a repository."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.support import Designer, git, wait_for_project

NAME = "diff_view"
BEFORE = """\
import dagster as dg


@dg.asset(group_name="shop")
def orders() -> None: ...


@dg.asset(group_name="shop", deps=[orders])
def revenue() -> None: ...


@dg.asset(group_name="shop")
def legacy() -> None: ...
"""
AFTER = """\
import dagster as dg


@dg.asset(group_name="shop")
def orders() -> None: ...


@dg.asset(group_name="finance", deps=[orders], description="Money in")
def revenue() -> None: ...


@dg.asset(group_name="shop", deps=[orders])
def refunds() -> None: ...
"""


@pytest.fixture(scope="module")
def repo(api: httpx.Client) -> Iterator[dict]:
    response = api.post("/projects", json={"name": NAME})
    assert response.status_code == 202, response.text
    project = wait_for_project(api, response.json()["id"])
    assert project["status"] == "ready", project.get("error")
    root = Path(project["path"])
    pipeline = root / "src" / NAME / "defs" / "shop.py"
    git(root, "init", "--initial-branch=main")
    pipeline.write_text(BEFORE)
    git(root, "add", "-A")
    git(root, "commit", "-m", "The shop")
    pipeline.write_text(AFTER)
    yield project
    api.delete(f"/projects/{project['id']}", params={"delete_files": "true"})


@pytest.fixture
def context_options() -> dict[str, Any]:
    return {"color_scheme": "dark"}  # the colours checked are the dark theme's


def test_changes_since_head_on_the_asset_graph(
    page: Page, designer: Designer, repo: dict, refusals: set[int]
) -> None:
    refusals.add(400)  # the ref that names no commit
    page.goto(f"{designer.url}/projects/{repo['id']}")
    expect(page.locator('[data-node="shop.py"]')).to_be_visible()
    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    expect(canvas.locator('[data-asset-node="refunds"]')).to_be_visible()
    page.get_by_role("button", name="Changes since").click()

    legend = page.get_by_role("region", name="Changes since HEAD")
    expect(legend).to_contain_text("1 added asset")
    expect(legend).to_contain_text("1 changed asset")
    expect(legend).to_contain_text("1 removed asset")
    expect(legend).to_contain_text("revenue: description, group")
    node = lambda key: canvas.locator(f'.react-flow__node:has([data-asset-node="{key}"])')  # noqa: E731
    expect(node("refunds")).to_have_class(re.compile(r"\bdiff-added\b"))
    expect(node("revenue")).to_have_class(re.compile(r"\bdiff-changed\b"))
    expect(node("revenue")).to_have_attribute("data-diff-fields", "description, group")
    expect(node("orders")).not_to_have_class(re.compile(r"\bdiff-"))
    ghost = canvas.locator('[data-removed-asset="legacy"]')
    expect(ghost).to_be_in_viewport()
    expect(ghost).to_contain_text("removed since HEAD")
    # the colours are the theme's
    added = node("refunds").locator(".asset-node")
    expect(added).to_have_css("border-top-color", "rgb(62, 207, 142)")

    # another ref that names nothing says so, in words
    page.get_by_label("Compare with (branch, tag or commit)").fill("no-such-branch")
    page.get_by_label("Compare with (branch, tag or commit)").press("Enter")
    expect(page.get_by_role("region", name="Changes since no-such-branch")).to_contain_text(
        "names no commit"
    )

    # off: no colours, no ghosts
    page.get_by_role("button", name="Changes since").click()
    expect(page.get_by_role("region", name=re.compile("Changes since"))).to_have_count(0)
    expect(ghost).to_have_count(0)
    expect(node("refunds")).not_to_have_class(re.compile(r"\bdiff-"))
