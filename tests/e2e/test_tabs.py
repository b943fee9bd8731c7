"""The definition tabs: a hand-written schedule is listed with its cron in words and its job; a
schedule made in the builder's form is listed, edited and deleted; editing what no builder
wrote opens its code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.support import Designer, written

HAND = """import dagster as dg


@dg.asset(group_name="e2e_tabs")
def e2e_tabs_asset() -> None: ...


e2e_tabs_job = dg.define_asset_job("e2e_tabs_job", selection=["e2e_tabs_asset"])

e2e_tabs_morning = dg.ScheduleDefinition(
    name="e2e_tabs_morning", job=e2e_tabs_job, cron_schedule="0 9 * * 1-5"
)
"""
MADE = "e2e_tabs_nightly"


@pytest.fixture
def hand_written(defs_root: Path, api: httpx.Client, project: dict) -> Iterator[None]:
    with written(defs_root, {"e2e_tabs/hand.py": HAND}):
        yield
        # the schedule the form made, if the test stopped before deleting it
        api.delete(f"/projects/{project['id']}/builders/schedule/{MADE}", params={"force": "true"})


def test_schedules_tab_lists_creates_edits_and_deletes(
    hand_written: None,
    refusals: set[int],
    page: Page,
    designer: Designer,
    project: dict,
    api: httpx.Client,
) -> None:
    refusals.add(404)  # Edit asks the builder first; a hand-written schedule is not its own
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="e2e_tabs/hand.py"]')).to_be_visible()
    page.get_by_role("tab", name="Schedules", exact=True).click()

    # the hand-written schedule: its cron in words, its job and how many assets that runs
    morning = page.get_by_role("article", name="Schedule e2e_tabs_morning")
    expect(morning).to_contain_text("At 09:00 AM, Monday through Friday")
    expect(morning).to_contain_text("Job e2e_tabs_job · 1 asset")
    expect(morning.get_by_role("switch", name="e2e_tabs_morning running")).not_to_be_checked()

    # a new one through the form: the words and the next runs as it is typed
    page.get_by_role("button", name="+ New schedule").click()
    form = page.get_by_role("dialog", name="New schedule")
    form.get_by_label("Name").fill(MADE)
    form.get_by_label("Timezone").fill("UTC")
    form.get_by_label("Time of day").fill("21:30")
    when = form.get_by_role("status", name="When it runs")
    expect(when.get_by_role("list", name="Next runs").get_by_role("listitem")).to_have_count(5)
    expect(when.get_by_role("list", name="Next runs")).to_contain_text("(UTC)")
    form.get_by_label("Job", exact=True).select_option("e2e_tabs_job")
    form.get_by_role("button", name="Create schedule").click()
    expect(form).to_be_hidden()
    expect(page.get_by_role("status", name="Saved")).to_contain_text(MADE)
    made = page.get_by_role("article", name=f"Schedule {MADE}")
    expect(made).to_contain_text("At 09:30 PM")
    expect(made).to_contain_text("Job e2e_tabs_job")
    schedules = api.get(f"/projects/{project['id']}/definitions").json()["schedules"]
    assert {s["name"]: s["cron_schedule"] for s in schedules}[MADE] == "30 21 * * *"

    # edited: the form opens as it was saved
    made.get_by_role("button", name=f"Edit {MADE}").click()
    form = page.get_by_role("dialog", name=f"Edit schedule {MADE}")
    expect(form.get_by_label("Time of day")).to_have_value("21:30")
    form.get_by_label("Runs", exact=True).select_option("weekday")
    form.get_by_role("button", name="Save", exact=True).click()
    expect(form).to_be_hidden()
    expect(made).to_contain_text("At 09:30 PM, Monday through Friday")

    # what no builder wrote opens in the Code view
    morning.get_by_role("button", name="Edit e2e_tabs_morning").click()
    path = f"{project['defs_path']}/e2e_tabs/hand.py"
    expect(page.get_by_label(f"Editor {path}")).to_contain_text("e2e_tabs_morning")

    # deleted from its file
    page.get_by_role("tab", name="Schedules", exact=True).click()
    made.get_by_role("button", name=f"Delete {MADE}").click()
    confirm = page.get_by_role("dialog", name=f"Delete the schedule {MADE}?")
    confirm.get_by_role("button", name="Delete", exact=True).click()
    expect(made).to_have_count(0)
    expect(morning).to_be_visible()
    schedules = api.get(f"/projects/{project['id']}/definitions").json()["schedules"]
    assert MADE not in {s["name"] for s in schedules}


MIXED = """import dagster as dg


