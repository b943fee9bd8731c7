"""Schema check of one component file, as `dg check yaml` does it, with structured results.

Parsing keeps source positions (Dagster's own YAML loader), the attributes are validated against
the component type's JSON schema, and each error carries the attribute path and the file line.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from . import errors
from .project import ProjectInfo

_ADDITIONAL = re.compile(r"Additional properties are not allowed \('(.*?)' was unexpected\)")
_REQUIRED = re.compile(r"^'(.*?)' is a required property$")


def _file_schema() -> dict[str, Any] | None:
    """The top-level schema `dg check yaml` uses, when dagster-dg-core is installed."""
    try:
        from dagster_dg_core.check import COMPONENT_FILE_SCHEMA
    except ImportError:
        return None
    return COMPONENT_FILE_SCHEMA


def _instance_module(project: ProjectInfo, yaml_path: Path) -> str:
    rel = yaml_path.parent.resolve().relative_to(project.defs_root.resolve())
    return ".".join([project.defs_module, *rel.parts])


def _schema_for(project: ProjectInfo, yaml_path: Path, typename: str) -> dict[str, Any] | None:
    from dagster.components.component.component import Component
    from dagster_shared.seven import load_module_object

    qualified = (
        f"{_instance_module(project, yaml_path)}{typename}"
        if typename.startswith(".")
        else typename
    )
    module, _, name = qualified.rpartition(".")
    obj = load_module_object(module, name)
    if not (isinstance(obj, type) and issubclass(obj, Component)):
        raise TypeError(f"`{typename}` is not a component type")
    model = obj.get_model_cls()
    return model.model_json_schema() if model is not None else None


def _most_specific(error: Any) -> Any:
    """Descend into anyOf/oneOf failures towards the branch the value was meant for."""
    while error.context:
        same_type = [e for e in error.context if e.validator != "type"]
        pool = same_type or list(error.context)
        deepest = max(pool, key=lambda e: len(e.absolute_path))
        if len(deepest.absolute_path) <= len(error.absolute_path) and not same_type:
            break
        error = deepest
    return error


def _field_path(error: Any) -> tuple[list[Any], list[Any]]:
    """(path of the field the error is about, path of the closest node present in the file)."""
    path = list(error.absolute_path)
    match = _ADDITIONAL.match(error.message)
    if match:
        return [*path, match.group(1)], [*path, match.group(1)]
    match = _REQUIRED.match(error.message)
    if match:  # the field is missing: point at its parent in the file
        return [*path, match.group(1)], path
    return path, path


def _hint(error: Any) -> str | None:
    """The attribute a misspelt one was meant to be, or what a missing one is."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    properties = schema.get("properties") or {}
    match = _ADDITIONAL.match(error.message)
    if match:
        name = match.group(1)
        near = difflib.get_close_matches(name, list(properties), n=1, cutoff=0.6)
        if near:
            return f"`{name}` is not an attribute here: did you mean `{near[0]}`?"
        known = ", ".join(f"`{p}`" for p in list(properties)[:12])
        return f"`{name}` is not an attribute here" + (f"; it takes {known}." if known else ".")
    match = _REQUIRED.match(error.message)
    if match:
        name = match.group(1)
        about = (properties.get(name) or {}).get("description")
        return f"Add `{name}`: it is required" + (f" ({about.rstrip('.')})." if about else ".")
    return None


def check_file(
    project: ProjectInfo, yaml_path: Path, text: str | None = None
) -> list[dict[str, Any]]:
    """Errors of the component file at `yaml_path`, or of `text` as if it were its content."""
    from dagster_shared.yaml_utils import parse_yamls_with_source_position
    from jsonschema import Draft202012Validator

    rel = project.relative(yaml_path)
    if text is None:
        text = yaml_path.read_text(encoding="utf-8")
    try:
        documents = parse_yamls_with_source_position(text, filename=str(yaml_path))
    except Exception as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        return [
            errors.error(
                f"Invalid YAML: {problem}",
                kind="yaml",
                file=rel,
                line=(mark.line + 1) if mark is not None else None,
            )
        ]
    out: list[dict[str, Any]] = []
    for index, document in enumerate(documents):
        value = document.value

        def located(
            message: str, path: list[Any], at: list[Any] | None = None, doc=document, i=index
        ) -> dict[str, Any]:
            try:
                position, _trace = doc.source_position_tree.lookup_closest_and_path(
                    path if at is None else at, trace=None
                )
                line = position.start.line
            except Exception:
                line = None
            field = ".".join(str(p) for p in path[1:]) if path[:1] == ["attributes"] else None
            return errors.error(
                message, kind="schema", file=rel, line=line, field=field or None, defs_index=i
            )

        if not isinstance(value, dict):
            out.append(located("A component file must be a mapping with `type:`", []))
            continue
        file_schema = _file_schema()
        top_errors = (
            list(Draft202012Validator(file_schema).iter_errors(value)) if file_schema else []
        )
        for top in top_errors:
            out.append(located(top.message, *_field_path(top)))
        typename = value.get("type")
        if not isinstance(typename, str):
            out.append(located("A component file needs a `type:`", []))
        if top_errors or not isinstance(typename, str):
            continue
        try:
            schema = _schema_for(project, yaml_path, typename)
        except Exception as exc:
            located_error = located(f"Component type `{typename}` not found: {exc}", ["type"])
            located_error["hint"], located_error["causes"] = errors.type_not_found_hint(typename)
            out.append(located_error)
            continue
        if schema is None:
            continue
        validator = Draft202012Validator(schema)
        for raw in sorted(validator.iter_errors(value.get("attributes") or {}), key=str):
            err = _most_specific(raw)
            field, at = _field_path(err)
            entry = located(err.message, ["attributes", *field], ["attributes", *at])
            entry["hint"] = _hint(err)
            out.append(entry)
    return out
