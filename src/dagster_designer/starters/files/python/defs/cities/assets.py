"""Three Python assets in a chain: cities read from data/cities.csv, their density, and a
report of the densest. Dagster passes each result to the next through its I/O manager."""

import csv
from pathlib import Path

import dagster as dg

DATA = next(p for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists()) / "data"


@dg.asset(
    key=["ingest", "cities"],
    description="The world's largest cities, from data/cities.csv.",
    group_name="ingest",
    owners=["team:data"],
    kinds={"python", "csv"},
)
def cities() -> dg.Output[list[dict]]:
    with (DATA / "cities.csv").open(newline="", encoding="utf-8") as file:
        rows: list[dict] = list(csv.DictReader(file))
    return dg.Output(rows, metadata={"dagster/row_count": len(rows)})


@dg.asset(
    key=["transform", "city_density"],
    ins={"cities": dg.AssetIn(key=["ingest", "cities"])},
    description="People per square kilometre in each city.",
    group_name="transform",
    owners=["team:data"],
    kinds={"python"},
)
def city_density(cities: list[dict]) -> dg.Output[list[dict]]:
    rows: list[dict] = [
        {
            "city": row["city"],
            "country": row["country"],
            "density": round(
                float(row["population_millions"]) * 1_000_000 / float(row["area_km2"])
            ),
        }
        for row in cities
    ]
    return dg.Output(rows, metadata={"dagster/row_count": len(rows)})


@dg.asset(
    key=["reports", "densest_cities"],
    ins={"city_density": dg.AssetIn(key=["transform", "city_density"])},
    description="The five densest cities, as a Markdown table.",
    group_name="reports",
    owners=["team:data"],
    kinds={"python"},
)
def densest_cities(city_density: list[dict]) -> dg.MaterializeResult:
    densest = sorted(city_density, key=lambda row: row["density"], reverse=True)[:5]
    lines = ["| city | country | people per km² |", "|---|---|---|"]
    lines += [f"| {r['city']} | {r['country']} | {r['density']} |" for r in densest]
    return dg.MaterializeResult(metadata={"report": dg.MetadataValue.md("\n".join(lines))})
