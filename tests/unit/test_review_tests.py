"""The review's tests, pure parts: the rule that a project has tests, pytest's JUnit report read
per test (a report written by a real pytest run), and the generated test module's text."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from dagster_designer.review import tests_exist, tests_run, tests_write
from dagster_designer.review.run import review

SUITE = """import pytest


def test_passes():
    assert 1 + 1 == 2


def test_fails():
    assert [1, 2] == [1, 3], "lists differ"


@pytest.mark.skip(reason="not today")
def test_skipped():
    pass


@pytest.fixture
def broken():
    raise RuntimeError("fixture broke")


def test_errors(broken):
    pass


class TestGroup:
    def test_inside(self):
        pass
"""


def test_a_project_without_test_files_gets_a_warning() -> None:
    texts = {"src/p/definitions.py": "", "tests/__init__.py": "", "src/p/defs/a.yaml": ""}
    [finding] = tests_exist.review(texts)
    assert (finding.rule, finding.severity, finding.file) == ("tests-missing", "warning", None)
    assert [f.rule for f in review({}, texts)] == ["tests-missing"]
    for name in ("tests/test_orders.py", "src/p/orders_test.py"):
        assert tests_exist.review({**texts, name: ""}) == []
    assert tests_exist.review({}) == []  # no files known: nothing judged


def test_test_files_are_those_pytest_collects_by_default() -> None:
    assert tests_exist.is_test_file("tests/test_a.py")
    assert tests_exist.is_test_file("a_test.py")
    assert not tests_exist.is_test_file("tests/conftest.py")
    assert not tests_exist.is_test_file("tests/test_data.yaml")
    assert not tests_exist.is_test_file("src/p/testing.py")


def test_a_real_pytest_report_reads_per_test(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").write_text("")
    (tmp_path / "tests" / "test_suite.py").write_text(SUITE)
    report = tmp_path / "report.xml"
    argv = [sys.executable, "-m", "pytest", *tests_run.PYTEST_OPTIONS, f"--junitxml={report}"]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, timeout=300, check=False)
    assert done.returncode == 1, done.stdout
    answer = tests_run.results(report.read_text())
    counts = {k: answer[k] for k in ("passed", "failed", "errors", "skipped")}
    assert counts == {"passed": 2, "failed": 1, "errors": 1, "skipped": 1}
    by_id = {t["id"]: t for t in answer["tests"]}
    lines = SUITE.splitlines()
    for test in answer["tests"]:
        assert test["file"] == "tests/test_suite.py"
        # where the test's statement starts: its decorator, if it has one
        assert lines[test["line"] - 1].lstrip().startswith(("def test_", "@")), test
        assert test["duration"] >= 0
    assert set(by_id) == {
        "tests/test_suite.py::test_passes",
        "tests/test_suite.py::test_fails",
        "tests/test_suite.py::test_skipped",
        "tests/test_suite.py::test_errors",
        "tests/test_suite.py::TestGroup::test_inside",
    }
    assert by_id["tests/test_suite.py::test_passes"]["message"] is None
    failed = by_id["tests/test_suite.py::test_fails"]
    assert failed["outcome"] == "failed" and "lists differ" in failed["message"]
    errored = by_id["tests/test_suite.py::test_errors"]
    assert errored["outcome"] == "error" and "fixture broke" in errored["message"]
    skipped = by_id["tests/test_suite.py::test_skipped"]
    assert skipped["outcome"] == "skipped" and "not today" in skipped["message"]
    assert answer["duration"] >= 0


def test_a_report_that_is_not_xml_is_refused() -> None:
    with pytest.raises(tests_run.UnreadableResults):
        tests_run.results("<testsuites><testsuite>")


def asset(key: str, *deps: str, executable: bool = True) -> dict:
    return {
        "key": key,
        "key_parts": key.split("/"),
        "deps": list(deps),
        "is_executable": executable,
    }


ASSETS = [
    asset("raw/orders", "raw/feed"),
    asset("raw/feed", executable=False),
    asset("orders", "raw/orders"),
    asset("report", "orders", "customers"),
    asset("customers"),
]


def test_a_chain_is_ordered_upstream_first_with_what_each_needs_within_it() -> None:
    ordered = tests_write.chain(ASSETS, ["report", "raw/orders", "orders"])
    assert ordered == [
        ("raw/orders", []),
        ("orders", ["raw/orders"]),
        ("report", ["raw/orders", "orders"]),
    ]
    assert tests_write.file_name(ordered) == "tests/test_raw_orders_to_report.py"
    assert tests_write.file_name(tests_write.chain(ASSETS, ["orders"])) == "tests/test_orders.py"


@pytest.mark.parametrize(
    ("keys", "words"),
    [(["nope"], "No asset with the key nope"), (["raw/feed"], "external asset")],
)
def test_unknown_or_external_assets_make_no_chain(keys: list[str], words: str) -> None:
    with pytest.raises(tests_write.ChainError, match=words):
        tests_write.chain(ASSETS, keys)


def test_resources_that_reach_outside_get_stand_ins() -> None:
    resources = [
        {"name": "duckdb", "type": "dagster_duckdb.DuckDBResource"},
        {"name": "io_manager", "type": "dagster.FilesystemIOManager"},
        {"name": "warehouse", "type": "dagster_duckdb_pandas.DuckDBPandasIOManager"},
        {"name": "api", "type": "my_project.resources.ApiClient"},
        {"name": "snowflake", "type": "dagster_snowflake.SnowflakeResource"},
    ]
    assert tests_write.stand_ins(resources) == ["api", "snowflake"]


def test_the_module_materializes_each_asset_after_what_it_needs() -> None:
    ordered = tests_write.chain(ASSETS, ["raw/orders", "orders"])
    parts = {a["key"]: a["key_parts"] for a in ASSETS}
    text = tests_write.module_text(ordered, parts, ["api"])
    tree = ast.parse(text)
    tests = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name[:5] == "test_"]
    assert tests == ["test_raw_orders", "test_orders"]
    assert 'RAW_ORDERS = dg.AssetKey(["raw", "orders"])' in text
    assert '"api": dg.ResourceDefinition.mock_resource(),' in text
    assert "result = materialize(defs, RAW_ORDERS, ORDERS)\n    assert result.success\n" in text
    assert "assert_value(defs, result, ORDERS)" in text
    assert "dg.load_from_defs_folder(" in text
    without = tests_write.module_text(ordered, parts, [])
    assert "STAND_INS: dict[str, dg.ResourceDefinition] = {}" in without