@dg.asset(
    group_name="e2e_mixed",  # a comment the form could not keep
)
def e2e_mixed_hand() -> None: ...


e2e_mixed_job = dg.define_asset_job("e2e_mixed_job", selection="group:e2e_mixed")
"""


@pytest.fixture
def mixed(defs_root: Path, api: httpx.Client, project: dict) -> Iterator[str]:
    """A hand-written asset and job beside an asset and a check the builders wrote."""
    builders = f"/projects/{project['id']}/builders"
    with written(defs_root, {"e2e_mixed/hand.py": MIXED}):
        made = api.post(
            f"{builders}/asset",
            json={
                "params": {
                    "name": "e2e_mixed_built",
                    "group": "e2e_mixed",
                    "kinds": ["python"],
                    "deps": ["e2e_mixed_hand"],
                    "owners": ["team:data"],
                }
            },
        )
        assert made.status_code == 201, made.text
        check = api.post(
            f"{builders}/asset_check",
            json={
                "params": {
                    "name": "e2e_mixed_rows",
                    "asset": "e2e_mixed_built",
                    "check_type": "row_count",
                }
            },
        )
        assert check.status_code == 201, check.text
        yield builders
        for kind, name in (
            ("asset_check", "e2e_mixed_built:e2e_mixed_rows"),
            ("asset", "e2e_mixed_built"),
        ):
            api.delete(f"{builders}/{kind}/{name}", params={"force": "true"})


def test_tabs_list_what_builders_and_hands_wrote(
    mixed: str,
    refusals: set[int],
    page: Page,
    designer: Designer,
    project: dict,
    api: httpx.Client,
) -> None:
    refusals.add(404)  # Edit asks the builders first; the hand-written asset is no builder's
    refusals.add(409)  # the deletion of an asset a check uses is refused first
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="e2e_mixed/hand.py"]')).to_be_visible()

    page.get_by_role("tab", name="Assets", exact=True).click()
    built = page.locator('tr[data-definition="e2e_mixed_built"]')
    hand = page.locator('tr[data-definition="e2e_mixed_hand"]')
    expect(built).to_contain_text("e2e_mixed")
    expect(built).to_contain_text("team:data")
    expect(hand).to_be_visible()
    # the builder's asset reopens in its form, with what it was given
    built.get_by_role("button", name="Edit e2e_mixed_built").click()
    form = page.get_by_role("dialog", name="Edit asset e2e_mixed_built")
    expect(form.get_by_label("Group")).to_have_value("e2e_mixed")
    form.get_by_role("button", name="Cancel").click()
    # the hand-written one (a comment in its decorator) opens in the code view at its line
    hand.get_by_role("button", name="Edit e2e_mixed_hand").click()
    path = f"{project['defs_path']}/e2e_mixed/hand.py"
    expect(page.get_by_label(f"Editor {path}")).to_contain_text("a comment the form could not keep")

    page.get_by_role("tab", name="Jobs", exact=True).click()
    job = page.get_by_role("article", name="Job e2e_mixed_job")
    expect(job).to_contain_text("2 assets")

    page.get_by_role("tab", name="Checks", exact=True).click()
    group = page.get_by_role("region", name="Checks of e2e_mixed_built").or_(
        page.locator('section[aria-label="Checks of e2e_mixed_built"]')
    )
    expect(
        group.get_by_role("article", name="Check e2e_mixed_built:e2e_mixed_rows")
    ).to_be_visible()
    # deleting the checked asset names the check that uses it
    page.get_by_role("tab", name="Assets", exact=True).click()
    built.get_by_role("button", name="Delete e2e_mixed_built").click()
    confirm = page.get_by_role("dialog", name="Delete the asset e2e_mixed_built?")
    confirm.get_by_role("button", name="Delete", exact=True).click()
    expect(confirm).to_contain_text("is used by check e2e_mixed_built:e2e_mixed_rows")
    expect(confirm.get_by_role("button", name="Delete anyway")).to_be_visible()
    assert "e2e_mixed_built" in {
        a["key"] for a in api.get(f"/projects/{project['id']}/definitions").json()["assets"]
    }
