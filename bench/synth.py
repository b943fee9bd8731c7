"""Synthetic dg projects for the benchmarks: Python assets in files plus YAML components.

    .venv/bin/python bench/synth.py DIR --py-files 50 --assets-per-file 20 --yaml 200

creates a dg project at DIR with create-dagster (Dagster 1.13.27, its own .venv) and writes
`py-files` modules of `assets-per-file` chained assets and `yaml` PythonScriptComponent
instances, each producing one asset that depends on a Python asset.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from harness import tool_env

CREATE_DAGSTER = "import sys\nfrom create_dagster.cli import main\nsys.exit(main())"


def create_project(target: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", CREATE_DAGSTER, "project", str(target), "--uv-sync"],
        cwd=target.parent,
        env=tool_env(),
        check=True,
        capture_output=True,
        timeout=900,
    )


def python_module(index: int, assets: int) -> str:
    lines = ["import dagster as dg", ""]
    for a in range(assets):
        deps = f'deps=["py_{index:03d}_{a - 1:03d}"], ' if a else ""
        lines += [
            "",
            f'@dg.asset({deps}group_name="group_{index % 10}", kinds={{"python"}})',
            f"def py_{index:03d}_{a:03d}() -> None:",
            f'    """Asset {a} of module {index}."""',
            "",
        ]
    return "\n".join(lines)


def yaml_component(index: int, upstream: str) -> str:
    return (
        "type: dagster.PythonScriptComponent\n"
        "attributes:\n"
        "  execution:\n"
        "    path: run.py\n"
        f"    name: comp_{index:03d}\n"
        "  assets:\n"
        f"    - key: yaml/comp_{index:03d}\n"
        f"      deps: [{upstream}]\n"
        "      kinds: [python]\n"
    )


def write_definitions(defs: Path, py_files: int, per_file: int, yaml: int) -> None:
    (defs / "py_assets").mkdir(parents=True, exist_ok=True)
    for i in range(py_files):
        (defs / "py_assets" / f"module_{i:03d}.py").write_text(python_module(i, per_file))
    for i in range(yaml):
        folder = defs / "yaml_comps" / f"comp_{i:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "run.py").write_text("print('run')\n")
        upstream = f"py_{i % max(py_files, 1):03d}_000" if py_files else f"yaml/comp_{i - 1:03d}"
        (folder / "defs.yaml").write_text(yaml_component(i, upstream if i or py_files else "[]"))


def make(target: Path, py_files: int, per_file: int, yaml: int) -> Path:
    """A new project at `target`; returns its defs folder."""
    create_project(target)
    defs = target / "src" / target.name / "defs"
    write_definitions(defs, py_files, per_file, yaml)
    return defs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("target", type=Path)
    parser.add_argument("--py-files", type=int, default=50)
    parser.add_argument("--assets-per-file", type=int, default=20)
    parser.add_argument("--yaml", type=int, default=200)
    args = parser.parse_args()
    make(args.target.resolve(), args.py_files, args.assets_per_file, args.yaml)


if __name__ == "__main__":
    main()
