"""Reading errors out of `dg check defs` output."""

from __future__ import annotations

from pathlib import Path

from dagster_designer.processes.dg_cli import parse_errors
from dagster_designer.project_files.config import ProjectConfig


def _config(root: Path) -> ProjectConfig:
    return ProjectConfig(root, "proj", "proj", "proj.defs", "proj.definitions", ())


def test_yaml_and_traceback_errors(tmp_path: Path) -> None:
    defs = tmp_path / "src" / "proj" / "defs"
    (defs / "ingest").mkdir(parents=True)
    (defs / "ingest" / "defs.yaml").write_text("")
    (defs / "bad.py").write_text("")
    output = "\n".join(
        [
            f"{defs / 'ingest' / 'defs.yaml'}:6 - dagster.X attributes.bogus Additional "
            "properties are not allowed ('bogus' was unexpected)",
            "Traceback (most recent call last):",
            '  File "/usr/lib/python3/site.py", line 1, in <module>',
            f'  File "{defs / "bad.py"}", line 4, in <module>',
            "AttributeError: module 'dagster' has no attribute 'assett'",
        ]
    )
    errors = parse_errors(_config(tmp_path), output)
    assert errors[0]["file"] == "src/proj/defs/ingest/defs.yaml" and errors[0]["line"] == 6
    assert errors[1] == {
        "message": "AttributeError: module 'dagster' has no attribute 'assett'",
        "file": "src/proj/defs/bad.py",
        "line": 4,
        "kind": "load",
    }
