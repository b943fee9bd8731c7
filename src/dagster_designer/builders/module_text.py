"""Placing a builder's definition in a module's text: a new module, a definition added, one
replaced or removed, with the imports it needs. Everything else stays as it was, byte for byte
(the lines around the definition, the other definitions, comments)."""

from __future__ import annotations

import ast

from ..worker.top_level import Definition


def _import_keys(statement: ast.stmt) -> set[str]:
    """One key per imported name: `import dagster as dg` -> `dagster as dg`."""
    if isinstance(statement, ast.Import):
        return {f"{a.name} as {a.asname or a.name}" for a in statement.names}
    if isinstance(statement, ast.ImportFrom) and not statement.level:
        return {f"{statement.module}:{a.name} as {a.asname or a.name}" for a in statement.names}
    return set()


def _missing_imports(source: str, imports: tuple[str, ...]) -> list[str]:
    present: set[str] = set()
    for statement in ast.parse(source).body:
        present |= _import_keys(statement)
    return [line for line in imports if not _import_keys(ast.parse(line).body[0]) <= present]


def new_module(imports: tuple[str, ...], statement: str) -> str:
    return "\n".join(imports) + "\n\n\n" + statement


def _with_imports(source: str, imports: tuple[str, ...]) -> str:
    """`source` with the missing import lines added after its last top-level import (or at
    the top, after a docstring)."""
    missing = _missing_imports(source, imports)
    if not missing:
        return source
    body = ast.parse(source).body
    anchor = 0
    for statement in body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            anchor = statement.end_lineno or statement.lineno
        elif anchor:
            break
    if not anchor and body and isinstance(body[0], ast.Expr):
        value = body[0].value
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            anchor = body[0].end_lineno or body[0].lineno
    lines = source.splitlines(keepends=True)
    if lines and anchor == len(lines) and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    added = [line + "\n" for line in missing]
    if not anchor:
        added.append("\n")
    return "".join(lines[:anchor] + added + lines[anchor:])


def add_definition(source: str, imports: tuple[str, ...], statement: str) -> str:
    """The definition appended at the end of the module, two blank lines after its code."""
    if not source.strip():
        return new_module(imports, statement)
    text = _with_imports(source, imports).rstrip("\n") + "\n"
    return text + "\n\n" + statement


def replace_definition(
    source: str, found: Definition, imports: tuple[str, ...], statement: str
) -> str:
    lines = source.splitlines(keepends=True)
    last_without_newline = found.end == len(lines) and not source.endswith("\n")
    text = statement.rstrip("\n") if last_without_newline else statement
    replaced = "".join(lines[: found.start - 1]) + text + "".join(lines[found.end :])
    return _with_imports(replaced, imports)


def remove_definition(source: str, found: Definition) -> str:
    """The module without the definition and the comment lines right above it, and without
    the blank lines that separated it from what follows (or, when it was last, from what was
    before)."""
    lines = source.splitlines(keepends=True)
    start, end = found.start - 1, found.end
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    after = end
    while after < len(lines) and not lines[after].strip():
        after += 1
    if after < len(lines):
        return "".join(lines[:start] + lines[after:])
    while start > 0 and not lines[start - 1].strip():
        start -= 1
    return "".join(lines[:start])


def only_imports(source: str) -> bool:
    """Whether a module holds nothing but imports and a docstring."""
    for index, statement in enumerate(ast.parse(source).body):
        if isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        docstring = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
        if not (index == 0 and docstring):
            return False
    return True
