"""The project's own modules are always compiled from their source, never from `__pycache__`.

Python trusts a cached `.pyc` while the source's size and whole-second mtime match what the cache
recorded. An edit that keeps the size within the same second (a name renamed to one of the same
length, a digit changed) would then load the old code, silently. The project's files are few and
small; compiling them costs little, and what the worker loads is what the files say. Libraries in
the environment keep their caches.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec, PathFinder, SourceFileLoader
from types import CodeType

from .project import ProjectInfo


class _SourceOnly(SourceFileLoader):
    def get_code(self, fullname: str) -> CodeType:
        return self.source_to_code(self.get_data(self.path), self.path)


class _ProjectSourceFinder:
    """Finds modules as the path finder does, and gives project files the source-only loader."""

    def __init__(self, project: ProjectInfo) -> None:
        self.project = project

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: object = None
    ) -> ModuleSpec | None:
        spec = PathFinder.find_spec(fullname, path, target)  # type: ignore[arg-type]
        if (
            spec is None
            or type(spec.loader) is not SourceFileLoader
            or not self.project.owns_module(fullname, spec.origin)
        ):
            return None  # the other finders decide, as they would without this one
        spec.loader = _SourceOnly(fullname, spec.origin or "")
        return spec


def install(project: ProjectInfo) -> None:
    sys.meta_path.insert(0, _ProjectSourceFinder(project))
