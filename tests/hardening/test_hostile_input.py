"""Hostile input on every route, generated from the app's routes and its OpenAPI document so a
new route is covered the day it is added: paths that leave the project, NUL bytes, overlong
names, options and shell code where names go, oversized, deeply nested and malformed JSON. All
answered 4xx (code and options at least never 5xx), nothing outside the project changed, no
command run. Then the gate: foreign Hosts and Origins on every websocket, and no or a wrong
token on every route."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import websockets
from websockets.sync.client import connect

from tests.hardening.conftest import Watch
from tests.hardening.hostile import (
    ESCAPE_LINK,
    INJECTIONS,
    MARKER,
    TRAVERSALS,
    body_traversals,
    naming_fields,
    path_variants,
    snapshot,
)
from tests.support import Designer, api_routes

ROUTES = api_routes()
HTTP_ROUTES = [r for r in ROUTES if r.method != "WEBSOCKET" and r.path != "/api/v1/health"]
WEBSOCKETS = [r for r in ROUTES if r.method == "WEBSOCKET"]
PARAMETER = re.compile(r"\{(\w+)(?::\w+)?\}")
MB = 1024 * 1024
# a connection of its own for each request: a reset is then the answer to that request, not a
# pooled connection the server closed as idle meanwhile
FRESH = {"Connection": "close"}


@pytest.fixture(scope="module")
def outside(designer: Designer, project_root: Path) -> Iterator[Path]:
    """A folder beside the workspace with a file in it, reached from the project by a
    symlink; the module checks that everything around the project is as it was."""
    around = designer.workspace.parent
    target = around / "outside"
    target.mkdir(exist_ok=True)
    (target / "planted.txt").write_text("outside the project\n")
    link = project_root / ESCAPE_LINK
    link.symlink_to(target, target_is_directory=True)
    inside = {project_root / n for n in (".venv", ".git")}
    project_before = set(snapshot(project_root, inside))
    # the server's logs grow with every request, and its cache of what the project's code
    # provides follows the project's files; all else around the project must stay
    cache = designer.workspace / ".dagster-designer" / "cache"
    skip = {project_root, cache, *around.glob("designer-*.log")}
    before = snapshot(around, skip)
    yield target
    after = snapshot(around, skip | set(around.glob("designer-*.log")))
    link.unlink()
    for name in set(snapshot(project_root, inside)) - project_before:  # made by the requests
        path = project_root / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink()
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert not changed, f"changed outside the project: {sorted(changed)}"
    assert not MARKER.exists(), f"a command ran: {MARKER} exists"


def _refusals(response: httpx.Response, label: str, traversal: bool, watch: Watch) -> list[str]:
    watch.check(label, response.text)
    if response.status_code >= 500 or (traversal and response.status_code < 400):
        return [f"{label}: {response.status_code} {response.text[:300]}"]
    return []


def _template(document: dict, method: str, path: str) -> dict | None:
    """A body with the operation's required fields filled, for routes that take JSON."""
    fields = [f for f in naming_fields(document) if (f.method, f.path) == (method, path)]
    operation = document["paths"].get(path, {}).get(method.lower(), {})
    if "application/json" not in operation.get("requestBody", {}).get("content", {}):
        return None
    return fields[0].template if fields else {}


def test_hostile_path_parameters_are_refused(
    api: httpx.Client, project: dict, outside: Path, watch: Watch
) -> None:
    document = api.get("/openapi.json").json()
    failures: list[str] = []
    for route in HTTP_ROUTES:
        body = _template(document, route.method, route.path)
        for parameter in PARAMETER.findall(route.path):
            for traversal, values in ((True, TRAVERSALS), (False, INJECTIONS)):
                for value in values:
                    for variant in path_variants(value):
                        url = route.url(**{"project_id": project["id"], parameter: variant})
                        label = f"{route.method} {url[:200]}"
                        response = api.request(
                            route.method, url[len("/api/v1") :], json=body, headers=FRESH
                        )
                        failures += _refusals(response, label, traversal, watch)
    assert not failures, "\n".join(failures)


