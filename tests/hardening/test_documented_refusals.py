"""Refusals answer the body their status documents, field for field."""

from __future__ import annotations

import httpx


def test_a_git_refusal_sends_every_field_it_documents(api: httpx.Client, project: dict) -> None:
    response = api.post(
        f"/projects/{project['id']}/git/stage", json={"paths": ["no_such_file_anywhere"]}
    )
    assert response.status_code == 409, response.text
    document = api.get("/openapi.json").json()
    refusal = document["components"]["schemas"]["GitRefusal"]
    assert set(response.json()) == set(refusal["required"]), response.text
    assert response.json()["secrets"] is None
