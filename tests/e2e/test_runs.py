"""Runs from the graph: Materialize on a picked asset or on the filter's matches, the nodes
turn green (or red) as Dagster records it, and the run's page shows its events, steps, error
and stack, whose frames open the project's file at the line. Schedules and sensors: on and off
in the instance, and a tick evaluated on demand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import serious_violations
from tests.support import Designer, written

# A run's process loads the definitions, then Dagster executes the steps: seconds on an idle
# machine, far more when the cores are busy. The waits end as soon as their condition holds.
RUN = 180_000

CHAIN = """import dagster as dg


@dg.asset(group_name="e2e_runs")
def e2e_chain_a() -> int:
    print("hello from e2e_chain_a")
    return 1


@dg.asset(group_name="e2e_runs")
def e2e_chain_b(context: dg.AssetExecutionContext, e2e_chain_a: int) -> int:
    context.add_output_metadata({"row_count": 2})
    return e2e_chain_a + 1


@dg.asset_check(asset=e2e_chain_b)
def e2e_chain_b_positive(e2e_chain_b: int) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=e2e_chain_b > 0)
"""
BROKEN = """import dagster as dg


@dg.asset(group_name="e2e_runs")
def e2e_broken() -> None:
    raise ValueError("e2e_broken broke on purpose")
"""
BROKEN_PATH = "src/sales_analytics/defs/e2e_runs/broken.py"
BROKEN_LINE = BROKEN.splitlines().index('    raise ValueError("e2e_broken broke on purpose")') + 1


@pytest.fixture
def pipeline(defs_root: Path) -> Iterator[None]:
    files = {"e2e_runs/chain.py": CHAIN, "e2e_runs/broken.py": BROKEN}
    with written(defs_root, files):
        yield


def node(page: Page, key: str):
    return page.get_by_test_id("asset-canvas").locator(f'[data-asset-node="{key}"]')


def test_materialize_from_the_graph_and_read_the_run(
    pipeline: None, page: Page, designer: Designer, project: dict
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="e2e_runs/chain.py"]')).to_be_visible(timeout=RUN)
    page.keyboard.press("2")
    chain_a, chain_b = node(page, "e2e_chain_a"), node(page, "e2e_chain_b")
    expect(chain_b).to_contain_text("Never materialized", timeout=RUN)

    # the filter's matches: the chain, with the check of its last asset
    page.get_by_label("Filter assets").fill("e2e_chain_")
    expect(page.get_by_role("status", name="Filter result")).to_contain_text("2 of")
    page.get_by_role("button", name="Materialize 2 assets", exact=True).click()
    expect(page.get_by_role("status", name="Run", exact=True)).to_contain_text(
        "Materialize 2 assets"
    )
    for asset in (chain_a, chain_b):
        expect(asset).to_have_attribute(
            "class", re.compile(r"\brun-state-materialized\b"), timeout=RUN
        )
    expect(chain_b.locator(".run-checks")).to_have_text("✓ 1/1", timeout=RUN)
    expect(page.get_by_role("status", name="Run", exact=True)).to_contain_text(
        "SUCCESS", timeout=RUN
    )

    # what Dagster recorded, in the panel of the asset
    chain_b.click()
    recorded = page.get_by_role("complementary", name="Properties").locator(
        '[data-metadata="row_count"]'
    )
    expect(recorded).to_contain_text("2")

    # the run's page: the event log with the step's output, and a timeline of its steps (the
    # check is a step of its own)
    page.get_by_role("status", name="Run", exact=True).get_by_role(
        "button", name="View run"
    ).click()
    run = page.get_by_role("article", name=re.compile("^Run "))
    expect(run.locator("[data-run-status]").first).to_have_text(re.compile("SUCCESS"))
    log = run.get_by_role("region", name="Event log")
    expect(log.locator('[data-event-type="ASSET_MATERIALIZATION"]')).to_have_count(2, timeout=RUN)
    hello = log.locator('[data-event-type="STDOUT"]').filter(has_text="hello from e2e_chain_a")
    expect(hello).to_have_count(1)
    expect(log.locator('[data-event-type="ASSET_CHECK_EVALUATION"]')).to_have_count(1)
    steps = run.get_by_label("Steps")
    expect(steps.locator('[data-step-state="succeeded"]')).to_have_count(3)
    # the log's lines of long paths wrap: the page stays within its window
    wider = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wider <= 0, f"the run page is {wider} px wider than the window"
    # the run's page, its log and timeline, reads well in either theme
    for theme in ("light", "dark"):
        page.emulate_media(color_scheme=theme)
        expect(page.locator("html")).to_have_attribute("data-theme", theme)
        assert serious_violations(page, f"run page, {theme}") == []
    page.emulate_media(color_scheme="light")
    page.get_by_label("Show", exact=True).select_option("output")
    others = 'tr:not([data-event-type="STDOUT"]):not([data-event-type="STDERR"])'
    expect(log.locator(others)).to_have_count(0)
    expect(hello).to_have_count(1)

    # a failing asset turns red; its run shows the error, and its stack opens the file
    page.get_by_role("tab", name="Graph").click()
    page.get_by_label("Filter assets").fill("")
    broken = node(page, "e2e_broken")
    broken.click()
    page.get_by_role("button", name="Materialize e2e_broken", exact=True).click()
    expect(broken).to_have_attribute("class", re.compile(r"\brun-state-failed\b"), timeout=RUN)
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.locator('[data-asset-run="e2e_broken"]')).to_contain_text("Last run failed")
    panel.locator('[data-asset-run="e2e_broken"]').get_by_role("button", name="last run").click()
    error = page.get_by_role("region", name="Error")
    expect(error).to_contain_text("e2e_broken broke on purpose", timeout=RUN)
    error.get_by_title(f"Open {BROKEN_PATH} at line {BROKEN_LINE}").click()
    expect(page.get_by_label(f"Editor {BROKEN_PATH}")).to_contain_text("broke on purpose")


AUTOMATION = """import dagster as dg


