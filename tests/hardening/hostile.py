"""Hostile values for every route, derived from the app's own routes and OpenAPI document, and a
snapshot of the files around a project to prove that nothing outside it changed."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

MARKER = Path(f"/tmp/pwned-{secrets.token_hex(6)}")  # no command of ours would make it
ESCAPE_LINK = "escape_link"  # a symlink in the project that leads out of it

ENCODED_TRAVERSAL = "%2e%2e%2f%2e%2e%2foutside"  # `../../outside` once a URL is decoded
THROUGH_LINK = f"{ESCAPE_LINK}/planted.txt"
# Values that try to reach outside the project: every one must be refused (4xx).
TRAVERSALS = [
    "..",
    "../../outside",
    ENCODED_TRAVERSAL,
    "/etc/passwd",
    THROUGH_LINK,
    "a\x00b",
    "n" * 5000,
]
# Fields that name a git ref, a package or a URL, not a file: for them the encoded traversal
# (a body is not URL-decoded) and a path through a link are ordinary names.
NOT_FILES = re.compile(r"(^|_)(name|branch|ref|remote|package|url)$")
# Values a shell or a command line would read as code or options: never run, never a 5xx.
INJECTIONS = [
    f"--upload-pack=touch {MARKER}",
    "-rf",
    f"; touch {MARKER}",
    f"$(touch {MARKER})",
    f"`touch {MARKER}`",
]
# The body fields that name a file, a path, a name, a ref, a package or a URL.
NAMING = re.compile(r"(^|_)(file|path|paths|name|branch|ref|remote|package|url|from|to)$")


@dataclass(frozen=True)
class BodyField:
    method: str
    path: str  # as the document writes it
    name: str
    is_list: bool
    template: dict[str, Any]  # the other required fields, filled in


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _types(document: dict, schema: dict) -> set[str]:
    schema = _resolve(document, schema)
    if "anyOf" in schema:
        return set().union(*(_types(document, s) for s in schema["anyOf"]))
    if schema.get("type") == "array":
        return {f"array<{t}>" for t in _types(document, schema.get("items", {}))}
    return {schema.get("type", "")}


def _filler(types: set[str]) -> Any:
    for kind, value in (("string", "x"), ("integer", 1), ("boolean", False), ("object", {})):
        if kind in types:
            return value
    return []


def naming_fields(document: dict) -> list[BodyField]:
    """Every string (or list of strings) field of a JSON body whose name says it names
    something, with a body that fills the operation's other required fields."""
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = _resolve(document, content["application/json"]["schema"])
            properties = schema.get("properties", {})
            kinds = {name: _types(document, s) for name, s in properties.items()}
            template = {n: _filler(kinds[n]) for n in schema.get("required", [])}
            for name, types in sorted(kinds.items()):
                if NAMING.search(name) and types & {"string", "array<string>"}:
                    is_list = "string" not in types
                    found.append(BodyField(method.upper(), path, name, is_list, template))
    return found


def body_traversals(field: BodyField) -> list[str]:
    """The traversals that are one for this body field."""
    ordinary = (
        {ENCODED_TRAVERSAL, THROUGH_LINK} if NOT_FILES.search(field.name) else {ENCODED_TRAVERSAL}
    )
    return [value for value in TRAVERSALS if value not in ordinary]


def path_variants(value: str) -> list[str]:
    """A value as a path segment: wholly percent-encoded, and with its slashes kept unless it
    holds a `.`/`..` segment, which a client resolves before sending (`x/defs/..` is `x`)."""
    if value == ENCODED_TRAVERSAL:
        return [value]  # encoded already: the server decodes it once
    variants = {quote(value, safe="").replace(".", "%2E")}
    if not {".", ".."} & set(value.split("/")):
        variants.add(quote(value, safe="/"))
    return sorted(variants)


def snapshot(root: Path, skip: set[Path]) -> dict[str, tuple[int, int]]:
    """Every entry under `root` but `skip` (and what is under them): (size, mtime in ns); a
    folder's own are left out, as they change with what is in it (checked entry by entry)."""
    entries: dict[str, tuple[int, int]] = {}
    pending = [root]
    while pending:
        folder = pending.pop()
        for entry in folder.iterdir():
            if entry in skip:
                continue
            info = entry.lstat()
            is_folder = entry.is_dir() and not entry.is_symlink()
            entries[str(entry.relative_to(root))] = (
                (0, 0) if is_folder else (info.st_size, info.st_mtime_ns)
            )
            if is_folder:
                pending.append(entry)
    return entries
