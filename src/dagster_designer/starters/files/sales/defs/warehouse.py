"""Where dbt finds the project's DuckDB database. Dagster runs dbt in a copy of dbt_project
that it prepares, so the profile cannot reach data/warehouse.duckdb by a relative path: the
absolute path is put in the environment that runs, and dbt with them, inherit
(dbt_project/profiles.yml reads SALES_WAREHOUSE)."""

import os
from pathlib import Path

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists())
os.environ["SALES_WAREHOUSE"] = str(ROOT / "data" / "warehouse.duckdb")
