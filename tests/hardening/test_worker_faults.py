"""The project's worker killed with SIGKILL in the middle of a scaffold: the user is told, the
half-made folder is gone, and the next scaffold at the same path works."""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from pathlib import Path

import httpx

from tests.support import Designer, definitions, written

MARKS = Path(tempfile.mkdtemp(prefix="scaffold-marks-"))
SLOW_TYPE = "sales_analytics.components.slow_scaffold.SlowScaffold"
SLOW_SCAFFOLD = f"""\
import time
from pathlib import Path

import dagster as dg


class SlowScaffolder(dg.Scaffolder):
    def scaffold(self, request: dg.ScaffoldRequest) -> None:
        request.target_path.mkdir(parents=True, exist_ok=True)
        (request.target_path / "defs.yaml").write_text("type: {SLOW_TYPE}\\n")
        (request.target_path / "notes.md").write_text("half")
        marks = Path({str(MARKS)!r})
        if not (marks / "fast").exists():
            (marks / "writing").write_text("")
            time.sleep(600)


@dg.scaffold_with(SlowScaffolder)
class SlowScaffold(dg.Component, dg.Model, dg.Resolvable):
    def build_defs(self, context: dg.ComponentLoadContext) -> dg.Definitions:
        return dg.Definitions()
"""


def test_a_worker_killed_mid_scaffold_leaves_no_half_made_folder(
    api: httpx.Client, designer: Designer, project: dict, project_root: Path, defs_root: Path
) -> None:
    package = project_root / "src" / "sales_analytics"
    files = {"components/__init__.py": "", "components/slow_scaffold.py": SLOW_SCAFFOLD}
    url = f"/projects/{project['id']}"
    with written(package, files):
        types = {t["key"] for t in api.get(f"{url}/component-types").json()}
        assert SLOW_TYPE in types
        answers: list[httpx.Response] = []

        def scaffold() -> None:
            with designer.client() as client:
                body = {"type": SLOW_TYPE, "path": "half_made/orders"}
                answers.append(client.post(f"{url}/defs", json=body))

        request = threading.Thread(target=scaffold)
        request.start()
        deadline = time.monotonic() + 300
        while not (MARKS / "writing").exists():
            assert time.monotonic() < deadline, "the scaffold never started"
            time.sleep(0.1)
        worker = api.get(url).json()["worker"]
        os.kill(worker["pid"], signal.SIGKILL)
        request.join(300)

        (answer,) = answers
        assert answer.status_code == 502, answer.text
        assert "worker" in answer.json()["detail"].lower()
        assert not (defs_root / "half_made").exists(), "the half-made folder was left"
        # the worker is back, and the same scaffold works
        (MARKS / "fast").write_text("")
        again = api.post(f"{url}/defs", json={"type": SLOW_TYPE, "path": "half_made/orders"})
        try:
            assert again.status_code == 201, again.text
            assert (defs_root / "half_made" / "orders" / "defs.yaml").exists()
            assert definitions(api, project)["errors"] == []
        finally:
            deleted = api.delete(f"{url}/defs/half_made")
            assert deleted.status_code == 204, deleted.text
