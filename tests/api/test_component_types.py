"""The palette's source: every type the project's environment can scaffold, with schemas."""

from __future__ import annotations

import httpx


def test_component_types_come_from_the_projects_registry(api: httpx.Client, project: dict) -> None:
    types = api.get(f"/projects/{project['id']}/component-types").json()
    by_key = {t["key"]: t for t in types}
    assert len(by_key) == len(types), "keys are unique"
    # the base set of dagster 1.13: components and scaffold targets
    for key in ("dagster.PythonScriptComponent", "dagster.TemplatedSqlComponent"):
        assert by_key[key]["kind"] == "component"
        assert by_key[key]["schema"]["type"] == "object"
        assert by_key[key]["summary"]
    for key in ("dagster.asset", "dagster.schedule", "dagster.sensor", "dagster.asset_check"):
        assert by_key[key]["kind"] == "scaffold_target"
        assert by_key[key]["schema"] is None
    script = by_key["dagster.PythonScriptComponent"]["schema"]
    assert "execution" in script["required"]
    check_params = by_key["dagster.asset_check"]["scaffold_params_schema"]
    assert "asset_key" in check_params["properties"]
    assert all(t["package"] for t in types)


def test_component_types_are_cached_per_environment(api: httpx.Client, project: dict) -> None:
    first = api.get(f"/projects/{project['id']}/component-types")
    second = api.get(f"/projects/{project['id']}/component-types")
    assert first.json() == second.json()
    assert second.elapsed.total_seconds() < 1.0
