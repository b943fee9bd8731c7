"""The builders by kind, and the one rule for reopening a definition in its form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..worker.top_level import Definition
from . import asset, asset_check, job, schedule, sensor, sql_asset
from .params import (
    AssetCheckParams,
    AssetParams,
    JobParams,
    Named,
    ScheduleParams,
    SensorParams,
    SqlAssetParams,
)
from .python_shapes import same_program


@dataclass(frozen=True)
class Builder:
    kind: str
    title: str
    folder: str  # under the defs folder, as `dg scaffold defs <type> <folder>/<name>.py`
    listing: str  # where the loaded definitions list what it writes
    params: type[Named]
    # the definition's text; `existing` is the text of the one it replaces, decorators left out
    render: Callable[[Any, str | None], str]
    read: Callable[[str, Definition], dict[str, Any] | None]
    imports: Callable[[Any], tuple[str, ...]]
    # the packages the written code imports beyond Dagster: (module, package to add)
    requires: Callable[[Any], tuple[tuple[str, str], ...]] = lambda _: ()
    # an edit keeps the function as the user wrote it (signature and body), only its decorator
    # is the form's
    keeps_function: bool = False

    def statement(self, params: Named, source: str | None, found: Definition | None) -> str:
        existing = found.undecorated(source) if found is not None and source else None
        return self.render(params, existing)

    def reopen(self, source: str, found: Definition) -> Named | None:
        """The params of a definition, when the form can rewrite it without losing anything:
        rendering them gives back the same program with the same comments."""
        raw = self.read(source, found)
        if raw is None:
            return None
        try:
            params = self.params.model_validate(raw)
        except ValidationError:
            return None
        if not same_program(found.text(source), self.statement(params, source, found)):
            return None
        return params


BUILDERS: dict[str, Builder] = {
    b.kind: b
    for b in (
        Builder(
            asset.KIND,
            asset.TITLE,
            asset.FOLDER,
            "assets",
            AssetParams,
            asset.render,
            # a SQL asset is the SQL builder's: its function is the query's template
            lambda source, found: (
                None if sql_asset.read(source, found) else asset.read(source, found)
            ),
            lambda _: asset.IMPORTS,
            keeps_function=True,
        ),
        Builder(
            sql_asset.KIND,
            sql_asset.TITLE,
            sql_asset.FOLDER,
            "assets",
            SqlAssetParams,
            lambda params, _: sql_asset.render(params),
            sql_asset.read,
            lambda _: sql_asset.IMPORTS,
            lambda _: sql_asset.REQUIRES,
        ),
        Builder(
            schedule.KIND,
            schedule.TITLE,
            schedule.FOLDER,
            "schedules",
            ScheduleParams,
            lambda params, _: schedule.render(params),
            schedule.read,
            lambda _: schedule.IMPORTS,
        ),
        Builder(
            job.KIND,
            job.TITLE,
            job.FOLDER,
            "jobs",
            JobParams,
            lambda params, _: job.render(params),
            job.read,
            lambda _: job.IMPORTS,
        ),
        Builder(
            sensor.KIND,
            sensor.TITLE,
            sensor.FOLDER,
            "sensors",
            SensorParams,
            lambda params, _: sensor.render(params),
            sensor.read,
            sensor.imports,
        ),
        Builder(
            asset_check.KIND,
            asset_check.TITLE,
            asset_check.FOLDER,
            "asset_checks",
            AssetCheckParams,
            lambda params, _: asset_check.render(params),
            asset_check.read,
            asset_check.imports,
            asset_check.requires,
        ),
    )
}
