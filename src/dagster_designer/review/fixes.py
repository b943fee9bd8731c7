"""The fixes, as lossless edits: each changes only the lines it must and returns the new texts
by file. A literal secret moves into `.env` and is referenced from there; an asset gets the
keyword (kinds, group, owners) it lacks in its decorator, or, when a YAML component instance
produces it, a `post_processing` rule in the instance's defs.yaml."""

from __future__ import annotations

import re

import libcst as cst

from ..edits.yaml_attributes import YamlEditError
from ..edits.yaml_post_processing import add_asset_attribute
from .kinds import asset_at, has_keyword, inferred_kind
from .secrets import find


class FixError(ValueError):
    """The finding has no fix, or the file no longer holds what the fix would change."""


def env_with(env_text: str | None, name: str, value: str) -> tuple[str, str]:
    """`.env` with `name=value` appended (created when absent), and the name used: an existing
    entry with the same value is reused, another value gets a numbered name."""
    text = env_text or ""
    entries = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    chosen, n = name, 1
    while chosen in entries and entries[chosen].strip().strip("\"'") != value:
        n += 1
        chosen = f"{name}_{n}"
    if entries.get(chosen, "").strip().strip("\"'") == value:
        return text, chosen
    if text and not text.endswith("\n"):
        text += "\n"
    return f"{text}{chosen}={value}\n", chosen


def _replace_in_yaml(line: str, value: str, name: str) -> str:
    quoted = re.search(rf"""(["']){re.escape(value)}\1""", line)
    start = quoted.start() if quoted else line.rindex(value)
    end = quoted.end() if quoted else start + len(value)
    return f'{line[:start]}"{{{{ env.{name} }}}}"{line[end:]}'


class _SecretLiteral(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, line: int, value: str, name: str) -> None:
        self.line, self.value, self.name, self.done = line, value, name, False

    def leave_SimpleString(
        self, original: cst.SimpleString, updated: cst.SimpleString
    ) -> cst.BaseExpression:
        start = self.get_metadata(cst.metadata.PositionProvider, original).start
        if self.done or start.line != self.line or original.evaluated_value != self.value:
            return updated
        self.done = True
        return cst.parse_expression(f'dg.EnvVar("{self.name}")')


def _replace_in_python(text: str, line: int, value: str, name: str) -> str:
    wrapper = cst.metadata.MetadataWrapper(cst.parse_module(text))
    change = _SecretLiteral(line, value, name)
    module = wrapper.visit(change)
    if not change.done:
        raise FixError(f"Line {line} holds no string literal with the secret.")
    out = module.code
    if re.search(r"^import dagster as dg\b", out, re.M):
        return out
    # the import goes before the first other import (after a docstring and __future__)
    lines = out.splitlines(keepends=True)
    at = next(
        (
            i
            for i, row in enumerate(lines)
            if row.startswith(("import ", "from ")) and not row.startswith("from __future__")
        ),
        0,
    )
    return "".join([*lines[:at], "import dagster as dg\n", *lines[at:]])


def move_secret(file: str, text: str, line: int, env_text: str | None) -> dict[str, str]:
    """The new texts of `file` and `.env` with the literal secret on `line` moved to `.env`."""
    secret = next((s for s in find(text) if s.line == line and s.value), None)
    if secret is None or secret.value is None:
        raise FixError(f"{file} holds no movable secret on line {line}.")
    new_env, name = env_with(env_text, secret.name, secret.value)
    if file.endswith(".py"):
        new_text = _replace_in_python(text, line, secret.value, name)
    else:
        lines = text.splitlines(keepends=True)
        body = lines[line - 1]
        ending = body[len(body.rstrip("\r\n")) :]
        lines[line - 1] = _replace_in_yaml(body.rstrip("\r\n"), secret.value, name) + ending
        new_text = "".join(lines)
    return {file: new_text, ".env": new_env}


