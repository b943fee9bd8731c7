"""dbt projects of hundreds of models: opening them, and what the designer sends for them.

    .venv/bin/python bench/dbt_scale.py [--models 100 500]

Creates a project through the designer, adds dagster-dbt with dbt on DuckDB and the dbt_shop
fixture as a `DbtProjectComponent`, then for each size writes that many generated models (each
documented, with a column test) and measures:
- open: `GET /definitions` right after the models changed (the dbt project is parsed again),
- warm: `GET /definitions` again with nothing changed,
- the baseline: `dg list defs --json` in a new process on the same files, after the open,
- the size of the definitions answer, per asset;
- with `--edits N`, at the largest size, the time from a saved edit to the pushed change on
  the live channel: N model descriptions changed in `schema.yml` and N `config(tags=...)`
  changed in a model's SQL, each through dbt's partial parsing, 2 s apart.
"""

from __future__ import annotations

import argparse
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

from websockets.sync.client import connect

from harness import TOKEN, Server, designer, dg, percentile, timed
from live_reload import wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.dbt_projects import GENERATED, new_dbt_project, write_models


def edit_latencies(server: Server, project_id: str, dbt_root: Path, edits: int) -> dict:
    """Seconds from each saved edit to the push that carries it, by kind of edit."""
    folder = dbt_root / "models" / GENERATED
    schema, model = folder / "schema.yml", folder / "model_0001.sql"
    originals = {schema: schema.read_text(), model: model.read_text()}
    times: dict[str, list[float]] = {"schema.yml description": [], "model SQL tags": []}
    url = f"ws://127.0.0.1:{server.port}/api/v1/projects/{project_id}/live"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        with connect(url, additional_headers=headers, max_size=None) as ws:
            ws.recv(timeout=1800)
            for i in range(edits):
                for kind, path in (("schema.yml description", schema), ("model SQL tags", model)):
                    marker = f"edit_{secrets.token_hex(4)}_{i}"
                    if path is schema:
                        text = re.sub(
                            r"generated model 1\.\n",
                            f"generated model 1 {marker}.\n",
                            originals[path],
                        )
                    else:
                        text = f"{{{{ config(tags=['{marker}']) }}}}\n{originals[path]}"
                    started = time.perf_counter()
                    path.write_text(text)
                    wait_for(ws, marker)
                    times[kind].append(time.perf_counter() - started)
                    time.sleep(2)
    finally:
        for path, text in originals.items():
            path.write_text(text)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--edits", type=int, default=0, help="timed edits at the largest size")
    args = parser.parse_args()
    rows = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        designer(Path(tmp) / "workspace", "--load-timeout", "900") as server,
        server.client() as client,
    ):
        project, dbt_root = new_dbt_project(client, "warehouse")
        root = Path(project["path"])
        url = f"/projects/{project['id']}/definitions"
        for models in args.models:
            write_models(dbt_root, models)
            started = time.perf_counter()
            answer = client.get(url)
            opened = time.perf_counter() - started
            answer.raise_for_status()
            assets = len(answer.json()["assets"])
            assert answer.json()["errors"] == [], answer.json()["errors"]
            warm = timed(lambda: client.get(url).raise_for_status())
            baseline = timed(lambda: dg(root, "list", "defs", "--json"))
            rows.append((models, assets, opened, warm, baseline, len(answer.content)))
        latencies = (
            edit_latencies(server, project["id"], dbt_root, args.edits) if args.edits else {}
        )
    print(
        "| models | assets | open (parse included) | warm | `dg list defs --json` | "
        "dg / open | definitions size | per asset |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for models, assets, opened, warm, baseline, size in rows:
        print(
            f"| {models} | {assets} | {opened:.2f} s | {warm * 1000:.0f} ms | {baseline:.2f} s | "
            f"{baseline / opened:.1f}x | {size / 1024:.0f} KB | {size / assets:.0f} B |"
        )

    for kind, times in latencies.items():
        print(
            f"{args.models[-1]} models, {kind}: edit to push p50 {percentile(times, 0.5):.2f} s, "
            f"p95 {percentile(times, 0.95):.2f} s ({len(times)} edits; "
            f"`dg list defs --json` {rows[-1][4] / percentile(times, 0.5):.1f}x the p50)"
        )


if __name__ == "__main__":
    main()
