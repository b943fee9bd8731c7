"""Lossless edits of the dependencies of Dagster @asset functions in Python source.

libcst keeps every byte of the source in its tree, so an edit replaces only the decorator it
changes (and, for a key with several parts, at most one import): comments, formatting and
unrelated code stay exactly as written. Keys are user strings as `dg list defs` prints them,
parts joined with "/" ("raw/orders").
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper, PositionProvider

_Key = tuple[str, ...]
_Gap = cst.BaseParenthesizableWhitespace
_Item = TypeVar("_Item", cst.BaseElement, cst.Arg, cst.ImportAlias)
_Brackets = cst.List | cst.Tuple

_NO_SPACE = cst.SimpleWhitespace("")
_SPACE = cst.SimpleWhitespace(" ")
# Dagster takes a first parameter spelled like this as the context, not as an input.
_CONTEXT_NAMES = frozenset({"_", "context", "_context", "context_"})
_MULTI_ASSETS = frozenset({"multi_asset", "graph_multi_asset"})
# Objects accepted in deps= that wrap a key, with the keyword their key can be passed as.
_KEY_WRAPPERS = {"AssetDep": "asset", "AssetSpec": "key", "SourceAsset": "key"}


class DepsEditError(ValueError):
    """Why the edit cannot be made, in words a user can act on."""


def asset_keys_in(source: str) -> dict[str, int]:
    """Asset keys defined by @asset functions in the module -> line of the decorator.

    Assets whose key is computed (`key=KEY`) cannot be read and are left out.
    """
    return {_user(a.key): a.line for a in _parse(source).assets if a.key is not None}


def add_dep(source: str, asset_key: str, dep_key: str) -> str:
    """Source with dep_key added to the deps of the @asset whose key is asset_key.

    No-op (same text) if already a dependency (in deps= or as a parameter).
    """
    module = _parse(source)
    asset, dep = _target(module, asset_key, dep_key)
    if dep in _input_keys(asset, module.imports):
        return source
    listed = _listed_deps(asset, asset_key)
    if listed is not None and dep in _entry_keys(listed, module):
        return source
    code, body = _dep_code(dep, asset, module)
    element = cst.Element(cst.parse_expression(code))
    value = cst.List([element]) if listed is None else _appended(listed, element)
    return _edited(module, body, asset, _with_deps(asset.decorator, value))


def remove_dep(source: str, asset_key: str, dep_key: str) -> str:
    """Source with dep_key removed from the asset's deps= list.

    An emptied deps= argument is removed, and so are the parentheses of a decorator left without
    arguments. Raises DepsEditError if the dependency comes from a function parameter or is not
    there.
    """
    module = _parse(source)
    asset, dep = _target(module, asset_key, dep_key)
    parameter = _input_keys(asset, module.imports).get(dep)
    if parameter is not None:
        raise DepsEditError(
            f"'{dep_key}' is an input of '{asset_key}' through the parameter `{parameter}` of "
            f"{asset.function.name.value}(); removing it changes the function's signature and "
            "body, so edit it by hand."
        )
    listed = _listed_deps(asset, asset_key)
    keys = [] if listed is None else _entry_keys(listed, module)
    indexes = [index for index, key in enumerate(keys) if key == dep]
    if listed is None or not indexes:
        raise DepsEditError(_not_listed(dep_key, asset_key, listed, keys))
    if len(indexes) == len(keys):
        decorator = _without_deps(asset.decorator)
    else:
        decorator = _with_deps(asset.decorator, _removed(listed, indexes))
    return _edited(module, list(module.tree.body), asset, decorator)


# --- reading the module ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Imports:
    """How the module names dagster: `import dagster as dg`, `from dagster import asset`."""

    modules: tuple[str, ...]  # local names of the dagster module
    names: dict[str, str]  # local name -> dagster attribute (`AssetKey as AK`: AK -> AssetKey)
    star: bool  # `from dagster import *`

    def resolve(self, node: cst.BaseExpression) -> str | None:
        """The dagster attribute an expression names (`dg.asset` -> "asset"), if any."""
        if isinstance(node, cst.Name):
            return self.names.get(node.value, node.value if self.star else None)
        if (
            isinstance(node, cst.Attribute)
            and isinstance(node.value, cst.Name)
            and node.value.value in self.modules
        ):
            return node.attr.value
        return None

    def spelling(self, attribute: str) -> str | None:
        """How the module can refer to a dagster attribute without a new import."""
        for local, name in self.names.items():
            if name == attribute:
                return local
        if self.star:
            return attribute
        return f"{self.modules[0]}.{attribute}" if self.modules else None


@dataclass(frozen=True)
class _Asset:
    function: cst.FunctionDef
    decorator: cst.Decorator
    key: _Key | None  # None when key=, name= or key_prefix= is computed
    line: int  # of the decorator
    index: int  # of the function in the module body


@dataclass(frozen=True)
class _Module:
    tree: cst.Module
    imports: _Imports
    assets: tuple[_Asset, ...]
    multi_assets: tuple[str, ...]  # function names, only to explain that they are out of scope

    @property
    def functions(self) -> dict[str, _Key]:
        """Keys by the name of the function defining them: how `deps=[fn]` refers to them."""
        return {a.function.name.value: a.key for a in self.assets if a.key is not None}


class _ImportCollector(cst.CSTVisitor):
    """Imports that bind module-level names: all but those in function and class bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.Import | cst.ImportFrom] = []

    def visit_Import(self, node: cst.Import) -> None:
        self.found.append(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.found.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False


def _parse(source: str) -> _Module:
    try:
        tree = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        raise DepsEditError(
            f"The file is not valid Python (line {exc.raw_line}): {exc.message}"
        ) from exc
    imports = _imports(tree)
    positions = MetadataWrapper(tree, unsafe_skip_copy=True).resolve(PositionProvider)
    assets: list[_Asset] = []
    multi_assets: list[str] = []
    for index, statement in enumerate(tree.body):
        if not isinstance(statement, cst.FunctionDef):
            continue
        for decorator in statement.decorators:
            kind = imports.resolve(_call(decorator).func)
            if kind == "asset":
                key = _asset_key(statement, decorator, imports)
                line = positions[decorator].start.line
                assets.append(_Asset(statement, decorator, key, line, index))
            elif kind in _MULTI_ASSETS:
                multi_assets.append(statement.name.value)
    return _Module(tree, imports, tuple(assets), tuple(multi_assets))


def _imports(tree: cst.Module) -> _Imports:
    collector = _ImportCollector()
    tree.visit(collector)
    modules: list[str] = []
    names: dict[str, str] = {}
    star = False
    for node in collector.found:
        if isinstance(node, cst.Import):
            modules += [
                alias.evaluated_alias or "dagster"
                for alias in node.names
                if alias.evaluated_name == "dagster"
                # `import dagster.x` binds `dagster` too, unless it is renamed
                or (alias.evaluated_name.startswith("dagster.") and alias.asname is None)
            ]
        elif _is_dagster_from(node):
            if isinstance(node.names, cst.ImportStar):
                star = True
            else:
                names.update(
                    {a.evaluated_alias or a.evaluated_name: a.evaluated_name for a in node.names}
                )
    return _Imports(tuple(modules), names, star)


def _is_dagster_from(node: cst.ImportFrom) -> bool:
    module = node.module
    return not node.relative and module is not None and get_full_name_for_node(module) == "dagster"


def _asset_key(
    function: cst.FunctionDef, decorator: cst.Decorator, imports: _Imports
) -> _Key | None:
    call = _call(decorator)
    key = _argument(call, None, "key")
    if key is not None:
        return _key_of(key, imports, {})
    name = _argument(call, None, "name")
    text = function.name.value if name is None else _string(name)
    prefix = _argument(call, None, "key_prefix")
    parts = () if prefix is None else _parts(prefix)
    return None if text is None or parts is None else (*parts, text)


def _target(module: _Module, asset_key: str, dep_key: str) -> tuple[_Asset, _Key]:
    key, dep = _key(asset_key), _key(dep_key)
    matches = [a for a in module.assets if a.key == key]
    if not matches:
        raise DepsEditError(_not_defined(asset_key, module))
    if len(matches) > 1:
        lines = ", ".join(str(a.line) for a in matches)
        raise DepsEditError(f"'{asset_key}' is defined more than once here (lines {lines}).")
    if dep == key:
        raise DepsEditError(f"'{asset_key}' cannot depend on itself.")
    return matches[0], dep


def _input_keys(asset: _Asset, imports: _Imports) -> dict[_Key, str]:
    """Keys the asset takes as inputs -> parameter name: Dagster makes these deps too."""
    # Only plain positional-or-keyword parameters become inputs, as in Dagster.
    params = list(asset.function.params.params)
    if params and params[0].name.value in _CONTEXT_NAMES:
        params = params[1:]
    names = [p.name.value for p in params if p.name.value != "config" and not _is_resource(p)]
    ins = _ins(_call(asset.decorator))
    names += [name for name in ins if name not in names]
    keys = {name: _input_key(name, ins.get(name), imports) for name in names}
    return {key: name for name, key in keys.items() if key is not None}


def _is_resource(param: cst.Param) -> bool:
    # Dagster recognizes resources by their annotated class, which cannot be imported here;
    # resource classes (and ResourceParam[...]) carry "Resource" in their name by convention.
    return param.annotation is not None and "Resource" in _code(param.annotation.annotation)


def _ins(call: cst.Call) -> dict[str, cst.BaseExpression]:
    value = _argument(call, None, "ins")
    if not isinstance(value, cst.Dict):
        return {}
    return {
        name: element.value
        for element in value.elements
        if isinstance(element, cst.DictElement) and (name := _string(element.key)) is not None
    }


def _input_key(name: str, asset_in: cst.BaseExpression | None, imports: _Imports) -> _Key | None:
    if not (isinstance(asset_in, cst.Call) and imports.resolve(asset_in.func) == "AssetIn"):
        return (name,)
    key = _argument(asset_in, 0, "key")
    if key is not None:
        return _key_of(key, imports, {})
    prefix = _argument(asset_in, 2, "key_prefix")
    parts = () if prefix is None else _parts(prefix)
    return None if parts is None else (*parts, name)


def _listed_deps(asset: _Asset, asset_key: str) -> _Brackets | None:
    value = _argument(_call(asset.decorator), None, "deps")
    if value is None or isinstance(value, _Brackets):
        return value
    raise DepsEditError(
        f"The deps of '{asset_key}' are computed (deps={_code(value)}); edit them by hand."
    )


def _entry_keys(listed: _Brackets, module: _Module) -> list[_Key | None]:
    functions = module.functions
    return [
        _key_of(e.value, module.imports, functions) if isinstance(e, cst.Element) else None
        for e in listed.elements
    ]


def _key_of(
    node: cst.BaseExpression | None, imports: _Imports, functions: dict[str, _Key]
) -> _Key | None:
    """The asset key an expression denotes, if it can be read without running the code."""
    if isinstance(node, cst.Name):
        return functions.get(node.value)
    if isinstance(node, cst.Call):
        return _call_key(node, imports, functions)
    return _parts(node)


def _call_key(call: cst.Call, imports: _Imports, functions: dict[str, _Key]) -> _Key | None:
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value == "from_user_string":
        is_key = imports.resolve(func.value) == "AssetKey"
        text = _string(_argument(call, 0, "asset_key_string")) if is_key else None
        return None if text is None else tuple(text.split("/"))
    kind = imports.resolve(func)
    if kind == "AssetKey":
        return _parts(_argument(call, 0, "path"))
    if kind in _KEY_WRAPPERS:
        return _key_of(_argument(call, 0, _KEY_WRAPPERS[kind]), imports, functions)
    return None


def _parts(node: cst.BaseExpression | None) -> _Key | None:
    """Parts of a key written as a string (one part: not split on "/") or a list of strings."""
    text = _string(node)
    if text is not None:
        return (text,)
    if not isinstance(node, _Brackets):
        return None
    parts: list[str] = []
    for element in node.elements:
        part = _string(element.value) if isinstance(element, cst.Element) else None
        if part is None:
            return None
        parts.append(part)
    return tuple(parts)


def _string(node: cst.BaseExpression | None) -> str | None:
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def _call(decorator: cst.Decorator) -> cst.Call:
    """The decorator as a call: `@dg.asset` is treated as `@dg.asset()`."""
    node = decorator.decorator
    return node if isinstance(node, cst.Call) else cst.Call(func=node)


def _argument(call: cst.Call, position: int | None, keyword: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg.value
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    if position is not None and position < len(positional):
        return positional[position]
    return None


# --- writing ----------------------------------------------------------------------------------


def _dep_code(dep: _Key, asset: _Asset, module: _Module) -> tuple[str, list[cst.BaseStatement]]:
    """How the new deps entry is written, and the module body with any import it needs."""
    body = list(module.tree.body)
    # Decorator arguments are evaluated when `def` runs: only functions above can be named.
    for other in module.assets:
        if other.key == dep and other.index < asset.index:
            return other.function.name.value, body
    quote = _quote_char(module.tree)
    if len(dep) == 1:
        return _quoted(dep[0], quote), body
    # A string is a single part in deps=, so a key with several parts must be an AssetKey.
    name = module.imports.spelling("AssetKey")
    if name is None:
        name, body = _import_asset_key(body)
    return f"{name}([{', '.join(_quoted(part, quote) for part in dep)}])", body


def _quote_char(tree: cst.Module) -> str:
    """The quote of the file's first one-line string, so new strings look like the others."""
    for node in m.findall(tree, m.SimpleString()):
        if isinstance(node, cst.SimpleString) and len(node.quote) == 1:
            return node.quote
    return '"'


def _quoted(text: str, quote: str) -> str:
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def _import_asset_key(body: list[cst.BaseStatement]) -> tuple[str, list[cst.BaseStatement]]:
    """Make AssetKey importable: join an existing `from dagster import`, else import dagster."""
    for index, statement in enumerate(body):
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for position, small in enumerate(statement.body):
            if (
                isinstance(small, cst.ImportFrom)
                and _is_dagster_from(small)
                and not isinstance(small.names, cst.ImportStar)
            ):
                smalls = list(statement.body)
                smalls[position] = _with_imported(small, small.names, "AssetKey")
                body[index] = statement.with_changes(body=smalls)
                return "AssetKey", body
    lines = [i + 1 for i, statement in enumerate(body) if _is_import_line(statement)]
    body.insert(
        max(lines, default=_docstring_end(body)), cst.parse_statement("import dagster as dg\n")
    )
    return "dg.AssetKey", body


def _is_import_line(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, cst.Import | cst.ImportFrom) for small in statement.body
    )


def _docstring_end(body: list[cst.BaseStatement]) -> int:
    first = body[0] if body else None
    is_docstring = isinstance(first, cst.SimpleStatementLine) and m.matches(
        first.body[0], m.Expr(m.SimpleString() | m.ConcatenatedString())
    )
    return 1 if is_docstring else 0


def _with_imported(
    node: cst.ImportFrom, aliases: Sequence[cst.ImportAlias], name: str
) -> cst.ImportFrom:
    """The import with one more name, in isort's place if the names are sorted."""
    order = [_isort_key(alias.evaluated_name) for alias in aliases]
    index = bisect.bisect(order, _isort_key(name)) if order == sorted(order) else len(order)
    opening = node.lpar.whitespace_after if node.lpar else _NO_SPACE
    closing = node.rpar.whitespace_before if node.rpar else _NO_SPACE
    seq = _insert(_split(list(aliases), opening, closing), index, cst.ImportAlias(cst.Name(name)))
    names, opening, closing = _join(seq)
    if node.lpar is None or node.rpar is None:
        return node.with_changes(names=names)
    return node.with_changes(
        names=names,
        lpar=node.lpar.with_changes(whitespace_after=opening),
        rpar=node.rpar.with_changes(whitespace_before=closing),
    )


def _isort_key(name: str) -> tuple[int, str, str]:
    # isort's (and ruff's) default: CONSTANTS, then Classes, then functions, case-insensitively.
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower(), name


def _edited(
    module: _Module, body: list[cst.BaseStatement], asset: _Asset, decorator: cst.Decorator
) -> str:
    index = next(i for i, statement in enumerate(body) if statement is asset.function)
    decorators = [decorator if d is asset.decorator else d for d in asset.function.decorators]
    body[index] = asset.function.with_changes(decorators=decorators)
    return module.tree.with_changes(body=body).code


def _with_deps(decorator: cst.Decorator, value: _Brackets) -> cst.Decorator:
    """The decorator with `deps=value`: replacing its deps= argument, else as the last one."""
    call = _call(decorator)
    if _argument(call, None, "deps") is not None:
        args = [a.with_changes(value=value) if _is_deps(a) else a for a in call.args]
        return decorator.with_changes(decorator=call.with_changes(args=args))
    arg = cst.Arg(value, keyword=cst.Name("deps"), equal=cst.AssignEqual(_NO_SPACE, _NO_SPACE))
    seq = _insert(_call_seq(call), len(call.args), arg)
    return decorator.with_changes(decorator=_with_call_seq(call, seq))


def _without_deps(decorator: cst.Decorator) -> cst.Decorator:
    call = _call(decorator)
    if len(call.args) == 1:
        return decorator.with_changes(decorator=call.func)  # `@dg.asset`, as it is usually written
    index = next(i for i, arg in enumerate(call.args) if _is_deps(arg))
    return decorator.with_changes(decorator=_with_call_seq(call, _remove(_call_seq(call), index)))


def _is_deps(arg: cst.Arg) -> bool:
    return arg.keyword is not None and arg.keyword.value == "deps"


def _appended(listed: _Brackets, element: cst.Element) -> _Brackets:
    return _with_bracket_seq(listed, _insert(_bracket_seq(listed), len(listed.elements), element))


def _removed(listed: _Brackets, indexes: Sequence[int]) -> _Brackets:
    seq = _bracket_seq(listed)
    for index in sorted(indexes, reverse=True):
        seq = _remove(seq, index)
    return _with_bracket_seq(listed, seq)


def _not_defined(asset_key: str, module: _Module) -> str:
    keys = ", ".join(sorted(f"'{_user(a.key)}'" for a in module.assets if a.key is not None))
    message = f"No @asset in this file has the key '{asset_key}' (defined here: {keys or 'none'})."
    computed = [a.function.name.value for a in module.assets if a.key is None]
    if computed:
        message += f" The keys of {', '.join(computed)} are computed and cannot be read."
    if module.multi_assets:
        message += (
            f" @multi_asset functions ({', '.join(module.multi_assets)}) are out of scope: "
            "edit their deps by hand."
        )
    return message


def _not_listed(
    dep_key: str, asset_key: str, listed: _Brackets | None, keys: list[_Key | None]
) -> str:
    message = f"'{dep_key}' is not among the deps of '{asset_key}'."
    unread = (
        []
        if listed is None
        else [e for e, key in zip(listed.elements, keys, strict=True) if key is None]
    )
    if unread:
        entries = ", ".join(_code(e.with_changes(comma=cst.MaybeSentinel.DEFAULT)) for e in unread)
        message += f" It may come from entries that are computed ({entries}): edit them by hand."
    return message


def _user(key: _Key) -> str:
    return "/".join(key)


def _key(user_string: str) -> _Key:
    parts = tuple(user_string.split("/"))
    if not all(parts):
        raise DepsEditError(f"'{user_string}' is not an asset key.")
    return parts


def _code(node: cst.CSTNode) -> str:
    """Source of a node on one line, for messages."""
    return " ".join(cst.Module([]).code_for_node(node).split())


# --- comma-separated sequences ------------------------------------------------------------------


@dataclass(frozen=True)
class _Seq(Generic[_Item]):
    """Items between brackets, seen with the gaps around them.

    gaps[k] is the whitespace before items[k] (gaps[0] follows the opening bracket) and gaps[-1]
    the whitespace before the closing one. Line breaks, indentation and comments live in these
    gaps, so edits split and merge gaps instead of rewriting text. The first line of a gap ends
    the previous item's line (with its comment); the rest leads to the next item.
    """

    items: list[_Item]
    gaps: list[_Gap]
    trailing_comma: bool


def _split(items: list[_Item], opening: _Gap, closing: _Gap) -> _Seq[_Item]:
    trailing = bool(items) and isinstance(items[-1].comma, cst.Comma)
    after_trailing = _comma_gap(items[-1]) if trailing else _NO_SPACE
    # libcst keeps the whitespace after a trailing comma either in the comma (calls, imports) or
    # before the bracket (lists, tuples), never in both: either way it is the closing gap.
    if not (isinstance(after_trailing, cst.SimpleWhitespace) and not after_trailing.value):
        closing = after_trailing
    return _Seq(items, [opening, *(_comma_gap(item) for item in items[:-1]), closing], trailing)


def _comma_gap(item: _Item) -> _Gap:
    return item.comma.whitespace_after if isinstance(item.comma, cst.Comma) else _NO_SPACE


def _join(seq: _Seq[_Item]) -> tuple[list[_Item], _Gap, _Gap]:
    """Items with their commas, the gap after the opening bracket and before the closing one."""
    last = len(seq.items) - 1
    items = [
        item.with_changes(comma=_comma(item, seq.gaps[k + 1]))
        if k < last
        else item.with_changes(
            comma=_comma(item, _NO_SPACE) if seq.trailing_comma else cst.MaybeSentinel.DEFAULT
        )
        for k, item in enumerate(seq.items)
    ]
    return items, seq.gaps[0], seq.gaps[-1]


def _comma(item: _Item, after: _Gap) -> cst.Comma:
    before = item.comma.whitespace_before if isinstance(item.comma, cst.Comma) else _NO_SPACE
    return cst.Comma(whitespace_before=before, whitespace_after=after)


def _insert(seq: _Seq[_Item], index: int, item: _Item) -> _Seq[_Item]:
    """Insert in the style of its neighbours: on its own line if they are, else after `, `."""
    items, gaps = seq.items, seq.gaps
    if not items:
        return replace(seq, items=[item])
    gap = gaps[index]
    # The gap that shows how items are separated: the one being split, or at the end the one
    # before the last item (the closing gap only shows how the bracket is placed).
    model = gap if index < len(items) else gaps[-2]
    if isinstance(model, cst.ParenthesizedWhitespace):
        head = gap.first_line if isinstance(gap, cst.ParenthesizedWhitespace) else None
        before: _Gap = model.with_changes(
            first_line=head or cst.TrailingWhitespace(), empty_lines=[]
        )
        after = (
            gap.with_changes(first_line=cst.TrailingWhitespace())
            if isinstance(gap, cst.ParenthesizedWhitespace)
            else gap
        )
    elif index < len(items):
        before, after = gap, _SPACE
    else:
        before, after = _SPACE, gap
    return replace(
        seq,
        items=[*items[:index], item, *items[index:]],
        gaps=[*gaps[:index], before, after, *gaps[index + 1 :]],
    )


def _remove(seq: _Seq[_Item], index: int) -> _Seq[_Item]:
    """Remove an item (of at least two) with its line or its `, `, keeping others' comments."""
    items, gaps = seq.items, seq.gaps
    before, after = gaps[index], gaps[index + 1]
    if isinstance(before, cst.ParenthesizedWhitespace) and isinstance(
        after, cst.ParenthesizedWhitespace
    ):
        # Keep the comment ending the previous line and the comment lines above the next item;
        # the removed item's own end-of-line comment goes with it.
        merged: _Gap = after.with_changes(
            first_line=before.first_line, empty_lines=[*before.empty_lines, *after.empty_lines]
        )
    else:
        merged = before if index < len(items) - 1 else after
    return replace(
        seq,
        items=[*items[:index], *items[index + 1 :]],
        gaps=[*gaps[:index], merged, *gaps[index + 2 :]],
    )


def _bracket_seq(node: _Brackets) -> _Seq[cst.BaseElement]:
    if isinstance(node, cst.List):
        opening, closing = node.lbracket.whitespace_after, node.rbracket.whitespace_before
    else:  # the innermost parentheses are the tuple's own
        opening, closing = node.lpar[-1].whitespace_after, node.rpar[0].whitespace_before
    return _split(list(node.elements), opening, closing)


def _with_bracket_seq(node: _Brackets, seq: _Seq[cst.BaseElement]) -> _Brackets:
    if isinstance(node, cst.List):
        elements, opening, closing = _join(seq)
        return node.with_changes(
            elements=elements,
            lbracket=node.lbracket.with_changes(whitespace_after=opening),
            rbracket=node.rbracket.with_changes(whitespace_before=closing),
        )
    # `(a)` is not a tuple: a single element needs its trailing comma.
    seq = replace(seq, trailing_comma=seq.trailing_comma or len(seq.items) == 1)
    elements, opening, closing = _join(seq)
    lpar = [*node.lpar[:-1], node.lpar[-1].with_changes(whitespace_after=opening)]
    rpar = [node.rpar[0].with_changes(whitespace_before=closing), *node.rpar[1:]]
    return node.with_changes(elements=elements, lpar=lpar, rpar=rpar)


def _call_seq(call: cst.Call) -> _Seq[cst.Arg]:
    """The call's arguments; without a trailing comma the last one holds the gap before `)`."""
    args = list(call.args)
    closing: _Gap = _NO_SPACE
    if args and not isinstance(args[-1].comma, cst.Comma):
        closing = args[-1].whitespace_after_arg
        args[-1] = args[-1].with_changes(whitespace_after_arg=_NO_SPACE)
    return _split(args, call.whitespace_before_args, closing)


def _with_call_seq(call: cst.Call, seq: _Seq[cst.Arg]) -> cst.Call:
    args, opening, closing = _join(seq)
    last = args[-1]
    if isinstance(last.comma, cst.Comma):
        args[-1] = last.with_changes(comma=last.comma.with_changes(whitespace_after=closing))
    else:
        args[-1] = last.with_changes(whitespace_after_arg=closing)
    return call.with_changes(args=args, whitespace_before_args=opening)
