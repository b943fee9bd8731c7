"""The Review panel in the browser: a literal secret shows as an error with its place; a click
opens the file at its line; the fix's diff is shown first, then applied, and the finding goes.
The assets of a YAML component get their kinds the same way, in its defs.yaml. An asset's first
run clears its never-materialized finding, though no file changed. The panel has no serious
accessibility violation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accessibility import serious_violations
from tests.support import Designer, launch, wait_run, written

LONG = 120_000  # a load and a review of the project on a busy machine
FILE = "review_panel_settings.yaml"
SETTINGS = "warehouse:\n  user: me\n  password: 'Xk3v9qLmZ2pQ7rT4w'\n  port: 5432\n"
LINE = 3


@pytest.fixture
def secret(project_root: Path) -> Iterator[Path]:
    """A YAML file with a literal password, removed afterwards with what the fix adds to `.env`."""
    env = project_root / ".env"
    env_before = env.read_bytes() if env.exists() else None
    with written(project_root, {FILE: SETTINGS}):
        yield project_root
    if env_before is None:
        env.unlink(missing_ok=True)
    else:
        env.write_bytes(env_before)


def test_a_secret_is_shown_opened_previewed_and_fixed(
    secret: Path, page: Page, designer: Designer, project: dict
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    button = page.get_by_role("button", name=re.compile(r"^Review\W+[1-9]\d* errors?"))
    expect(button).to_be_visible(timeout=LONG)
    button.click()
    panel = page.get_by_role("complementary", name="Project review")
    errors = panel.get_by_role("region", name=re.compile("^Errors"))
    finding = errors.get_by_role("listitem").filter(has_text=f"{FILE}:{LINE}")
    expect(finding).to_have_count(1, timeout=LONG)
    expect(finding).to_contain_text("secret")
    tests = panel.get_by_role("region", name="Tests")
    expect(tests.get_by_role("button", name="Run tests")).to_be_enabled()
    assert serious_violations(page, "review panel") == []

    finding.get_by_role("button", name=re.compile("^Preview the fix")).click()
    diff = finding.get_by_label(re.compile("^The changes of the fix"))
    expect(diff).to_contain_text('password: "{{ env.PASSWORD }}"', timeout=LONG)
    expect(diff).to_contain_text("PASSWORD=Xk3v9qLmZ2pQ7rT4w")
    assert (secret / FILE).read_text() == SETTINGS  # the preview writes nothing
    assert serious_violations(page, "review panel with a fix's diff") == []

    finding.get_by_role("button", name=re.compile(r"^secret")).click()
    editor = page.get_by_label(f"Editor {FILE}")
    expect(editor).to_be_visible(timeout=LONG)
    expect(editor.locator(".cm-activeLine")).to_contain_text("password", timeout=LONG)

    finding.get_by_role("button", name="Apply", exact=True).click()
    expect(errors.get_by_role("listitem").filter(has_text=f"{FILE}:{LINE}")).to_have_count(
        0, timeout=LONG
    )
    assert "{{ env.PASSWORD }}" in (secret / FILE).read_text()
    assert "PASSWORD=Xk3v9qLmZ2pQ7rT4w" in (secret / ".env").read_text()


SCRIPTS = """# scripts of the panel's test
type: dagster.PythonScriptComponent
attributes:
  execution:
    path: run.py
  assets:
    - key: panel_raw
    - key: panel_clean
      deps: [panel_raw]
"""
KINDS_RULE = "post_processing:\n  assets:\n    - target: '*'\n      attributes:\n        kinds:\n"


def test_a_yaml_components_assets_get_their_kind_from_the_panel(
    page: Page, designer: Designer, project: dict, defs_root: Path
) -> None:
    files = {"defs.yaml": SCRIPTS, "run.py": "print('panel')\n"}
    with written(defs_root / "review_panel_scripts", files) as folder:
        page.goto(f"{designer.url}/projects/{project['id']}")
        button = page.get_by_role("button", name=re.compile(r"^Review\W"))
        expect(button).to_be_visible(timeout=LONG)
        button.click()
        panel = page.get_by_role("complementary", name="Project review")
        warnings = panel.get_by_role("region", name=re.compile("^Warnings"))
        kindless = warnings.get_by_role("listitem").filter(
            has_text=re.compile(r"Asset panel_(raw|clean) has no kinds")
        )
        expect(kindless).to_have_count(2, timeout=LONG)
        finding = kindless.filter(has_text="panel_clean")
        title = "Give its component's assets kinds: [python] in post_processing of defs.yaml"
        finding.get_by_role("button", name=f"Preview the fix: {title}").click()
        diff = finding.get_by_label(f"The changes of the fix: {title}")
        expect(diff).to_contain_text("post_processing:", timeout=LONG)
        expect(diff).to_contain_text("- python")
        assert (folder / "defs.yaml").read_text() == SCRIPTS  # the preview writes nothing

        finding.get_by_role("button", name="Apply", exact=True).click()
        expect(kindless).to_have_count(0, timeout=LONG)  # both assets, once the worker reloads
        assert (folder / "defs.yaml").read_text() == SCRIPTS + KINDS_RULE + "          - python\n"


FRESH = '''import dagster as dg


@dg.asset(kinds={"python"}, owners=["team:panel"], group_name="panel")
def panel_fresh() -> int:
    """A number the panel's test materializes."""
    return 1
'''


def test_an_assets_first_run_clears_its_never_materialized_finding(
    page: Page, designer: Designer, project: dict, api: httpx.Client, defs_root: Path
) -> None:
    with written(defs_root / "review_panel_fresh", {"assets.py": FRESH}):
        page.goto(f"{designer.url}/projects/{project['id']}")
        button = page.get_by_role("button", name=re.compile(r"^Review\W"))
        expect(button).to_be_visible(timeout=LONG)
        button.click()
        panel = page.get_by_role("complementary", name="Project review")
        never = panel.get_by_role("listitem").filter(
            has_text="Asset panel_fresh has never been materialized"
        )
        expect(never).to_have_count(1, timeout=LONG)

        # the run changes no file: the review must still follow it
        run_id = launch(api, project, selection="key:panel_fresh")
        assert wait_run(api, project, run_id, {"SUCCESS", "FAILURE"})["status"] == "SUCCESS"
        expect(never).to_have_count(0, timeout=LONG)
