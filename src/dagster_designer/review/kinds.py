"""The kind an asset is made with. One written in Python: inferred from its decorated function,
a parameter annotated with a known resource type names its tool, anything else is plain Python.
One a YAML component instance produces: the tool its component type is named for."""

from __future__ import annotations

import contextlib
import functools

import libcst as cst

# The tools a kind names, as the names of their resource and component types begin
# (`DuckDBResource`, `DbtCliResource`, `dagster_dbt.DbtProjectComponent`, `SlingResource`...).
TOOLS = ("duckdb", "snowflake", "bigquery", "databricks", "dbt", "sling", "dlt")
ASSET_DECORATORS = ("asset", "dg.asset", "dagster.asset")


def dotted(node: cst.BaseExpression) -> str:
    """`dg.asset` for the expression `dg.asset`; "" for anything that is no dotted name."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else ""
    return ""


def asset_decorator(node: cst.Decorator) -> bool:
    target = node.decorator.func if isinstance(node.decorator, cst.Call) else node.decorator
    return dotted(target) in ASSET_DECORATORS


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


def kind_of(function: cst.FunctionDef) -> str:
    for param in function.params.params:
        if param.annotation is not None:
            tool = tool_of(dotted(param.annotation.annotation))
            if tool is not None:
                return tool
    return "python"


class AssetAt(cst.CSTVisitor):
    """The function whose `@asset` decorator starts on `line`."""

    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, line: int) -> None:
        self.line = line
        self.found: tuple[cst.FunctionDef, cst.Decorator] | None = None

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            start = self.get_metadata(cst.metadata.PositionProvider, decorator).start
            if start.line == self.line and asset_decorator(decorator):
                self.found = (node, decorator)


def asset_at(module: cst.Module, line: int) -> tuple[cst.FunctionDef, cst.Decorator] | None:
    visitor = AssetAt(line)
    cst.metadata.MetadataWrapper(module, unsafe_skip_copy=True).visit(visitor)
    return visitor.found


def has_keyword(decorator: cst.Decorator, name: str) -> bool:
    call = decorator.decorator
    return isinstance(call, cst.Call) and any(
        a.keyword is not None and a.keyword.value == name for a in call.args
    )


class _Decorated(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self) -> None:
        self.assets: dict[int, tuple[frozenset[str], str]] = {}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            if asset_decorator(decorator):
                call = decorator.decorator
                args = call.args if isinstance(call, cst.Call) else ()
                keywords = frozenset(a.keyword.value for a in args if a.keyword is not None)
                start = self.get_metadata(cst.metadata.PositionProvider, decorator).start
                self.assets[start.line] = (keywords, kind_of(node))


@functools.lru_cache(maxsize=256)  # a review asks once per asset: a file parses once
def decorated_assets(text: str) -> dict[int, tuple[frozenset[str], str]]:
    """The `@asset` decorators of a Python text by the line they start on: the keywords each
    passes and the kind of its function."""
    visitor = _Decorated()
    with contextlib.suppress(cst.ParserSyntaxError):
        cst.metadata.MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True).visit(visitor)
    return visitor.assets


def lacks(text: str, line: int, keyword: str) -> bool:
    """Whether an `@asset` decorator starts on `line` and does not pass `keyword`."""
    found = decorated_assets(text).get(line)
    return found is not None and keyword not in found[0]


def inferred_kind(text: str, line: int) -> str | None:
    """The kind to give the Python asset whose decorator starts on `line`; None when the line
    holds no `@asset` decorator without kinds (or the text does not parse)."""
    return decorated_assets(text)[line][1] if lacks(text, line, "kinds") else None