@dg.asset(group_name="e2e_ticks")
def e2e_ticked() -> None: ...


e2e_ticks_job = dg.define_asset_job("e2e_ticks_job", selection=["e2e_ticked"])

e2e_morning = dg.ScheduleDefinition(
    name="e2e_morning", job=e2e_ticks_job, cron_schedule="0 9 * * *"
)


@dg.sensor(job=e2e_ticks_job)
def e2e_watcher() -> dg.RunRequest:
    return dg.RunRequest(run_key="e2e-file-1")
"""


@pytest.fixture
def automation(defs_root: Path) -> Iterator[None]:
    with written(defs_root, {"e2e_ticks/automation.py": AUTOMATION}):
        yield


def test_schedules_sensors_and_the_launchpad(
    automation: None,
    refusals: set[int],
    page: Page,
    designer: Designer,
    project: dict,
    api: httpx.Client,
) -> None:
    refusals.add(400)  # the launchpad's refused request
    page.goto(f"{designer.url}/projects/{project['id']}")
    expect(page.locator('[data-node="e2e_ticks/automation.py"]')).to_be_visible(timeout=RUN)
    page.get_by_role("tab", name="Runs").click()
    page.get_by_role("tab", name="Schedules and sensors").click()

    morning = page.locator('[data-automation="e2e_morning"]')
    expect(morning).to_contain_text("0 9 * * *", timeout=RUN)
    switch = morning.get_by_role("switch", name="e2e_morning running")
    expect(switch).not_to_be_checked()
    switch.click()
    expect(switch).to_be_checked()
    schedules = api.get(f"/projects/{project['id']}/schedules").json()
    assert next(s for s in schedules if s["name"] == "e2e_morning")["running"] is True
    switch.click()  # and off again: the instance is shared with the other tests
    expect(switch).not_to_be_checked()

    watcher = page.locator('[data-automation="e2e_watcher"]')
    watcher.get_by_role("button", name="Evaluate tick").click()
    result = watcher.get_by_role("status", name="Tick of e2e_watcher")
    expect(result).to_contain_text("Would run e2e_ticks_job", timeout=RUN)
    expect(result).to_contain_text("run key e2e-file-1")

    # the launchpad: a bad request is refused with Dagster's reason; a job runs
    page.get_by_role("button", name="Launch a run…").click()
    launchpad = page.get_by_role("dialog", name="Launch a run")
    launchpad.get_by_label("Asset selection").fill('key:"e2e_ticked"')
    launchpad.get_by_label("Partition").fill("no-such-partition")
    launchpad.get_by_role("button", name="Launch", exact=True).click()
    expect(launchpad.get_by_role("alert")).to_contain_text("partition", timeout=RUN)
    launchpad.get_by_label("Partition").fill("")
    launchpad.get_by_label("Run config").fill("{not json")
    expect(launchpad.get_by_text("The run config is not valid JSON")).to_be_visible()
    expect(launchpad.get_by_role("button", name="Launch", exact=True)).to_be_disabled()
    launchpad.get_by_label("Run config").fill("")
    launchpad.get_by_role("radio", name="Job").click()
    launchpad.get_by_label("Job", exact=True).select_option("e2e_ticks_job")
    launchpad.get_by_role("button", name="Launch", exact=True).click()
    run = page.get_by_role("article", name=re.compile("^Run "))
    expect(run).to_contain_text("e2e_ticks_job", timeout=RUN)
    expect(run.locator("[data-run-status]").first).to_have_text(re.compile("SUCCESS"), timeout=RUN)
    page.get_by_role("combobox", name="Job", exact=True).fill("e2e_ticks_job")
    expect(page.locator("[data-run]")).to_have_count(1)
    expect(page.locator("[data-run]")).to_contain_text("e2e_ticks_job")