def with_keyword(call: cst.Call, name: str, value: str) -> cst.Call:
    """`call` with `name=value` as its first argument, followed as the call lays out its
    arguments: on a line of its own when they are one a line, inline otherwise."""
    if any(a.keyword is None and not a.star for a in call.args):
        raise FixError("The decorator takes a positional argument: add the keyword by hand.")
    space = call.whitespace_before_args
    if isinstance(space, cst.SimpleWhitespace):
        space = cst.SimpleWhitespace(" ")
    arg = cst.Arg(
        value=cst.parse_expression(value),
        keyword=cst.Name(name),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        comma=cst.Comma(whitespace_after=space) if call.args else cst.MaybeSentinel.DEFAULT,
    )
    return call.with_changes(args=[arg, *call.args])


class _Keyword(cst.CSTTransformer):
    def __init__(self, decorator: cst.Decorator, name: str, value: str) -> None:
        self.decorator, self.name, self.value = decorator, name, value

    def leave_Decorator(self, original: cst.Decorator, updated: cst.Decorator) -> cst.Decorator:
        if original is not self.decorator:
            return updated
        call = updated.decorator
        if not isinstance(call, cst.Call):
            call = cst.Call(func=call)
        return updated.with_changes(decorator=with_keyword(call, self.name, self.value))


def add_asset_keyword(file: str, text: str, line: int, name: str, value: str) -> dict[str, str]:
    """The new text of `file` with `name=value` in the `@asset` decorator starting on `line`."""
    module = cst.parse_module(text)
    found = asset_at(text, module, line) if file.endswith(".py") else None
    if found is None:
        raise FixError(f"{file} holds no @asset decorator on line {line}.")
    if has_keyword(found[1], name):
        raise FixError(f"The asset on line {line} of {file} already sets {name}.")
    return {file: module.visit(_Keyword(found[1], name, value)).code}


def add_kinds(file: str, text: str, line: int) -> dict[str, str]:
    """The new text of `file` with the kind inferred for the asset on `line` in its decorator."""
    kind = inferred_kind(text, line) if file.endswith(".py") else None
    if kind is None:
        raise FixError(f"{file} holds no asset without kinds on line {line}.")
    return add_asset_keyword(file, text, line, "kinds", f'{{"{kind}"}}')


def add_group(file: str, text: str, line: int, group: str) -> dict[str, str]:
    """The new text of `file` with `group_name=group` in the decorator on `line`."""
    return add_asset_keyword(file, text, line, "group_name", f'"{group}"')


class _Selection(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (cst.metadata.PositionProvider,)

    def __init__(self, line: int, selection: str) -> None:
        self.line, self.selection, self.done = line, selection, False

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        if self.done or original.keyword is None or original.keyword.value != "selection":
            return updated
        if self.get_metadata(cst.metadata.PositionProvider, original).start.line < self.line:
            return updated
        self.done = True
        return updated.with_changes(value=cst.SimpleString(f'"{self.selection}"'))


def select_group(file: str, text: str, line: int, group: str) -> dict[str, str]:
    """The new text of `file` with the first `selection=` from `line` on (the job written
    there) replaced by the group's selection."""
    if not file.endswith(".py"):
        raise FixError(f"{file} is no Python file: write the selection by hand.")
    change = _Selection(line, f"group:{group}")
    module = cst.metadata.MetadataWrapper(cst.parse_module(text)).visit(change)
    if not change.done:
        raise FixError(f"The job on line {line} of {file} passes no selection= keyword.")
    return {file: module.code}


def add_owners(file: str, text: str, line: int, owner: str) -> dict[str, str]:
    """The new text of `file` with `owners=[owner]` in the decorator on `line`."""
    return add_asset_keyword(file, text, line, "owners", f'["{owner}"]')


# The asset attribute of `post_processing` each rule's fix writes.
ATTRIBUTES = {"kinds": "kinds", "group": "group_name", "owners": "owners"}


def give_instance_assets(
    file: str, text: str, index: int, target: str, rule: str, value: str
) -> dict[str, str]:
    """The new text of the defs.yaml `file` with document `index` giving the assets `target`
    selects the attribute `rule` wants (`value`, a list's one item for kinds and owners)."""
    name = ATTRIBUTES[rule]
    try:
        new = add_asset_attribute(text, index, target, name, value if rule == "group" else [value])
    except YamlEditError as exc:
        raise FixError(f"{file}: {exc}") from exc
    return {file: new}
