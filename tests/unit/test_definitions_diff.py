from dagster_designer.services.definitions_diff import changed_fields, compare, empty


def _asset(key: str, **fields: object) -> dict[str, object]:
    return {
        "key": key,
        "key_parts": key.split("/"),
        "deps": [],
        "group": "default",
        "description": None,
        "source": f"/one/folder/{key}.py:1",
        "defs_path": f"{key}.py",
        "defs_index": 0,
        **fields,
    }


def test_added_removed_and_changed_assets_by_key() -> None:
    before = {"assets": [_asset("a"), _asset("b"), _asset("raw/c")]}
    after = {"assets": [_asset("a", deps=["raw/c"], group="sales"), _asset("raw/c"), _asset("d")]}
    assets = compare(before, after)["assets"]
    assert assets == {
        "added": ["d"],
        "removed": ["b"],
        "changed": [{"key": "a", "fields": ["deps", "group"]}],
    }


def test_where_a_definition_is_written_is_no_change() -> None:
    before = _asset("a")
    after = {**_asset("a"), "source": "/other/folder/x.py:9", "defs_path": "x.py", "defs_index": 3}
    assert changed_fields(before, after) == []


def test_a_field_only_one_side_has_is_a_change() -> None:
    assert changed_fields({"name": "j"}, {"name": "j", "description": "new"}) == ["description"]


def test_every_kind_by_its_name() -> None:
    before = {
        "jobs": [{"name": "j", "asset_keys": ["a"]}],
        "schedules": [{"name": "s", "cron_schedule": "0 * * * *", "job_name": "j"}],
        "sensors": [{"name": "old", "job_names": []}],
        "asset_checks": [],
    }
    after = {
        "jobs": [{"name": "j", "asset_keys": ["a", "b"]}],
        "schedules": [{"name": "s", "cron_schedule": "0 0 * * *", "job_name": "j"}],
        "sensors": [{"name": "new", "job_names": ["j"]}],
        "asset_checks": [{"key": "a:positive", "asset_key": "a", "name": "positive"}],
    }
    diff = compare(before, after)
    assert diff["jobs"]["changed"] == [{"key": "j", "fields": ["asset_keys"]}]
    assert diff["schedules"]["changed"] == [{"key": "s", "fields": ["cron_schedule"]}]
    assert diff["sensors"] == {"added": ["new"], "removed": ["old"], "changed": []}
    assert diff["asset_checks"]["added"] == ["a:positive"]
    assert diff["assets"] == {"added": [], "removed": [], "changed": []}


def test_nothing_before_means_everything_added() -> None:
    after = {"assets": [_asset("b"), _asset("a")], "jobs": [{"name": "j"}]}
    diff = compare({}, after)
    assert diff["assets"]["added"] == ["a", "b"]
    assert diff["jobs"]["added"] == ["j"]
    assert compare(after, after) == empty()
