"""Reading the Python a builder wrote: a top-level definition found by name, the literal values
of a call's keywords, the literal assignments that open a function body.

A definition belongs to its builder when rendering the parameters read from it gives back the
same program (compared as syntax trees, so formatting does not matter) with the same comments:
then Edit can rewrite it from the form without losing anything. Anything else is code the user
owns, opened in the editor instead.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from typing import Any

from ..worker.top_level import Definition


@dataclass(frozen=True)
class Call:
    """A call in a definition, kept as its dotted name and literal arguments."""

    func: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass(frozen=True)
class Name:
    """A dotted name used as a value, e.g. `dg.DefaultScheduleStatus.RUNNING`."""

    dotted: str


class NotLiteral(ValueError):
    """A value that is not made of literals, calls and dotted names."""


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    raise NotLiteral(ast.dump(node))


def value(node: ast.expr) -> Any:
    """A Python value for literal syntax; calls and dotted names as `Call` and `Name`."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return [value(item) for item in node.elts]
    if isinstance(node, ast.Set):
        return {value(item) for item in node.elts}
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            raise NotLiteral("**")
        return {value(k): value(v) for k, v in zip(node.keys, node.values, strict=True)}  # type: ignore[arg-type]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = value(node.operand)
        if isinstance(inner, int | float):
            return -inner
    if isinstance(node, ast.Call):
        if any(k.arg is None for k in node.keywords):
            raise NotLiteral("**")
        return Call(
            dotted(node.func),
            tuple(value(a) for a in node.args),
            {k.arg: value(k.value) for k in node.keywords if k.arg},
        )
    if isinstance(node, ast.Name | ast.Attribute):
        return Name(dotted(node))
    raise NotLiteral(ast.dump(node))


def assigned_call(found: Definition, func: str) -> Call | None:
    """The call of `func` an assignment makes, when all of it is literal."""
    if not isinstance(found.node, ast.Assign):
        return None
    try:
        made = value(found.node.value)
    except NotLiteral:
        return None
    return made if isinstance(made, Call) and made.func == func else None


def decorator_call(node: ast.FunctionDef, *names: str) -> Call | None:
    """The function's only decorator, when it is a call (or a bare name) of one of `names`."""
    if len(node.decorator_list) != 1:
        return None
    decorator = node.decorator_list[0]
    try:
        found = value(decorator)
    except NotLiteral:
        return None
    if isinstance(found, Name):
        found = Call(found.dotted, (), {})
    return found if isinstance(found, Call) and found.func in names else None


def function_parts(source: str, node: ast.FunctionDef) -> tuple[str, str]:
    """(the `def` line(s) up to the colon, ending with a newline; the body as written,
    dedented, its leading comments included) of a function, its decorators left out."""
    lines = source.splitlines(keepends=True)[node.lineno - 1 : node.end_lineno]
    text = "".join(lines)
    row, column = _signature_colon(text)
    rest = lines[row][column + 1 :]
    if rest.strip() and not rest.lstrip().startswith("#"):  # `def f(): ...` on one line
        return "".join(lines[:row]) + lines[row][: column + 1] + "\n", rest.lstrip()
    body = lines[row + 1 :]
    indent = min((len(line) - len(line.lstrip()) for line in body if line.strip()), default=0)
    return "".join(lines[: row + 1]), "".join(
        line[indent:] if line.strip() else line.lstrip(" \t") for line in body
    )


def _signature_colon(text: str) -> tuple[int, int]:
    """(line index, column) of the colon that ends a `def` signature."""
    depth = 0
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.OP:
            if token.string in "([{":
                depth += 1
            elif token.string in ")]}":
                depth -= 1
            elif token.string == ":" and depth == 0:
                return token.start[0] - 1, token.start[1]
    raise ValueError("no signature")


def leading_literals(node: ast.FunctionDef) -> dict[str, Any]:
    """`name = literal` statements at the start of a function body, in order."""
    found: dict[str, Any] = {}
    for statement in node.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            break
        try:
            found[statement.targets[0].id] = value(statement.value)
        except NotLiteral:
            break
    return found


def comments(source: str) -> list[str]:
    """The comments of a piece of Python, in order."""
    try:
        tokens = tokenize.generate_tokens(io.StringIO(source).readline)
        return [token.string for token in tokens if token.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return ["<unreadable>"]


def same_program(written: str, rendered: str) -> bool:
    """Whether two pieces of Python are the same program with the same comments."""
    try:
        same = ast.dump(ast.parse(written)) == ast.dump(ast.parse(rendered))
    except SyntaxError:
        return False
    return same and comments(written) == comments(rendered)
