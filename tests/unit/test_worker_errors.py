"""Error descriptions made by the worker (pure parts, runnable without Dagster)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dagster_designer.worker import hints
from dagster_designer.worker.errors import describe, distribution_for_module, exception_chain
from dagster_designer.worker.project import ProjectInfo


@pytest.mark.parametrize(
    ("module", "dist"),
    [
        ("dagster_dbt", "dagster-dbt"),
        ("sklearn.linear_model", "scikit-learn"),
        ("yaml", "pyyaml"),
        ("google.cloud.bigquery", "google-cloud-bigquery"),
        ("pandas", "pandas"),
    ],
)
def test_distribution_names(module: str, dist: str) -> None:
    assert distribution_for_module(module) == dist


def _project(root: Path) -> ProjectInfo:
    return ProjectInfo.from_json(
        json.dumps(
            {
                "root": str(root),
                "root_module": "proj",
                "defs_module": "proj.defs",
                "target_module": "proj.definitions",
                "defs_root": str(root / "src" / "proj" / "defs"),
            }
        )
    )


def test_chain_follows_suppressed_contexts() -> None:
    try:
        try:
            raise KeyError("inner")
        except KeyError:
            raise ValueError("outer") from None
    except ValueError as exc:
        assert [type(e) for e in exception_chain(exc)] == [ValueError, KeyError]


def test_user_frame_gives_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "src" / "proj" / "defs" / "bad.py"
    source.parent.mkdir(parents=True)
    source.write_text("def f():\n    raise RuntimeError('boom')\n")
    namespace: dict = {}
    exec(compile(source.read_text(), str(source), "exec"), namespace)
    try:
        namespace["f"]()
    except RuntimeError as exc:
        error = describe(exc, _project(tmp_path))[0]
    assert error["file"] == "src/proj/defs/bad.py"
    assert error["line"] == 2
    assert error["message"] == "RuntimeError: boom"


def test_missing_module_names_the_package(tmp_path: Path) -> None:
    exc = ModuleNotFoundError("No module named 'dagster_sling'", name="dagster_sling")
    error = describe(exc, _project(tmp_path))[0]
    assert error["kind"] == "import"
    assert "uv add dagster-sling" in error["hint"]


def test_relative_frames_are_not_project_files(tmp_path: Path) -> None:
    assert _project(tmp_path).relative("<frozen importlib._bootstrap>") is None
    assert _project(tmp_path).relative(str(tmp_path / ".venv" / "x.py")) is None


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ('"sales team!" is not a valid asset group name.', "try `sales_team`"),
        ('"2nd orders" is not a valid name in Dagster.', "try `_2nd_orders`"),
        ("Invalid owner 'data team' for asset", "try `team:data_team`"),
        ("Found invalid cron schedule '0 0 * * * *' for schedule", "try `0 * * * *`"),
        ("Invalid tag value: two words, for key: team.", "try `two_words`"),
        ("time data '01/02/2024' does not match format '%Y-%m-%d'", "`YYYY-MM-DD`"),
    ],
)
def test_hints_say_what_to_write(message: str, words: str) -> None:
    hint = hints.for_message(message)
    assert hint is not None and words in hint.text, hint


def test_syntax_hints_name_the_bracket() -> None:
    try:
        compile("print(len(x)\n", "m.py", "exec")
    except SyntaxError as exc:
        assert "Close the `(` opened on line 1" in hints.for_syntax(exc).text
