"""The raw CSVs shipped in data/raw, loaded as the tables raw.<name> of the project's DuckDB
database: the sources of the dbt project's staging models."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

DATA = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists()) / "data"


def _load(duckdb: DuckDBResource, table: str) -> dg.MaterializeResult:
    csv = str(DATA / "raw" / f"{table}.csv").replace("'", "''")
    with duckdb.get_connection() as connection:
        connection.execute("create schema if not exists raw")
        connection.execute(
            f"create or replace table raw.{table} as select * from read_csv('{csv}')"
        )
        rows = connection.execute(f"select count(*) from raw.{table}").fetchone()[0]
        columns = connection.execute(f"describe raw.{table}").fetchall()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": rows,
            "dagster/column_schema": dg.TableSchema(
                columns=[dg.TableColumn(name, kind) for name, kind, *_ in columns]
            ),
        }
    )


RAW = {
    "group_name": "ingestion",
    "owners": ["team:data-engineering"],
    "kinds": {"python", "duckdb", "csv"},
    "key_prefix": "raw",
}


@dg.asset(description="Customers, from data/raw/customers.csv.", **RAW)
def customers(duckdb: DuckDBResource) -> dg.MaterializeResult:
    return _load(duckdb, "customers")


@dg.asset(description="Orders, from data/raw/orders.csv.", **RAW)
def orders(duckdb: DuckDBResource) -> dg.MaterializeResult:
    return _load(duckdb, "orders")


@dg.asset(description="Products and prices, from data/raw/products.csv.", **RAW)
def products(duckdb: DuckDBResource) -> dg.MaterializeResult:
    return _load(duckdb, "products")
