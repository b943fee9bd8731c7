"""The live worker asks dbt its version once per executable, not at every state rebuild."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import cached_property
from types import ModuleType

import pytest

from dagster_designer.worker.warm_dbt import memoize_version


class FakeCliResource:
    """dagster-dbt's CLI resource as far as the version goes: a cached property per instance."""

    asked: list[str] = []

    def __init__(self, dbt_executable: str) -> None:
        self.dbt_executable = dbt_executable

    @cached_property
    def _cli_version(self) -> str:
        self.asked.append(self.dbt_executable)
        return f"1.10.0 of {self.dbt_executable}"


@pytest.fixture
def dagster_dbt() -> Iterator[type[FakeCliResource]]:
    module = ModuleType("dagster_dbt.core.resource")
    resource = type("DbtCliResource", (FakeCliResource,), {})
    resource._cli_version = FakeCliResource.__dict__["_cli_version"]  # its own, as dagster-dbt's
    resource.asked = []
    module.DbtCliResource = resource  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    try:
        yield resource
    finally:
        del sys.modules[module.__name__]


def test_each_executable_is_asked_once_over_every_new_resource(
    dagster_dbt: type[FakeCliResource],
) -> None:
    memoize_version()
    memoize_version()  # a second rebuild: installed once
    versions = [dagster_dbt(exe)._cli_version for exe in ("dbt", "dbt", "/opt/dbt", "dbt")]
    assert versions == ["1.10.0 of dbt"] * 2 + ["1.10.0 of /opt/dbt", "1.10.0 of dbt"]
    assert dagster_dbt.asked == ["dbt", "/opt/dbt"]


def test_nothing_is_changed_without_dagster_dbt() -> None:
    assert "dagster_dbt.core.resource" not in sys.modules
    memoize_version()  # no error, nothing to change
