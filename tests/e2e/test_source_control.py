"""Source control in the code view, against the project's real repository: a change shows up,
its diff opens side by side, it is staged and committed, and the commit is in the log."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import Designer

LOAD = 90_000
NAME = "source_control_note.md"


@pytest.fixture
def note(project_root: Path) -> Iterator[Path]:
    """A new file in the project (a repository since its creation), committed by the test."""
    path = project_root / NAME
    path.write_text("# Notes\n\nThe first line.\n")
    yield path
    path.unlink(missing_ok=True)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True, timeout=60
    ).stdout


def test_a_change_is_seen_diffed_staged_and_committed(
    note: Path, page: Page, designer: Designer, project: dict, project_root: Path
) -> None:
    page.goto(f"{designer.url}/projects/{project['id']}")
    page.get_by_role("tab", name="Code", exact=True).click()
    page.get_by_role("tab", name="Git").click()
    changes = page.get_by_role("region", name="Changes")
    row = changes.get_by_role("button", name=f"{NAME}, changes")
    expect(row).to_be_visible(timeout=LOAD)

    row.click()  # the diff opens as a tab, the new file on the right
    expect(page.get_by_text("The first line.").first).to_be_visible(timeout=LOAD)

    # what the working tree changes in what Dagster loads, against HEAD's own load
    page.get_by_text("Definitions changed since HEAD").click()
    loaded = page.get_by_role("region", name="Definitions changed since HEAD")
    expect(loaded).to_contain_text(re.compile(r"as in HEAD|changed since HEAD"), timeout=LOAD)

    changes.get_by_role("button", name=f"Stage {NAME}").click()
    staged = page.get_by_role("region", name="Staged changes")
    expect(staged.get_by_role("button", name=f"{NAME}, staged changes")).to_be_visible()
    page.get_by_label("Commit message").fill("Notes for the team")
    page.get_by_label("Commit message").press("Control+Enter")
    expect(staged.get_by_role("button", name=f"{NAME}, staged changes")).to_have_count(0)

    assert _git(project_root, "log", "-1", "--format=%s").strip() == "Notes for the team"
    assert NAME in _git(project_root, "show", "--name-only", "--format=", "HEAD")
    page.get_by_text("Recent commits").click()
    expect(page.get_by_role("list", name="Recent commits")).to_contain_text("Notes for the team")
    # the test's commit is taken back, the file kept out of the repository again
    _git(project_root, "reset", "--soft", "HEAD~1")
    _git(project_root, "restore", "--staged", NAME)
