"""Resources a project's users start are capped: runs in progress at once."""

from __future__ import annotations

from pathlib import Path

from tests.support import (
    definitions,
    launch,
    start_designer,
    stop_designer,
    wait_for_project,
    wait_run,
    written,
)

ASSETS = """\
import time

import dagster as dg


@dg.asset
def capped_slow() -> None:
    time.sleep(600)


@dg.asset
def capped_quick() -> int:
    return 1
"""


def test_runs_past_the_cap_are_refused_until_one_ends(
    tmp_path: Path, project_root: Path, defs_root: Path
) -> None:
    server = start_designer(
        tmp_path / "workspace", "--load-timeout", "120", "--max-active-runs", "1"
    )
    try:
        with written(defs_root, {"capped_assets.py": ASSETS}), server.client() as client:
            opened = client.post("/projects", json={"path": str(project_root)})
            assert opened.status_code in (201, 202), opened.text
            project = wait_for_project(client, opened.json()["id"])
            assert "capped_slow" in {a["key"] for a in definitions(client, project)["assets"]}
            runs = f"/projects/{project['id']}/runs"
            slow = launch(client, project, selection="key:capped_slow")

            refused = client.post(runs, json={"selection": "key:capped_quick"})

            assert refused.status_code == 409, refused.text
            assert "1 runs are in progress" in refused.json()["detail"]
            assert [r["run_id"] for r in client.get(runs).json()].count(slow) == 1
            canceled = client.post(f"{runs}/{slow}/cancel")
            assert canceled.status_code == 202, canceled.text
            wait_run(client, project, slow, {"CANCELED", "FAILURE"})
            quick = launch(client, project, selection="key:capped_quick")
            assert wait_run(client, project, quick, {"SUCCESS", "FAILURE"})["status"] == "SUCCESS"
    finally:
        stop_designer(server)
