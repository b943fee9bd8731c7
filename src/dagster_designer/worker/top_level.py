"""The definitions at the top of a Python module, by the name Dagster gives them: a (decorated)
function, or an assignment, named by its own name or the `name` its call passes. Shared with
the server (standard library only): the worker places schedules, jobs and sensors with it; the
builders find what they rewrite."""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Definition:
    """A top-level statement that defines a name: a (decorated) function, or an assignment."""

    name: str
    node: ast.FunctionDef | ast.Assign
    start: int  # 1-based first line, decorators included
    end: int  # 1-based last line

    def text(self, source: str) -> str:
        return "".join(source.splitlines(keepends=True)[self.start - 1 : self.end])

    def undecorated(self, source: str) -> str:
        """The text from the `def` line on, without the decorators."""
        return "".join(source.splitlines(keepends=True)[self.node.lineno - 1 : self.end])


def definitions(source: str) -> list[Definition]:
    """The functions and single-name assignments at the top of a module."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            found.append(Definition(node.name, node, start, node.end_lineno or node.lineno))
        elif (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            found.append(
                Definition(node.targets[0].id, node, node.lineno, node.end_lineno or node.lineno)
            )
    return found


def names(found: Definition) -> list[str]:
    """The names Dagster may know a definition by: its function or variable name, and the
    `name=` keyword of the call that makes it."""
    keyword = _named_by_keyword(found.node)
    return [found.name] if keyword is None else [found.name, keyword]


def definition_named(source: str, name: str) -> Definition | None:
    """The first definition Dagster may know as `name`."""
    for found in definitions(source):
        if name in names(found):
            return found
    return None


def first_lines(source: str) -> dict[str, int]:
    """Each name a definition may be known by, with the first line of the first one known by
    it (the one `definition_named` finds): one parse answers for every name of a module."""
    lines: dict[str, int] = {}
    for found in definitions(source):
        for name in names(found):
            lines.setdefault(name, found.start)
    return lines


def _named_by_keyword(node: ast.FunctionDef | ast.Assign) -> str | None:
    calls = (
        [d for d in node.decorator_list if isinstance(d, ast.Call)]
        if isinstance(node, ast.FunctionDef)
        else [node.value]
        if isinstance(node.value, ast.Call)
        else []
    )
    for call in calls:
        for keyword in call.keywords:
            if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
    # `define_asset_job("name", ...)`, `ScheduleDefinition("name", ...)`: named first
    if isinstance(node, ast.Assign) and calls and calls[0].args:
        first = calls[0].args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None
