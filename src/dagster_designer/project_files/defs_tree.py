"""The component instances and definition files of a project's defs folder, read from disk.

This mirrors how Dagster walks the defs folder: a folder with a `defs.yaml` (or `component.py`)
is one component instance (one per YAML document), other folders are plain folders whose Python
files each hold definitions. A `dagster.DefsFolderComponent` instance is a folder too, so the walk
continues inside it. Reading needs no worker, so the canvas shows a project even when its code
does not load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..edits.yaml_attributes import YamlEditError, read_types
from ..worker import protocol
from .files import read_text
from .paths import PathRejected, entries, link_target, nameable, shown_name, walk

COMPONENT_FILES = ("defs.yaml", "defs.yml", "component.yaml")
FOLDER_TYPES = {"dagster.DefsFolderComponent", "DefsFolderComponent"}


def component_file(folder: Path) -> Path | None:
    """The folder's component file, a link resolved so that edits go to its target. One that is
    a link leading out of its folder is refused: a component's file is read only from inside
    its folder."""
    for name in COMPONENT_FILES:
        candidate: Path | None = folder / name
        if candidate.is_symlink():
            candidate = link_target(folder, name)
            if candidate is None:
                raise PathRejected(
                    f"`{name}` in `{folder.name}` is a symlink that leads out of its component "
                    "folder (or round a loop); the designer reads a component's file only inside "
                    "its folder."
                )
        if candidate.is_file():
            return candidate
    return None


def _skipped(name: str) -> bool:
    return protocol.hidden_dir(name) or name.startswith(".") or not nameable(name)


def _files_under(folder: Path, defs_root: Path) -> list[str]:
    prefix = folder.relative_to(defs_root).as_posix() + "/"
    return [
        prefix + rel
        for rel, entry in walk(folder, _skipped)
        if not entry.is_dir(follow_symlinks=False) and nameable(entry.name)
    ]


def _has_content(defs_root: Path, rel: str) -> bool:
    try:
        return bool(read_text(defs_root, rel)[0].strip())
    except (OSError, ValueError):  # gone, refused, too large or not text
        return False


def _instance(
    rel: str,
    file: str,
    files: list[str],
    error: str | None,
    *,
    kind: str = "component",
    typename: str | None = None,
    index: int | None = None,
) -> dict[str, Any]:
    return {
        "path": rel,
        "index": index,
        "kind": kind,
        "type": typename,
        "file": file,
        "files": files,
        "error": error,
    }


def _linked_folder(defs_root: Path, link: Path, rel: str) -> dict[str, Any] | None:
    """A link to a folder is an entry of its own, never walked, with what Dagster makes of it:
    Dagster follows it, so a link to a folder that holds it loads the same files at every level."""
    if not link.is_dir():
        return None  # a link to a file, dangling or round a loop: Dagster skips it too
    target = link_target(defs_root, rel)
    if target is None:
        error = (
            f"`{rel}` is a symlink to a folder outside the defs folder: Dagster loads what it "
            "holds, but the designer does not read through it."
        )
    elif link.parent.resolve().is_relative_to(target):
        error = (
            f"`{rel}` is a symlink to a folder that contains it: Dagster loads that folder again "
            "through it at every level, up to the system's limit of nested links. Delete the link."
        )
    else:
        error = (
            f"`{rel}` is a symlink to a folder: Dagster loads that folder's definitions a second "
            "time through it; the designer shows them once, at their real place."
        )
    return _instance(rel, rel, [rel], error)


def list_instances(defs_root: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if not defs_root.is_dir():
        return out

    def walk_folder(folder: Path) -> None:
        for entry in entries(folder):
            path = Path(entry.path)
            rel = path.relative_to(defs_root).as_posix()
            if not nameable(entry.name):
                if not (entry.is_dir(follow_symlinks=False) or entry.name.endswith(".py")):
                    continue  # Dagster reads nothing else
                shown = shown_name(rel)
                error = f"`{shown}` has a name that is not UTF-8 text; rename it to open it here."
                out.append(_instance(shown, shown, [], error))
            elif entry.is_symlink() and not entry.name.endswith(".py"):
                linked = _linked_folder(defs_root, path, rel)
                if linked is not None:
                    out.append(linked)
            elif entry.is_dir(follow_symlinks=False):
                if _skipped(entry.name):
                    continue
                try:
                    yaml_file = component_file(path)
                except PathRejected as exc:
                    out.append(_instance(rel, rel, _files_under(path, defs_root), str(exc)))
                    continue
                if yaml_file is not None:
                    documents = _documents(yaml_file)
                    file = yaml_file.relative_to(defs_root).as_posix()
                    files = _files_under(path, defs_root)
                    for index, document in enumerate(documents):
                        out.append(
                            _instance(
                                rel,
                                file,
                                files,
                                document.get("error"),
                                typename=document.get("type"),
                                index=index,
                            )
                        )
                    if any(d.get("type") in FOLDER_TYPES for d in documents):
                        walk_folder(path)
                elif (path / "component.py").is_file():
                    out.append(
                        _instance(rel, f"{rel}/component.py", _files_under(path, defs_root), None)
                    )
                else:
                    walk_folder(path)
            elif entry.name.endswith(".py"):
                if entry.name == "__init__.py" and not _has_content(defs_root, rel):
                    continue
                out.append(_instance(rel, rel, [rel], None, kind="python", typename="python"))

    walk_folder(defs_root)
    return out


def _documents(yaml_file: Path) -> list[dict[str, Any]]:
    try:
        text = yaml_file.read_text(encoding="utf-8")
        documents = read_types(text)
    except (OSError, UnicodeDecodeError, YamlEditError) as exc:
        return [{"type": None, "error": str(exc)}]
    return documents or [{"type": None, "error": "The file is empty."}]
