"""The parameters of each builder: their JSON Schema is the form, their validation the first
line of refusal (names, keys, cron fields), before anything is written."""

from __future__ import annotations

import keyword
import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KEY_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def _python_name(value: str) -> str:
    if not _IDENTIFIER.match(value):
        suggestion = re.sub(r"\W+", "_", value.strip()).strip("_").lower() or "my_name"
        raise ValueError(
            f"`{value}` is not a Python name: use letters, digits and underscores, not starting "
            f"with a digit (for example `{suggestion}`)."
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise ValueError(f"`{value}` is a Python keyword: pick another name, e.g. `{value}_data`.")
    return value


def _asset_key(value: str) -> str:
    parts = value.split("/")
    if not all(_KEY_PART.match(part) for part in parts):
        raise ValueError(
            f"`{value}` is not an asset key: parts joined by `/`, each of letters, digits, `_`, "
            "`.` and `-`."
        )
    return value


PythonName = Annotated[str, Field(max_length=100), AfterValidator(_python_name)]
AssetKey = Annotated[str, Field(max_length=500), AfterValidator(_asset_key)]
Status = Literal["STOPPED", "RUNNING"]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Named(Params):
    """The parameters of one definition, named as Dagster will name it."""

    name: PythonName


class Target(Params):
    """What a schedule or sensor launches: the assets of a selection, or a job by name."""

    selection: str | None = Field(None, max_length=5000, description="An asset selection")
    job: PythonName | None = Field(None, description="A job's name")

    @model_validator(mode="after")
    def _one(self) -> Target:
        if (self.selection is None) == (self.job is None):
            raise ValueError("A target is either an asset selection or a job, not both.")
        if self.selection is not None and not self.selection.strip():
            raise ValueError("Enter an asset selection, e.g. `group:sales` or `*`.")
        return self


class Partitions(Params):
    type: Literal["hourly", "daily", "weekly", "monthly", "static"]
    start_date: date | None = Field(None, description="First partition (time partitions)")
    values: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, description="The partition keys (static partitions)"
    )

    @model_validator(mode="after")
    def _complete(self) -> Partitions:
        if self.type == "static" and not self.values:
            raise ValueError("Static partitions need at least one value.")
        if self.type != "static" and self.start_date is None:
            raise ValueError(f"{self.type.capitalize()} partitions need a start date.")
        if len(set(self.values)) != len(self.values):
            raise ValueError("Static partition values must be different from each other.")
        return self


class Automation(Params):
    """When Dagster's automation materializes the asset by itself."""

    condition: Literal["eager", "on_cron", "on_missing"]
    cron: str | None = Field(None, max_length=200, description="For `on_cron`")

    @model_validator(mode="after")
    def _cron(self) -> Automation:
        if (self.condition == "on_cron") != bool(self.cron):
            raise ValueError("`on_cron` takes a cron expression, and only it does.")
        return self


class AssetProperties(Named):
    """What the `@dg.asset` decorator says, for Python and SQL assets."""

    description: str = Field("", max_length=5000)
    group: PythonName | None = None
    owners: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, description="`team:name` or an email address"
    )
    tags: dict[Annotated[str, Field(min_length=1, max_length=200)], str] = Field(
        default_factory=dict
    )
    # a set in Dagster: kept sorted, so the params read back equal the params written
    kinds: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=100)]],
        AfterValidator(lambda kinds: sorted(set(kinds))),
    ] = Field(default_factory=list)
    deps: list[AssetKey] = Field(default_factory=list, description="Upstream asset keys")
    partitions: Partitions | None = None
    automation: Automation | None = None

    @model_validator(mode="after")
    def _owners(self) -> AssetProperties:
        for owner in self.owners:
            if not (owner.startswith("team:") and len(owner) > 5) and "@" not in owner:
                raise ValueError(f"Owner `{owner}` is neither `team:<name>` nor an email address.")
        return self


class AssetParams(AssetProperties):
    body: str | None = Field(
        None,
        max_length=200_000,
        description="The function's body; when editing, left out keeps the body as it is",
    )


