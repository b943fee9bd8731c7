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
