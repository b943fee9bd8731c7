"""dbt projects of hundreds of models: opening them, and what the designer sends for them.

    .venv/bin/python bench/dbt_scale.py [--models 100 500]

Creates a project through the designer, adds dagster-dbt with dbt on DuckDB and the dbt_shop
fixture as a `DbtProjectComponent`, then for each size writes that many generated models (each
documented, with a column test) and measures:
- open: `GET /definitions` right after the models changed (the dbt project is parsed again),
- warm: `GET /definitions` again with nothing changed,
- the baseline: `dg list defs --json` in a new process on the same files, after the open,
- the size of the definitions answer, per asset.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from harness import designer, dg, timed

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.dbt_projects import new_dbt_project, write_models


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, nargs="+", default=[100, 500])
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


if __name__ == "__main__":
    main()
