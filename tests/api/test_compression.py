"""Answers are compressed when the client accepts it: a large project's definitions are
megabytes of JSON."""

from __future__ import annotations

from pathlib import Path

from tests.support import Designer, written

MANY = "import dagster as dg\n\n" + "".join(
    f"\n@dg.asset(group_name='compressed')\ndef compressed_{n}() -> None: ...\n" for n in range(60)
)


def test_the_definitions_come_gzipped_to_a_client_that_accepts_it(
    designer: Designer, project: dict, defs_root: Path
) -> None:
    path = f"/projects/{project['id']}/definitions"
    with designer.client() as client, written(defs_root, {"compressed_many.py": MANY}):
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        compressed = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == compressed.status_code == 200
    assert "content-encoding" not in plain.headers
    assert compressed.headers["content-encoding"] == "gzip"
    assert compressed.num_bytes_downloaded < plain.num_bytes_downloaded / 3
    assert compressed.json()["assets"] == plain.json()["assets"]


def test_small_answers_are_left_alone(designer: Designer) -> None:
    with designer.client() as client:
        small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200 and "content-encoding" not in small.headers
