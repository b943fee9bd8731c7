"""Attributes that take a Dagster object, and the component instances that can fill them.

Some attributes are typed with an interface while YAML can only hold text: the Templated SQL
component's `connection` is a `SQLClient` that YAML reaches through a template,
`{{ context.load_component('<defs path>') }}`, which Dagster resolves to the component at that
path (for SQL, a `dagster_snowflake.SnowflakeConnectionComponent`, which implements `SQLClient`).
The JSON schema only says "string"; the component class says what it must be.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any

from .project import ProjectInfo

# Abstract classes that are containers or typing machinery, never something to fill in.
_NOT_INTERFACES = ("builtins", "abc", "typing", "collections.abc", "pydantic")


def qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_interface(cls: Any) -> bool:
    from dagster.components.component.component import Component

    return (
        inspect.isclass(cls)
        and inspect.isabstract(cls)
        and not issubclass(cls, Component)
        and not cls.__module__.startswith(_NOT_INTERFACES)
    )


def provides(cls: type) -> list[str]:
    """The interfaces (abstract classes, not component machinery) a component type implements."""
    return [qualified(c) for c in cls.__mro__[1:] if _is_interface(c)]


def _members(annotation: Any) -> list[Any]:
    """The types an annotation allows: Annotated and Optional/Union unwrapped."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _members(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def object_fields(cls: type) -> dict[str, str]:
    """Top-level attributes of a component type that expect an object: field -> interface."""
    model = cls.get_model_cls() if hasattr(cls, "get_model_cls") else None
    if model is None:
        return {}
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except Exception:  # annotations that do not evaluate: nothing to offer
        return {}
    found = {}
    for name in getattr(model, "model_fields", {}):
        interfaces = [m for m in _members(hints.get(name)) if _is_interface(m)]
        if interfaces:
            found[name] = qualified(interfaces[0])
    return found


def fills(project: ProjectInfo, tree: Any, typename: str) -> dict[str, Any]:
    """For each object attribute of `typename`, the interface it expects and the project's
    instances that implement it (each usable as `{{ context.load_component('<path>') }}`)."""
    from dagster_shared.seven import load_module_object

    from . import loader, positions
    from .sites import component_file

    module, _, name = typename.rpartition(".")
    cls = load_module_object(module, name)
    fields = object_fields(cls)
    instances: dict[str, dict[str, Any]] = {}
    for rel, index, _depth, _defs, component in loader.locations(project, tree):
        if component is None:
            continue
        file = component_file(project, rel)
        # `load_component` takes a path, so only a file's single document can be named
        if index not in (None, 0) or (
            file is not None
            and file.suffix in (".yaml", ".yml")
            and len(positions.yaml_documents(file)) != 1
        ):
            continue
        implemented = provides(type(component))
        if implemented:  # a YAML file's document, not the file's composite of documents
            instances[rel] = {"class": qualified(type(component)), "provides": implemented}
    return {
        "fields": {
            field: {
                "expects": expected,
                "instances": [
                    {"defs_path": rel, "class": i["class"]}
                    for rel, i in sorted(instances.items())
                    if expected in i["provides"]
                ],
            }
            for field, expected in fields.items()
        }
    }
