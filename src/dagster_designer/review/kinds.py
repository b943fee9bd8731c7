"""The kind an asset is made with. One written in Python: inferred from its decorated function,
a parameter annotated with a known resource type names its tool, anything else is plain Python.
One a YAML component instance produces: the tool its component type is named for."""

from __future__ import annotations

import ast
import bisect
import functools
import re

import libcst as cst

# The tools a kind names, as the names of their resource and component types begin
# (`DuckDBResource`, `DbtCliResource`, `dagster_dbt.DbtProjectComponent`, `SlingResource`...).
TOOLS = ("duckdb", "snowflake", "bigquery", "databricks", "dbt", "sling", "dlt")
ASSET_DECORATORS = ("asset", "dg.asset", "dagster.asset")
LINE_END = re.compile(r"\r\n|\r|\n")


def tool_of(type_name: str) -> str | None:
    """The tool a resource or component type is named for (its class name, module left out)."""
    name = type_name.rsplit(".", 1)[-1].lower()
    return next((tool for tool in TOOLS if name.startswith(tool)), None)


def component_kind(type_name: str) -> str:
    """The kind of the assets a component type makes: its tool, `sql` for a SQL component
    (`dagster.TemplatedSqlComponent`), else `python` (scripts, functions, the project's own)."""
    tool = tool_of(type_name)
    if tool is not None:
        return tool
    return "sql" if "sql" in type_name.rsplit(".", 1)[-1].lower() else "python"


class AssetAt(cst.CSTVisitor):
    """The function with a decorator starting on `line`."""

    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, line: int) -> None:
        self.line = line
        self.found: tuple[cst.FunctionDef, cst.Decorator] | None = None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            start = self.get_metadata(cst.metadata.PositionProvider, decorator).start
            if start.line == self.line:
                self.found = (node, decorator)


def asset_at(
    text: str, module: cst.Module, line: int
) -> tuple[cst.FunctionDef, cst.Decorator] | None:
    """The function and its `@asset` decorator starting on `line` of `text` (parsed: `module`)."""
    if line not in decorated_assets(text):
        return None
    visitor = AssetAt(line)
    cst.metadata.MetadataWrapper(module, unsafe_skip_copy=True).visit(visitor)
    return visitor.found


def has_keyword(decorator: cst.Decorator, name: str) -> bool:
    call = decorator.decorator
    return isinstance(call, cst.Call) and any(
        a.keyword is not None and a.keyword.value == name for a in call.args
    )


def dotted(node: ast.expr) -> str:
    """`dg.asset` for the expression `dg.asset`; "" for anything that is no dotted name."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr}" if head else ""
    return ""


def _at_line(text: str, starts: list[int], node: ast.expr) -> int:
    """The line of the `@` before a decorator's expression (the line Dagster's code reference
    names): the expression's own, unless a parenthesis or a continuation comes between."""
    begin, end = starts[node.lineno - 1], starts[node.lineno]
    # the column counts UTF-8 bytes
    offset = begin + len(text[begin:end].encode()[: node.col_offset].decode(errors="ignore"))
    return bisect.bisect_right(starts, text.rfind("@", 0, offset))


@functools.lru_cache(maxsize=256)  # a review asks once per asset: a file parses once
def decorated_assets(text: str) -> dict[int, tuple[frozenset[str], str]]:
    """The `@asset` decorators of a Python text by the line they start on: the keywords each
    passes and the kind of its function. Read with the standard library's parser (30 times
    libcst's speed: a review reads every Python file of the project); edits use libcst."""
    try:
        tree = ast.parse(text.removeprefix("\ufeff"))
    except (SyntaxError, ValueError):
        return {}
    # where each line starts, its ends as Python's tokenizer reads them
    starts = [0, *(m.end() for m in LINE_END.finditer(text)), len(text) + 1]
    found: dict[int, tuple[frozenset[str], str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            if dotted(call.func if call else decorator) not in ASSET_DECORATORS:
                continue
            keywords = frozenset(k.arg for k in (call.keywords if call else ()) if k.arg)
            annotations = (a.annotation for a in node.args.args if a.annotation is not None)
            tools = (tool_of(dotted(annotation)) for annotation in annotations)
            kind = next((tool for tool in tools if tool is not None), "python")
            found[_at_line(text, starts, decorator)] = (keywords, kind)
    return found


def lacks(text: str, line: int, keyword: str) -> bool:
    """Whether an `@asset` decorator starts on `line` and does not pass `keyword`."""
    found = decorated_assets(text).get(line)
    return found is not None and keyword not in found[0]


def inferred_kind(text: str, line: int) -> str | None:
    """The kind to give the Python asset whose decorator starts on `line`; None when the line
    holds no `@asset` decorator without kinds (or the text does not parse)."""
    return decorated_assets(text)[line][1] if lacks(text, line, "kinds") else None
