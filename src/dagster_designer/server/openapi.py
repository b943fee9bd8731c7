"""The OpenAPI document, complete: what FastAPI makes of the routes, plus what it leaves out.

- Every refusal, an invalid request included, is `{"detail": "..."}` (`errors.py`; the API
  router declares it for `4XX`), also from a route that answers text.
- Websockets are not described by FastAPI: their messages join the document's schemas, and
  `x-websockets` names which path sends and takes which.

`python -m dagster_designer.server.openapi FILE` writes the document (sorted keys, stable),
from which the UI's types are generated (`scripts/api-types`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .models import (
    DagsterGraphqlMessage,
    LiveMessage,
    ServerEvent,
    TerminalClientMessage,
    TerminalServerMessage,
)

REF = "#/components/schemas/{model}"

# path: (what the server sends, what the client sends)
WEBSOCKETS: dict[str, tuple[type[BaseModel], type[BaseModel] | None]] = {
    "/api/v1/events": (ServerEvent, None),
    "/api/v1/projects/{project_id}/live": (LiveMessage, None),
    "/api/v1/projects/{project_id}/terminals/{terminal_id}/ws": (
        TerminalServerMessage,
        TerminalClientMessage,
    ),
    # Dagster's own GraphQL websocket, relayed as it is
    "/api/v1/projects/{project_id}/dagster-ui/app/{path:path}": (
        DagsterGraphqlMessage,
        DagsterGraphqlMessage,
    ),
}


def install(app: FastAPI) -> None:
    """Makes `app.openapi()` answer the complete document."""
    make = app.openapi

    def complete() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = make()  # FastAPI keeps it in app.openapi_schema
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            _refusals_are_json(document)
            _add_websockets(document, schemas)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = complete  # type: ignore[method-assign]


def _refusals_are_json(document: dict[str, Any]) -> None:
    """FastAPI files a refusal under the media type of the route's answer (text for a file's
    content); it is JSON, `ErrorDetail`, whatever the route answers."""
    for item in document.get("paths", {}).values():
        for operation in item.values():
            for status, response in operation.get("responses", {}).items():
                if status.startswith("4") and response.get("content"):
                    schema = next(iter(response["content"].values()))
                    response["content"] = {"application/json": schema}


def _add_websockets(document: dict[str, Any], schemas: dict[str, Any]) -> None:
    models = {m for pair in WEBSOCKETS.values() for m in pair if m is not None}
    _merge(schemas, _schemas_of(sorted(models, key=lambda m: m.__name__)))
    document["x-websockets"] = {
        path: {
            "server": {"$ref": REF.format(model=sent.__name__)},
            **({"client": {"$ref": REF.format(model=taken.__name__)}} if taken else {}),
        }
        for path, (sent, taken) in WEBSOCKETS.items()
    }


def _schemas_of(models: list[type[BaseModel]]) -> dict[str, Any]:
    _, found = models_json_schema([(m, "serialization") for m in models], ref_template=REF)
    return found.get("$defs", {})


def _merge(schemas: dict[str, Any], new: dict[str, Any]) -> None:
    """Adds `new`; a name the document has already must stand for the same schema (FastAPI
    leaves out `"default": null`, pydantic does not)."""
    for name, schema in new.items():
        schema = _without_null_defaults(schema)
        known = schemas.setdefault(name, schema)
        if known != schema:
            raise ValueError(f"Two different schemas are named `{name}` in the API document.")


def _without_null_defaults(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_null_defaults(v)
            for k, v in value.items()
            if not (k == "default" and v is None)
        }
    if isinstance(value, list):
        return [_without_null_defaults(v) for v in value]
    return value


def document() -> dict[str, Any]:
    """The document of an app made with default settings (nothing is started)."""
    from ..settings import Settings
    from .app import create_app

    with tempfile.TemporaryDirectory() as workspace:
        return create_app(Settings(workspace=Path(workspace) / "workspace")).openapi()


def dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m dagster_designer.server.openapi FILE")
    Path(sys.argv[1]).write_text(dumps(document()), encoding="utf-8")
