"""The README's screenshots: a designer on a demo project, photographed in headless Chromium.

    scripts/screenshots [--out docs/screenshots] [--themes dark light]

Starts a designer server on a temporary workspace, creates a project from the Python starter,
adds a Python script component downstream of its assets, materializes everything once, then
opens each screen in Debian's Chromium (as the browser tests do) and writes one PNG per screen
and theme: the start page, the asset graph, a component's form, the code workspace with a
terminal, the runs page and the review panel.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import ARGS, CHROMIUM  # noqa: E402
from tests.support import TOKEN, start_designer, stop_designer, wait_for_project  # noqa: E402

WAIT_MS = 180_000  # a load of the project, a run, a review on a busy machine
VIEWPORT = {"width": 1440, "height": 880}
COMPONENT = "city_digest"
FILES = {
    f"{COMPONENT}/defs.yaml": """\
type: dagster.PythonScriptComponent
attributes:
  execution:
    path: publish.py
  assets:
    - key: reports/city_digest
      description: The densest cities, published as a weekly digest.
      deps: [reports/densest_cities]
      kinds: [python]
      owners: [team:analytics]
      group_name: reports
""",
    f"{COMPONENT}/publish.py": """\
from dagster_pipes import open_dagster_pipes

with open_dagster_pipes() as pipes:
    pipes.report_asset_materialization(metadata={"published": True})
""",
}


def demo_project(client: httpx.Client) -> dict:
    """The Python starter's project with a component added, every asset materialized once."""
    response = client.post("/projects", json={"name": "city_pipeline", "starter": "python"})
    response.raise_for_status()
    project = wait_for_project(client, response.json()["id"])
    if project["status"] != "ready":
        raise RuntimeError(f"the demo project failed: {project.get('error')}")
    defs = Path(project["path"]) / project["defs_path"]
    for relative, text in FILES.items():
        (defs / relative).parent.mkdir(parents=True, exist_ok=True)
        (defs / relative).write_text(text)
    runs = f"/projects/{project['id']}/runs"
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:  # the new component's asset once the watcher loaded it
        keys = {
            a["key"] for a in client.get(f"/projects/{project['id']}/definitions").json()["assets"]
        }
        if "reports/city_digest" in keys:
            break
        time.sleep(1)
    run = client.post(runs, json={"selection": "*"})
    run.raise_for_status()
    run_id = run.json()["run_id"]
    while time.monotonic() < deadline:
        status = client.get(f"{runs}/{run_id}").json()["status"]
        if status in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(1)
    return project


def shoot(page: Page, out: Path, name: str, theme: str) -> None:
    page.wait_for_timeout(600)  # transitions (panels, fades) settle
    path = out / f"{name}-{theme}.png"
    page.screenshot(path=str(path))
    print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB", flush=True)


def screens(page: Page, url: str, project: dict, out: Path, theme: str) -> None:
    page.goto(f"{url}/?token={TOKEN}")
    expect(page.get_by_role("heading", name="Dagster Designer")).to_be_visible()
    expect(page.get_by_text("city_pipeline").first).to_be_visible()
    shoot(page, out, "start-page", theme)

    page.goto(f"{url}/projects/{project['id']}")
    node = page.locator(f'[data-node="{COMPONENT}"]')
    expect(node).to_be_visible()
    node.click()
    panel = page.get_by_role("complementary", name="Properties")
    expect(
        panel.locator('[data-field="execution.path"], [data-field="execution"]').first
    ).to_be_visible()
    shoot(page, out, "component-form", theme)
    panel.get_by_role("button", name="Close panel").click()

    page.keyboard.press("2")
    canvas = page.get_by_test_id("asset-canvas")
    expect(canvas.locator('[data-asset-node="reports/city_digest"]')).to_be_visible()
    expect(canvas.locator('[data-run-state="materialized"]').first).to_be_visible()
    page.keyboard.press("f")  # the whole graph in view
    shoot(page, out, "asset-graph", theme)

    page.keyboard.press("1")
    node.click()
    page.get_by_role("button", name="Open in editor").click()
    expect(
        page.get_by_label(re.compile("^Editor .*publish.py|^Editor .*defs.yaml")).first
    ).to_be_visible()
    page.get_by_role("button", name="New terminal").click()
    # the newest: a terminal of the other theme's pass may live on in the server
    terminal = page.locator('[data-testid^="terminal-"]').last
    expect(terminal).to_be_visible()
    terminal.click()
    page.keyboard.type("dg check defs\n")
    expect(terminal).to_contain_text("All component YAML validated successfully", timeout=WAIT_MS)
    shoot(page, out, "code-workspace", theme)

    page.get_by_role("tablist", name="Workspace").get_by_role("tab", name="Runs").click()
    runs = page.get_by_role("complementary", name="Runs")
    expect(runs).to_be_visible()
    runs.get_by_role("listitem").first.click()
    shoot(page, out, "runs", theme)

    page.get_by_role("tablist", name="Workspace").get_by_role("tab", name="Graph").click()
    page.get_by_role("button", name=re.compile(r"^Review")).first.click()
    review = page.get_by_role("complementary", name="Project review")
    expect(review.get_by_role("region", name="Tests")).to_be_visible()
    shoot(page, out, "review-panel", theme)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--themes", nargs="+", default=["dark", "light"], choices=["dark", "light"])
    options = parser.parse_args()
    out: Path = options.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=WAIT_MS)
    base = Path(tempfile.mkdtemp(prefix="designer-shots-"))
    server = start_designer(base / "workspace", "--load-timeout", "120")
    try:
        with server.client() as client:
            project = demo_project(client)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for theme in options.themes:
                context = browser.new_context(viewport=VIEWPORT, color_scheme=theme)
                screens(context.new_page(), server.url, project, out, theme)
                context.close()
            browser.close()
    finally:
        stop_designer(server)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
