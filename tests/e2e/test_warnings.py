"""Warnings in the browser: a reference to a key nothing produces and a missing script show on
their nodes and in the problems list, apart from errors, and their fixes are one click (and
undone with Undo)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_canvas_layout import zoom_of
from tests.support import Designer, written

SHOTS = Path(os.environ.get("DESIGNER_SHOTS", "/tmp/ui-warnings-shots"))
PRODUCER = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: ingest.py
  assets:
    - key: raw_orders
"""
CONSUMERS = """import dagster as dg


@dg.asset(deps=["raw_order"])
def report() -> None: ...
"""
SUMMARY = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: build.py
  assets:
    - key: summary
      deps: [raw_order]
"""
SCRIPTED = """type: dagster.PythonScriptComponent
attributes:
  execution:
    path: gone.py
  assets:
    - key: scripted_orders
"""


@pytest.fixture
def dangling(defs_root: Path) -> Iterator[Path]:
    files = {
        "warned/ingest/defs.yaml": PRODUCER,
        "warned/ingest/ingest.py": "",
        "warned/consumers.py": CONSUMERS,
        "warned/summary/defs.yaml": SUMMARY,
        "warned/summary/build.py": "",
        "warned/scripted/defs.yaml": SCRIPTED,
    }
    with written(defs_root, files):
        yield defs_root / "warned"


def test_warnings_show_apart_from_errors_and_their_fixes_are_one_click(
    page: Page, designer: Designer, project: dict, dangling: Path
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    top = page.locator(".top-bar")
    bar = page.get_by_role("region", name="Problems of the project")
    consumers = page.locator('[data-node="warned/consumers.py"]')
    scripted = page.locator('[data-node="warned/scripted"]')

    # on the nodes: an amber mark, not the error mark
    expect(consumers.get_by_label("1 warning")).to_have_text("▲ 1")
    expect(scripted.get_by_label("1 warning")).to_be_visible()
    expect(consumers.locator(".node-problems")).to_have_count(0)
    # counted as warnings, never as problems
    expect(top).to_contain_text("3 warnings")
    expect(bar).to_contain_text("3 warnings")
    expect(bar).not_to_contain_text("problem")
    expect(bar.locator(".problems-count.error")).to_have_count(0)

    # the list: each warning with where it is written and its fixes; a click opens the place
    top.get_by_role("button", name=re.compile("3 warnings")).click()
    warnings = bar.get_by_role("list", name="Warnings")
    dangling_row = warnings.locator('[data-warning="report"]')
    expect(dangling_row).to_contain_text("did you mean raw_orders?")
    expect(
        dangling_row.get_by_role("button", name="Change the reference to raw_orders")
    ).to_be_visible()
    expect(
        dangling_row.get_by_role(
            "button", name="Rename raw_orders to raw_order where it is produced"
        )
    ).to_be_visible()
    dangling_row.get_by_role("button", name=re.compile(r"consumers\.py:4")).click()
    panel = page.get_by_role("complementary", name="Properties")
    expect(panel.get_by_role("heading", name="warned/consumers.py")).to_be_visible()
    panel_warnings = panel.get_by_role("region", name="Warnings of the component")
    expect(panel_warnings).to_contain_text("report depends on raw_order")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "warnings-component-view.png"))

    # a warning written at a field of a component shows on that field, which stays valid
    summary_row = warnings.locator('[data-warning="summary"]')
    summary_row.get_by_role("button", name=re.compile(r"defs\.yaml:7")).click()
    expect(panel.get_by_role("heading", name="warned/summary")).to_be_visible()
    deps = panel.locator('[data-field="assets.0.deps"]')
    expect(deps.locator(".sf-warning")).to_contain_text("nothing in the project produces")
    expect(panel.locator('[data-invalid="true"]')).to_have_count(0)
    page.screenshot(path=str(SHOTS / "warnings-on-a-form-field.png"))

    # the asset view marks the asset whose reference dangles
    page.keyboard.press("Escape")
    page.keyboard.press("2")
    report = page.get_by_test_id("asset-canvas").locator('[data-asset-node="report"]')
    expect(report.get_by_label("1 warning")).to_be_visible()
    page.screenshot(path=str(SHOTS / "warnings-asset-view.png"))
    # zoomed out far (below 0.6, where a large graph is painted; a small one keeps its details)
    # the warning stays in sight
    canvas = page.get_by_test_id("asset-canvas")
    zoom_out = canvas.get_by_role("button", name="Zoom Out")
    for _ in range(40):
        if zoom_of(page) < 0.6 or not zoom_out.is_enabled():
            break
        zoom_out.click()
    assert zoom_of(page) < 0.6
    expect(report.get_by_label("1 warning")).to_be_visible()
    page.keyboard.press("1")

    # change the references: both files say raw_orders, the warnings go, the edges come
    fix = warnings.locator('[data-warning="report"]')
    fix.get_by_role("button", name="Change the reference to raw_orders").click()
    edge = page.locator('[data-id="warned/ingest->warned/consumers.py"]')
    expect(edge).to_have_count(1)
    expect(page.locator('[data-id="warned/ingest->warned/summary"]')).to_have_count(1)
    expect(consumers.get_by_label("1 warning")).to_have_count(0)
    expect(bar).to_contain_text("1 warning")
    assert (dangling / "consumers.py").read_text() == CONSUMERS.replace("raw_order", "raw_orders")
    assert (dangling / "summary/defs.yaml").read_text() == SUMMARY.replace(
        "raw_order", "raw_orders"
    )

    # undo writes the files back as they were, and the warnings are back
    page.get_by_role("button", name="Undo").click()
    expect(consumers.get_by_label("1 warning")).to_be_visible()
    expect(edge).to_have_count(0)
    expect(bar).to_contain_text("3 warnings")
    assert (dangling / "consumers.py").read_text() == CONSUMERS
    assert (dangling / "summary/defs.yaml").read_text() == SUMMARY

    # or rename the producer; undo renames it back
    warnings.locator('[data-warning="report"]').get_by_role(
        "button", name="Rename raw_orders to raw_order where it is produced"
    ).click()
    expect(edge).to_have_count(1)
    assert "- key: raw_order\n" in (dangling / "ingest/defs.yaml").read_text()
    page.get_by_role("button", name="Undo").click()
    expect(edge).to_have_count(0)
    expect(consumers.get_by_label("1 warning")).to_be_visible()
    assert (dangling / "ingest/defs.yaml").read_text() == PRODUCER

    # a missing script: created with one click, runnable as it is
    script = warnings.locator('[data-warning="scripted_orders"]')
    expect(script).to_contain_text("gone.py")
    script.get_by_role("button", name=re.compile(r"Create .*gone\.py")).click()
    expect(scripted.get_by_label("1 warning")).to_have_count(0)
    created = (dangling / "scripted/gone.py").read_text()
    assert "open_dagster_pipes" in created and "report_asset_materialization" in created
    expect(bar).to_contain_text("2 warnings")
    expect(top).to_contain_text("2 warnings")
