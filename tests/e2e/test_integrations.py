"""The integration library from the palette: search and categories, then Install, whose
progress the dialog shows and whose component types reach the palette, and Remove."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support import Designer

INSTALL = 600_000  # `uv add` and a restart of the worker with the new library, on a busy machine
SLING = '[data-type="dagster_sling.SlingReplicationCollectionComponent"]'


def test_an_integration_is_found_installed_and_removed_from_the_palette(
    page: Page, designer: Designer, project: dict
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.get_by_role("button", name="Integrations").click()
    dialog = page.get_by_role("dialog", name="Integrations")
    expect(dialog.get_by_role("region", name="ELT")).to_be_visible()
    expect(dialog.get_by_role("listitem", name="dbt")).to_be_visible()

    # a category shows only its own; a search looks in what an integration provides too
    dialog.get_by_role("button", name="Monitoring").click()
    expect(dialog.get_by_role("listitem", name="Slack")).to_be_visible()
    expect(dialog.get_by_role("listitem", name="dbt")).to_have_count(0)
    dialog.get_by_role("button", name="All", exact=False).first.click()
    dialog.get_by_label("Search integrations").fill("DuckDBIOManager")
    expect(dialog.get_by_role("listitem")).to_have_count(1)
    expect(dialog.get_by_role("listitem", name="DuckDB")).to_contain_text(
        "1 resource, 1 IO manager"
    )

    dialog.get_by_label("Search integrations").fill("sling")
    sling = dialog.get_by_role("listitem", name="Sling")
    expect(sling).to_contain_text("dagster-sling 0.29.27")
    sling.get_by_role("button", name="Install").click()
    activity = dialog.get_by_role("status", name="Environment change")
    expect(activity).to_contain_text("Adding dagster-sling==0.29.27")
    expect(activity).to_contain_text("$ uv add dagster-sling==0.29.27")

    # closed while it runs: its component type still reaches the palette when it is done
    dialog.get_by_role("button", name="Close").click()
    page.get_by_label("Search components").fill("sling")
    expect(page.locator(SLING)).to_be_visible(timeout=INSTALL)
    page.get_by_role("button", name="Integrations").click()
    dialog.get_by_label("Search integrations").fill("sling")
    expect(dialog.get_by_text("Added dagster-sling==0.29.27.")).to_be_visible()
    expect(sling.get_by_text("installed", exact=True)).to_be_visible()

    sling.get_by_role("button", name="Remove").click()
    expect(sling.get_by_role("button", name="Install")).to_be_visible(timeout=INSTALL)
    expect(dialog.get_by_text("Removed dagster-sling.")).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(page.locator(SLING)).to_have_count(0, timeout=INSTALL)
