"""The starters: what each holds, and how a project is made from one after create-dagster."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..builders import module_text, sql_asset
from ..builders.catalog import BUILDERS

FILES = Path(__file__).parent / "files"
EMPTY = "empty"


@dataclass(frozen=True)
class Scaffold:
    """`dg scaffold defs TYPE PATH ARGS`, then `attributes` set in the defs.yaml it wrote."""

    type: str
    path: str
    args: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Built:
    """A definition one of the designer's builders writes: its kind and its form's values."""

    kind: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Starter:
    id: str
    title: str
    description: str
    contains: tuple[str, ...]
    packages: tuple[str, ...] = ()  # `uv add`ed after create-dagster
    scaffolds: tuple[Scaffold, ...] = ()
    built: tuple[Built, ...] = ()
    ignored: tuple[str, ...] = ()  # lines added to the project's .gitignore

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "contains": list(self.contains),
        }

    @property
    def files(self) -> Path | None:
        folder = FILES / self.id
        return folder if folder.is_dir() else None

    def modules(self) -> dict[str, str]:
        """The builders' modules: path under the defs folder to text, as the builder writes
        it, plus the `duckdb` resource when a definition runs through it."""
        out: dict[str, str] = {}
        for built in self.built:
            builder = BUILDERS[built.kind]
            params = builder.params.model_validate(built.params)
            text = module_text.new_module(
                builder.imports(params), builder.statement(params, None, None)
            )
            out[f"{builder.folder}/{params.name}.py"] = text
            # code that imports dagster-duckdb runs through the resource `duckdb`
            if builder.requires(params):
                out["resources.py"] = sql_asset.resource_module()
        return out


def _daily(job: str, selection: str, hour: int) -> tuple[Built, Built]:
    """A job of the selection and a schedule that runs it every day."""
    return (
        Built("job", {"name": job, "selection": selection, "description": "Every asset."}),
        Built(
            "schedule",
            {
                "name": f"{job}_schedule",
                "cron": f"0 {hour} * * *",
                "target": {"job": job},
                "description": f"Runs `{job}` every day.",
            },
        ),
    )


STARTERS: dict[str, Starter] = {
    s.id: s
    for s in (
        Starter(
            EMPTY,
            "Empty project",
            "The project create-dagster makes: an empty defs folder to build on.",
            ("create-dagster's layout", "Dagster, dg and the webserver in its own .venv"),
        ),
        Starter(
            "python",
            "Python assets",
            "Three Python assets in a chain over a CSV of cities, with a check, a job and a "
            "daily schedule. Nothing to install beyond Dagster.",
            (
                "3 Python assets: ingest/cities → transform/city_density → reports/densest_cities",
                "data/cities.csv (25 rows)",
                "an asset check on the row count",
                "a job of every asset and its daily schedule",
                "owners, kinds and a group per layer",
            ),
            built=(
                Built(
                    "asset_check",
                    {
                        "name": "cities_have_rows",
                        "asset": "ingest/cities",
                        "check_type": "row_count",
                        "min_rows": 10,
                        "description": "The CSV gave at least ten cities.",
                    },
                ),
                *_daily("cities_job", "*", 7),
            ),
        ),
        Starter(
            "sales",
            "Sales analytics on DuckDB",
            "Raw CSVs loaded into DuckDB by Python assets, transformed by a dbt project "
            "through dagster-dbt's component, and reported on in Python; with checks, a job and "
            "a daily schedule. Runs offline: the database is a file in the project.",
            (
                "3 CSVs (customers, orders, products) loaded by Python assets raw/*",
                "a dbt project on DuckDB: staging/* and marts/* models (dagster-dbt component)",
                "a Python report: reports/top_customers",
                "asset checks: dbt's tests and the designer's row count and unique checks",
                "a job of every asset and its daily schedule",
                "owners, kinds, groups and two-level keys aligned across components",
                "installs dagster-dbt, dbt-duckdb and dagster-duckdb",
            ),
            # dbt-core 1.12 is built from a git checkout: the newest release that installs
            packages=("dagster-dbt", "dagster-duckdb", "dbt-duckdb", "dbt-core<1.12"),
            scaffolds=(
                Scaffold(
                    "dagster_dbt.DbtProjectComponent",
                    "transform",
                    ("--project-path", "dbt_project"),
                    # each model's group is its folder (staging, marts)
                    {
                        "translation": {
                            "group_name": "{{ node.fqn[1] }}",
                            "owners": ["team:analytics"],
                        }
                    },
                ),
            ),
            built=(
                Built(
                    "asset_check",
                    {
                        "name": "orders_have_rows",
                        "asset": "raw/orders",
                        "check_type": "row_count",
                        "min_rows": 1,
                        "description": "The orders CSV was not empty.",
                    },
                ),
                Built(
                    "asset_check",
                    {
                        "name": "customer_ids_unique",
                        "asset": "raw/customers",
                        "check_type": "unique",
                        "column_names": ["customer_id"],
                        "description": "No customer appears twice in the raw table.",
                    },
                ),
                *_daily("daily_sales", "*", 6),
            ),
            ignored=("data/*.duckdb*", "dbt_project/target/", "dbt_project/logs/"),
        ),
    )
}


class UnknownStarter(ValueError):
    pass


def starter(starter_id: str) -> Starter:
    try:
        return STARTERS[starter_id]
    except KeyError:
        raise UnknownStarter(
            f"There is no starter `{starter_id}`: pick one of {', '.join(STARTERS)}."
        ) from None