class SqlAssetParams(AssetProperties):
    sql: str = Field(min_length=1, max_length=200_000, description="A SELECT query")
    connection: PythonName = Field(
        "duckdb",
        description="The DuckDB resource the query runs through; `duckdb` (the file "
        "data/warehouse.duckdb in the project) is made when the project has none",
    )


class ScheduleParams(Named):
    cron: str = Field(min_length=1, max_length=200)
    timezone: str = Field("UTC", max_length=100)
    target: Target
    description: str = Field("", max_length=5000)
    default_status: Status = "STOPPED"


class JobParams(Named):
    selection: str = Field(min_length=1, max_length=5000)
    description: str = Field("", max_length=5000)
    tags: dict[Annotated[str, Field(min_length=1, max_length=200)], str] = Field(
        default_factory=dict
    )
    run_config: dict | None = Field(None, description="Run config, as `dg launch` takes it")


class SensorParams(Named):
    sensor_type: Literal["file", "run_status", "asset", "custom"]
    minimum_interval_seconds: int = Field(30, ge=5, le=86_400)
    target: Target | None = None
    description: str = Field("", max_length=5000)
    default_status: Status = "STOPPED"
    # file
    path: str | None = Field(
        None, max_length=1000, description="A folder or a glob, e.g. `data/incoming/*.csv`"
    )
    # run_status
    run_status: Literal["SUCCESS", "FAILURE"] = "SUCCESS"
    monitored_jobs: list[PythonName] = Field(
        default_factory=list, description="Job names; none watches every job"
    )
    # asset
    asset: AssetKey | None = None
    # custom
    body: str | None = Field(None, max_length=200_000)

    @model_validator(mode="after")
    def _fields(self) -> SensorParams:
        if self.sensor_type == "file" and not (self.path or "").strip():
            raise ValueError("A file sensor needs the folder or glob to watch.")
        if self.sensor_type == "asset" and not self.asset:
            raise ValueError("An asset sensor needs the asset to watch.")
        if self.sensor_type == "asset" and self.target is not None and self.target.job is None:
            raise ValueError("An asset sensor launches a job: pick a job as its target.")
        if self.sensor_type in ("file", "asset") and self.target is None:
            raise ValueError("Pick what the sensor launches: a job or an asset selection.")
        if self.sensor_type == "run_status" and self.target is not None:
            if self.target.job is not None:
                raise ValueError(
                    "A run status sensor launches the assets of a selection, not a job by name."
                )
            if not self.monitored_jobs:
                raise ValueError(
                    "A run status sensor that launches runs must watch named jobs: watching "
                    "every job, it would also react to the runs it launches."
                )
        if self.sensor_type == "custom" and self.body is not None and not self.body.strip():
            raise ValueError("A custom sensor needs a body.")
        return self


class AssetCheckParams(Named):
    asset: AssetKey
    check_type: Literal["row_count", "freshness", "column_schema", "not_null", "unique", "custom"]
    description: str = Field("", max_length=5000)
    severity: Literal["ERROR", "WARN"] = "ERROR"
    blocking: bool = False
    # row_count: the latest materialization's `dagster/row_count`
    min_rows: int = Field(1, ge=0)
    max_rows: int | None = Field(None, ge=0)
    # freshness: hours since the last materialization
    max_age_hours: float = Field(24, gt=0, le=24 * 366)
    # column_schema: column name to type, as the materialization's `dagster/column_schema`
    columns: dict[Annotated[str, Field(min_length=1, max_length=200)], str] = Field(
        default_factory=dict
    )
    # not_null, unique: columns of the asset's table in a DuckDB resource
    column_names: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list
    )
    connection: PythonName = Field(
        "duckdb", description="The DuckDB resource that holds the asset's table"
    )
    # custom
    body: str | None = Field(None, max_length=200_000)

    @model_validator(mode="after")
    def _fields(self) -> AssetCheckParams:
        if self.check_type in ("not_null", "unique") and not self.column_names:
            raise ValueError(f"A `{self.check_type}` check needs at least one column.")
        if self.check_type == "column_schema" and not self.columns:
            raise ValueError("A column schema check needs the expected columns and types.")
        if self.max_rows is not None and self.max_rows < self.min_rows:
            raise ValueError("The most rows allowed is below the fewest.")
        return self
