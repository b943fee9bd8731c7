"""What can fill a component attribute that takes a Dagster object instead of text.

The Templated SQL component's `connection` is a `SQLClient`; in YAML it is written as a template
that loads another component, `{{ context.load_component('<defs path>') }}` (Dagster 1.13). The
worker names the attributes and the project's instances that implement what they expect; the
registry says which installed component types implement it, for instances not made yet; and when
none is installed, the integrations of Dagster 1.13 that provide one are named with their package.
"""

from __future__ import annotations

import re
from typing import Any

from .session import ProjectSession

# Interfaces -> (package, component type, title) of the Dagster 1.13 integrations that implement
# them, offered when no installed component type does.
KNOWN_PROVIDERS: dict[str, list[tuple[str, str, str]]] = {
    "dagster.components.lib.sql_component.sql_client.SQLClient": [
        (
            "dagster-snowflake",
            "dagster_snowflake.SnowflakeConnectionComponent",
            "Snowflake connection",
        ),
    ],
}


class UnknownComponentType(LookupError):
    """The project's environment has no component type of that name."""


def load_component(defs_path: str) -> str:
    """The YAML value that makes Dagster pass the component at `defs_path`."""
    return f"{{{{ context.load_component('{defs_path}') }}}}"


def suggested_path(typename: str, taken: set[str]) -> str:
    """`dagster_snowflake.SnowflakeConnectionComponent` -> `snowflake_connection`, unused."""
    name = typename.rpartition(".")[2].removesuffix("Component") or "connection"
    base = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    path, number = base, 2
    while path in taken:
        path, number = f"{base}_{number}", number + 1
    return path


async def field_fills(session: ProjectSession, typename: str) -> dict[str, Any]:
    types = {t["key"]: t for t in await session.component_types()}
    if types.get(typename, {}).get("kind") != "component":
        raise UnknownComponentType(
            f"This project's environment has no component type `{typename}`."
        )
    await session.definitions()
    reply = await session.supervisor.call(
        "fills", {"type": typename}, timeout=session.settings.load_timeout
    )
    taken = {i["path"] for i in session.instances()}
    fields = {}
    for field, found in reply["fields"].items():
        expected = found["expects"]
        fills: list[dict[str, Any]] = [
            {
                "title": f"`{i['defs_path']}` ({i['class'].rpartition('.')[2]})",
                "value": load_component(i["defs_path"]),
                "requires": None,
            }
            for i in found["instances"]
        ]
        providers = sorted(k for k, t in types.items() if expected in t.get("provides", []))
        for key in providers:
            path = suggested_path(key, taken)
            fills.append(
                {
                    "title": f"A new {types[key]['name']} at `{path}`",
                    "value": load_component(path),
                    "requires": {"component_type": key, "path": path},
                }
            )
        if not providers:
            for package, key, title in KNOWN_PROVIDERS.get(expected, []):
                path = suggested_path(key, taken)
                fills.append(
                    {
                        "title": f"A new {title} at `{path}` (installs `{package}`)",
                        "value": load_component(path),
                        "requires": {"package": package, "component_type": key, "path": path},
                    }
                )
        fields[field] = {"expects": expected, "fills": fills}
    return {"type": typename, "fields": fields}