def test_hostile_names_in_bodies_are_refused(
    api: httpx.Client, project: dict, outside: Path, watch: Watch
) -> None:
    document = api.get("/openapi.json").json()
    fields = [
        f
        for f in naming_fields(document)
        # these make or open projects, where any folder of the user's may be named
        if f.path not in ("/api/v1/projects", "/api/v1/projects/{project_id}/deploy")
    ]
    assert len(fields) > 15
    failures: list[str] = []
    for field in fields:
        url = re.sub(r"\{\w+(:\w+)?\}", "x", field.path.replace("{project_id}", project["id"]))
        for traversal, values in ((True, body_traversals(field)), (False, INJECTIONS)):
            for value in values:
                body = {**field.template, field.name: [value] if field.is_list else value}
                response = api.request(
                    field.method, url[len("/api/v1") :], json=body, headers=FRESH
                )
                label = f"{field.method} {url} {field.name}={value[:60]!r}"
                failures += _refusals(response, label, traversal, watch)
    assert not failures, "\n".join(failures)


def _json_routes(document: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]


@pytest.mark.parametrize(
    "body",
    [
        b'{"x":"' + b"y" * (20 * MB) + b'"}',
        b"[" * 10000 + b"]" * 10000,
        b'{"path": "x", ',
        b"\xff\xfe not json",
    ],
    ids=["20 MB", "depth 10000", "truncated", "not text"],
)
def test_bad_json_bodies_are_refused_everywhere(
    api: httpx.Client, project: dict, outside: Path, watch: Watch, body: bytes
) -> None:
    document = api.get("/openapi.json").json()
    failures: list[str] = []
    for method, path in _json_routes(document):
        url = re.sub(r"\{\w+(:\w+)?\}", "x", path.replace("{project_id}", project["id"]))
        response = api.request(
            method,
            url[len("/api/v1") :],
            content=body,
            headers={"Content-Type": "application/json"},
        )
        watch.check(f"{method} {url}", response.text)
        if not 400 <= response.status_code < 500:
            failures.append(f"{method} {url}: {response.status_code} {response.text[:200]}")
    assert not failures, "\n".join(failures)


def _handshake(designer: Designer, path: str, host: str, origin: str) -> int:
    """The status a websocket handshake with these Host and Origin headers is answered with
    (101 when accepted), the token sent as it should be."""
    sock = socket.create_connection(("127.0.0.1", designer.port), timeout=30)
    try:
        with connect(
            f"ws://{host}{path}",
            sock=sock,
            origin=origin,  # type: ignore[arg-type]
            additional_headers={"Authorization": f"Bearer {designer.token}"},
            open_timeout=60,
        ):
            return 101
    except websockets.InvalidStatus as refused:
        return refused.response.status_code


@pytest.mark.parametrize("route", WEBSOCKETS, ids=str)
def test_every_websocket_refuses_foreign_hosts_and_origins(
    designer: Designer, project: dict, route: object
) -> None:
    path = route.url(project_id=project["id"])  # type: ignore[attr-defined]
    own = f"127.0.0.1:{designer.port}"
    for host in ("evil.example", f"127.0.0.1.evil.example:{designer.port}", "localhost.evil"):
        assert _handshake(designer, path, host, designer.url) == 403, host
    for origin in ("http://evil.example", "http://127.0.0.1:1", "null"):
        assert _handshake(designer, path, own, origin) == 403, origin


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer nope", "Bearer", "Basic eDp4", "bearer  x"],
    ids=["none", "wrong", "empty", "basic", "blank"],
)
def test_every_route_refuses_a_missing_or_wrong_token(
    designer: Designer, project: dict, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    failures = []
    with httpx.Client(base_url=designer.url, headers=headers, timeout=60) as client:
        for route in HTTP_ROUTES:
            response = client.request(route.method, route.url(project_id=project["id"]))
            if response.status_code not in (401, 403) or not response.json()["detail"]:
                failures.append(f"{route}: {response.status_code}")
    for route in WEBSOCKETS:
        with pytest.raises(websockets.InvalidStatus) as refused:
            connect(
                f"ws://127.0.0.1:{designer.port}{route.url(project_id=project['id'])}",
                additional_headers=headers,
                open_timeout=60,
            )
        if refused.value.response.status_code not in (401, 403):
            failures.append(f"{route}: {refused.value.response.status_code}")
    assert not failures, "\n".join(failures)
