"""Build the integration catalogue the designer ships (src/dagster_designer/services/
integrations.json) from package metadata, for the Dagster release the designer targets (the
version of its create-dagster).

Every package below is downloaded (without its dependencies, so nothing heavy is built) into a
temporary folder with the designer's uv; its version, summary and what it provides (the
components, resources and IO managers its public modules export, read from their source) come
from that wheel, the same reader the server uses on a project's environment. A library released
with Dagster must require exactly the targeted `dagster`; a community library must allow it.
The category, the title and whether Dagster or its community maintains a library are the
curated part, the table below.

Run it with the designer's environment after changing the targeted Dagster or the table:
    .venv/bin/python scripts/integrations_catalogue.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import uv
from packaging.requirements import Requirement

from dagster_designer.project_files.packages import installed, normalized
from dagster_designer.services.integrations import CATALOGUE, library_version

OUT = Path(__file__).resolve().parent.parent / "src" / "dagster_designer" / CATALOGUE
DATA, CLOUD, ELT, COMPUTE, MONITORING, BI, AI, QUALITY, OTHER = (
    "Data platforms",
    "Cloud",
    "ELT",
    "Compute",
    "Monitoring",
    "BI",
    "AI",
    "Data quality",
    "Other",
)
# package: (title, category); released with Dagster (its version follows Dagster's).
DAGSTER: dict[str, tuple[str, str]] = {
    "dagster-airbyte": ("Airbyte", ELT),
    "dagster-airflow": ("Airflow", OTHER),
    "dagster-airlift": ("Airlift (Airflow migration)", OTHER),
    "dagster-aws": ("AWS", CLOUD),
    "dagster-azure": ("Azure", CLOUD),
    "dagster-celery": ("Celery", COMPUTE),
    "dagster-celery-docker": ("Celery on Docker", COMPUTE),
    "dagster-celery-k8s": ("Celery on Kubernetes", COMPUTE),
    "dagster-census": ("Census", ELT),
    "dagster-clickhouse": ("ClickHouse", DATA),
    "dagster-clickhouse-pandas": ("ClickHouse with pandas", DATA),
    "dagster-clickhouse-polars": ("ClickHouse with Polars", DATA),
    "dagster-dask": ("Dask", COMPUTE),
    "dagster-databricks": ("Databricks", DATA),
    "dagster-datadog": ("Datadog", MONITORING),
    "dagster-datahub": ("DataHub", OTHER),
    "dagster-dbt": ("dbt", ELT),
    "dagster-deltalake": ("Delta Lake", DATA),
    "dagster-deltalake-pandas": ("Delta Lake with pandas", DATA),
    "dagster-deltalake-polars": ("Delta Lake with Polars", DATA),
    "dagster-dlt": ("dlt", ELT),
    "dagster-docker": ("Docker", COMPUTE),
    "dagster-duckdb": ("DuckDB", DATA),
    "dagster-duckdb-pandas": ("DuckDB with pandas", DATA),
    "dagster-duckdb-polars": ("DuckDB with Polars", DATA),
    "dagster-duckdb-pyspark": ("DuckDB with PySpark", DATA),
    "dagster-fivetran": ("Fivetran", ELT),
    "dagster-gcp": ("Google Cloud (BigQuery, GCS, Dataproc)", CLOUD),
    "dagster-gcp-pandas": ("BigQuery with pandas", CLOUD),
    "dagster-gcp-pyspark": ("BigQuery with PySpark", CLOUD),
    "dagster-ge": ("Great Expectations", QUALITY),
    "dagster-github": ("GitHub", OTHER),
    "dagster-hightouch": ("Hightouch", ELT),
    "dagster-k8s": ("Kubernetes", COMPUTE),
    "dagster-looker": ("Looker", BI),
    "dagster-mlflow": ("MLflow", AI),
    "dagster-msteams": ("Microsoft Teams", MONITORING),
    "dagster-mysql": ("MySQL", DATA),
    "dagster-omni": ("Omni", BI),
    "dagster-openai": ("OpenAI", AI),
    "dagster-pagerduty": ("PagerDuty", MONITORING),
    "dagster-pandas": ("pandas", OTHER),
    "dagster-pandera": ("Pandera", QUALITY),
    "dagster-papertrail": ("Papertrail", MONITORING),
    "dagster-polytomic": ("Polytomic", ELT),
    "dagster-postgres": ("Postgres", DATA),
    "dagster-powerbi": ("Power BI", BI),
    "dagster-prefect": ("Prefect", OTHER),
    "dagster-prometheus": ("Prometheus", MONITORING),
    "dagster-pyspark": ("PySpark", COMPUTE),
    "dagster-sigma": ("Sigma", BI),
    "dagster-slack": ("Slack", MONITORING),
    "dagster-sling": ("Sling", ELT),
    "dagster-snowflake": ("Snowflake", DATA),
    "dagster-snowflake-pandas": ("Snowflake with pandas", DATA),
    "dagster-snowflake-polars": ("Snowflake with Polars", DATA),
    "dagster-snowflake-pyspark": ("Snowflake with PySpark", DATA),
    "dagster-soda": ("Soda", QUALITY),
    "dagster-spark": ("Spark", COMPUTE),
    "dagster-ssh": ("SSH and SFTP", OTHER),
    "dagster-tableau": ("Tableau", BI),
    "dagster-twilio": ("Twilio", MONITORING),
    "dagster-wandb": ("Weights & Biases", AI),
}
# Maintained by Dagster's community, released on their own schedule.
COMMUNITY: dict[str, tuple[str, str]] = {
    "dagster-adbc": ("ADBC", DATA),
    "dagster-anthropic": ("Anthropic", AI),
    "dagster-apprise": ("Apprise notifications", MONITORING),
    "dagster-chroma": ("Chroma", AI),
    "dagster-contrib-gcp": ("Google Cloud (community)", CLOUD),
    "dagster-dataform": ("Dataform", ELT),
    "dagster-ducklake": ("DuckLake", DATA),
    "dagster-elasticsearch": ("Elasticsearch", DATA),
    "dagster-evidence": ("Evidence", BI),
    "dagster-gemini": ("Gemini", AI),
    "dagster-hex": ("Hex", BI),
    "dagster-hf-datasets": ("Hugging Face Datasets", AI),
    "dagster-iceberg": ("Iceberg", DATA),
    "dagster-modal": ("Modal", COMPUTE),
    "dagster-notdiamond": ("Not Diamond", AI),
    "dagster-obstore": ("obstore (S3, GCS, Azure)", CLOUD),
    "dagster-openlineage": ("OpenLineage", MONITORING),
    "dagster-polars": ("Polars", DATA),
    "dagster-qdrant": ("Qdrant", AI),
    "dagster-ray": ("Ray", COMPUTE),
    "dagster-salesforce": ("Salesforce", ELT),
    "dagster-sftp": ("SFTP", OTHER),
    "dagster-sharepoint": ("SharePoint", OTHER),
    "dagster-teradata": ("Teradata", DATA),
    "dagster-vertexai": ("Vertex AI", AI),
    "dagster-weaviate": ("Weaviate", AI),
}


def download(specs: list[str], folder: Path) -> None:
    """The wheels of `specs` without their dependencies (only their metadata and source are
    read)."""
    argv = [uv.find_uv_bin(), "pip", "install", "--no-deps", "--quiet", "--target", str(folder)]
    subprocess.run([*argv, *specs], check=True, timeout=600)


def allowed_dagster(dist: metadata.Distribution) -> list[str]:
    """The `dagster` requirements of a distribution."""
    requirements = [Requirement(text) for text in dist.requires or []]
    return [str(r.specifier) for r in requirements if normalized(r.name) == "dagster"]


def summary(text: str, title: str) -> str:
    """The package's summary, unless it is empty or a template's placeholder."""
    text = text.strip()
    return f"{title} for Dagster." if not text or text.startswith("<") else text


def main() -> int:
    dagster = metadata.version("create-dagster")
    wanted = {p: library_version(dagster) for p in DAGSTER} | {p: "" for p in COMMUNITY}
    wanted["dagster-airflow"] = dagster  # versioned as Dagster itself
    entries, problems = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        download([f"{p}=={v}" if v else p for p, v in wanted.items()], folder)
        found = installed([folder])
        for package, version in wanted.items():
            title, category = DAGSTER.get(package) or COMMUNITY[package]
            dist = found[package]
            pins = allowed_dagster(dist.distribution)
            if version and pins != [f"=={dagster}"]:
                problems.append(f"{package} {dist.version} requires dagster {pins}")
            if not version and not all(
                Requirement(f"dagster{pin}").specifier.contains(dagster) for pin in pins
            ):
                problems.append(f"{package} {dist.version} does not allow dagster {dagster}")
                continue
            entries.append(
                {
                    "package": package,
                    "title": title,
                    "category": category,
                    "summary": summary(dist.summary, title),
                    "version": dist.version,
                    "community": package in COMMUNITY,
                    "docs": f"https://pypi.org/project/{package}/"
                    if package in COMMUNITY
                    else f"https://docs.dagster.io/api/libraries/{package}",
                    "provides": dist.provides().as_dict(),
                }
            )
    catalogue = {"dagster": dagster, "integrations": sorted(entries, key=lambda e: e["package"])}
    OUT.write_text(json.dumps(catalogue, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(entries)} integrations for dagster {dagster} written to {OUT}")
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
