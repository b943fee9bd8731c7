"""The component instances and definition files of a project's defs folder, read from disk.

This mirrors how Dagster walks the defs folder: a folder with a `defs.yaml` (or `component.py`)
is one component instance (one per YAML document), other folders are plain folders whose Python
files each hold definitions. A `dagster.DefsFolderComponent` instance is a folder too, so the walk
continues inside it. Reading needs no worker, so the canvas shows a project even when its code
does not load.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..edits.yaml_attributes import YamlEditError, read_documents
from .files import is_hidden_dir

COMPONENT_FILES = ("defs.yaml", "defs.yml", "component.yaml")
FOLDER_TYPES = {"dagster.DefsFolderComponent", "DefsFolderComponent"}


def component_file(folder: Path) -> Path | None:
    for name in COMPONENT_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _files_under(folder: Path, defs_path: Path) -> list[str]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not is_hidden_dir(d) and not d.startswith("."))
        for name in sorted(filenames):
            out.append((Path(dirpath) / name).relative_to(defs_path).as_posix())
    return out


def _has_content(path: Path) -> bool:
    try:
        return bool(path.read_text(encoding="utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return False


def list_instances(defs_path: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not defs_path.is_dir():
        return out

    def walk(folder: Path) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            path = Path(entry.path)
            rel = path.relative_to(defs_path).as_posix()
            if entry.is_dir():
                if is_hidden_dir(entry.name) or entry.name.startswith("."):
                    continue
                yaml_file = component_file(path)
                if yaml_file is not None:
                    documents = _documents(yaml_file)
                    for index, document in enumerate(documents):
                        out.append(
                            {
                                "path": rel,
                                "index": index,
                                "kind": "component",
                                "type": document.get("type"),
                                "file": yaml_file.relative_to(defs_path).as_posix(),
                                "files": _files_under(path, defs_path),
                                "error": document.get("error"),
                            }
                        )
                    if any(d.get("type") in FOLDER_TYPES for d in documents):
                        walk(path)
                elif (path / "component.py").is_file():
                    out.append(
                        {
                            "path": rel,
                            "index": None,
                            "kind": "component",
                            "type": None,
                            "file": f"{rel}/component.py",
                            "files": _files_under(path, defs_path),
                            "error": None,
                        }
                    )
                else:
                    walk(path)
            elif entry.name.endswith(".py"):
                if entry.name == "__init__.py" and not _has_content(path):
                    continue
                out.append(
                    {
                        "path": rel,
                        "index": None,
                        "kind": "python",
                        "type": "python",
                        "file": rel,
                        "files": [rel],
                        "error": None,
                    }
                )

    walk(defs_path)
    return out


def _documents(yaml_file: Path) -> list[dict[str, Any]]:
    try:
        text = yaml_file.read_text(encoding="utf-8")
        documents = read_documents(text)
    except (OSError, UnicodeDecodeError, YamlEditError) as exc:
        return [{"type": None, "error": str(exc)}]
    return documents or [{"type": None, "error": "The file is empty."}]
