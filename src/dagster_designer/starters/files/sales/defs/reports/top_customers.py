"""A report on the dbt marts: the customers who bought the most, as a table in DuckDB and as
a Markdown table on each materialization."""

import dagster as dg
from dagster_duckdb import DuckDBResource


@dg.asset(
    key=["reports", "top_customers"],
    deps=[dg.AssetKey(["marts", "customer_revenue"])],
    description="The ten customers with the most revenue.",
    group_name="reporting",
    owners=["team:analytics"],
    kinds={"python", "duckdb"},
)
def top_customers(duckdb: DuckDBResource) -> dg.MaterializeResult:
    with duckdb.get_connection() as connection:
        connection.execute("create schema if not exists reports")
        connection.execute(
            "create or replace table reports.top_customers as "
            "select name, region, orders, revenue from marts.customer_revenue "
            "order by revenue desc limit 10"
        )
        rows = connection.execute("select * from reports.top_customers").fetchall()
    lines = ["| customer | region | orders | revenue |", "|---|---|---|---|"]
    lines += [
        f"| {name} | {region} | {count} | {revenue} |" for name, region, count, revenue in rows
    ]
    return dg.MaterializeResult(
        metadata={"dagster/row_count": len(rows), "top": dg.MetadataValue.md("\n".join(lines))}
    )
