"""The API's OpenAPI document is complete and the UI compiles against it: `ui/openapi.json` is
the app's document, and `ui/src/api/schema.gen.ts` is what openapi-typescript makes of it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from dagster_designer.server import openapi
from tests.support import api_routes

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "ui" / "openapi.json"
TYPES = ROOT / "ui" / "src" / "api" / "schema.gen.ts"
REGENERATE = "Regenerate both with `scripts/api-types` and commit them."


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return openapi.document()


def test_the_checked_in_document_is_the_apps(document: dict[str, Any]) -> None:
    if DOCUMENT.read_text(encoding="utf-8") != openapi.dumps(document):
        pytest.fail(f"ui/openapi.json is not the app's OpenAPI document. {REGENERATE}")


def test_the_ui_types_are_generated_from_the_document(tmp_path: Path) -> None:
    generated = tmp_path / "schema.gen.ts"
    subprocess.run(
        ["npx", "--prefix", "ui", "openapi-typescript", str(DOCUMENT), "-o", str(generated)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    if TYPES.read_text(encoding="utf-8") != generated.read_text(encoding="utf-8"):
        pytest.fail(f"ui/src/api/schema.gen.ts is not generated from ui/openapi.json. {REGENERATE}")


def test_every_answer_has_a_declared_shape(document: dict[str, Any]) -> None:
    undeclared = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                content = response.get("content", {})
                if status == "204":
                    declared = not content
                elif status.startswith("4"):
                    declared = list(content) == ["application/json"]
                else:
                    declared = bool(content) and all(c.get("schema") for c in content.values())
                if not declared:
                    undeclared.append(f"{method.upper()} {path} {status}")
    assert undeclared == []


def test_invalid_requests_are_described_as_they_are_answered(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    refused = document["paths"]["/api/v1/projects"]["post"]["responses"]["4XX"]
    assert refused["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorDetail"
    }


def test_every_websocket_has_its_messages_in_the_document(document: dict[str, Any]) -> None:
    websockets = {r.path for r in api_routes() if r.method == "WEBSOCKET"}
    assert websockets == set(openapi.WEBSOCKETS) == set(document["x-websockets"])
    schemas = document["components"]["schemas"]
    for sent, taken in openapi.WEBSOCKETS.values():
        for model in (sent, taken):
            if model is not None:
                assert model.__name__ in schemas
