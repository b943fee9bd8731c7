"""Request bodies: size limits enforced before or while reading, and JSON the server refuses to
parse past sane limits, each answered with a clear 4xx and nothing changed."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import Designer

MB = 1024 * 1024
HUGE = 400 * MB
# what the server may grow by while refusing a body of HUGE bytes
RSS_ALLOWANCE = 64 * MB


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"no VmRSS for {pid}")


def peak_rss_during(pid: int, action: Callable[[], httpx.Response]) -> tuple[int, httpx.Response]:
    """How far the process's resident memory rose above its level before `action`."""
    before = rss(pid)
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss(pid))
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        response = action()
    finally:
        done.set()
        sampler.join()
    return max(peak, rss(pid)) - before, response


def chunks(total: int, size: int = MB) -> Iterator[bytes]:
    block = b"x" * size
    for _ in range(total // size):
        yield block


@pytest.mark.parametrize("declared", [False, True], ids=["chunked", "content-length"])
def test_a_huge_file_write_is_refused_without_being_held_in_memory(
    designer: Designer, api: httpx.Client, project: dict, project_root: Path, declared: bool
) -> None:
    url = f"/projects/{project['id']}/files/huge.txt"
    headers = {"Content-Length": str(HUGE)} if declared else {}
    grown, response = peak_rss_during(
        designer.process.pid, lambda: api.put(url, content=chunks(HUGE), headers=headers)
    )
    assert response.status_code == 413, response.text
    assert "5 MB" in response.json()["detail"]
    assert not (project_root / "huge.txt").exists()
    assert grown < RSS_ALLOWANCE, f"the server grew by {grown // MB} MB"
    # the server is fine afterwards
    assert api.get(f"/projects/{project['id']}/files").status_code == 200


def test_file_writes_up_to_the_limit_go_through(
    api: httpx.Client, project: dict, project_root: Path
) -> None:
    url = f"/projects/{project['id']}/files/at_limit.txt"
    try:
        assert api.put(url, content=b"y" * (5 * MB)).status_code == 200
        assert (project_root / "at_limit.txt").stat().st_size == 5 * MB
        response = api.put(url, content=b"y" * (5 * MB + 1))
        assert response.status_code == 413
        assert (project_root / "at_limit.txt").stat().st_size == 5 * MB
    finally:
        (project_root / "at_limit.txt").unlink(missing_ok=True)


def test_component_attributes_are_limited_like_files(
    designer: Designer, api: httpx.Client, project: dict
) -> None:
    url = f"/projects/{project['id']}/defs/no_such_instance"
    prefix, suffix = b'{"attributes": {"text": "', b'"}}'

    def body(size: int) -> Iterator[bytes]:
        yield prefix
        yield from chunks(size)
        yield suffix

    headers = {"Content-Type": "application/json"}
    grown, response = peak_rss_during(
        designer.process.pid, lambda: api.put(url, content=body(HUGE), headers=headers)
    )
    assert response.status_code == 413, response.text
    assert "5 MB" in response.json()["detail"]
    assert grown < RSS_ALLOWANCE, f"the server grew by {grown // MB} MB"
    # within the limit, the request reaches the route (which finds no such instance)
    response = api.put(url, content=b"".join(body(4 * MB)), headers=headers)
    assert response.status_code == 404, response.text


def test_other_json_bodies_have_a_small_limit(api: httpx.Client, designer: Designer) -> None:
    response = api.post("/projects", json={"name": "n" * (2 * MB)})
    assert response.status_code == 413, response.text
    assert "1 MB" in response.json()["detail"]
    assert not [p for p in designer.workspace.iterdir() if p.name.startswith("nnnn")]


# ------------------------------------------------------------------------------------------------
# JSON the parser must not be trusted with


def nested(depth: int, opener: str = "[", closer: str = "]", inner: str = "1") -> str:
    return opener * depth + inner + closer * depth


def deep_object(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


JSON_ENDPOINTS = [
    ("POST", "/projects", '{{"name": {value}}}'),
    ("PUT", "/projects/{id}/defs/limits_probe", '{{"attributes": {{"x": {value}}}}}'),
    (
        "POST",
        "/projects/{id}/defs",
        '{{"type": "dagster.asset", "path": "p.py", "params": {value}}}',
    ),
    ("PUT", "/projects/{id}/layout", '{{"positions": {{"a": {value}}}}}'),
    ("POST", "/projects/{id}/lineage", '{{"action": "add", "edges": {value}}}'),
    ("POST", "/projects/{id}/python/format", '{{"path": "a.py", "source": {value}}}'),
    ("POST", "/projects/{id}/terminals", '{{"cols": {value}}}'),
]


@pytest.fixture
def probe_instance(api: httpx.Client, project: dict, defs_root: Path) -> Iterator[Path]:
    """A component instance whose attributes the tests try to overwrite: its defs.yaml."""
    response = api.post(
        f"/projects/{project['id']}/defs",
        json={"type": "dagster.PythonScriptComponent", "path": "limits_probe"},
    )
    assert response.status_code == 201, response.text
    yield defs_root / "limits_probe" / "defs.yaml"
    shutil.rmtree(defs_root / "limits_probe")


@pytest.mark.parametrize(
    "value",
    [nested(900), deep_object(900), nested(5000), deep_object(65)],
    ids=["arrays-900", "objects-900", "arrays-5000", "objects-65"],
)
def test_deeply_nested_json_is_refused_everywhere(
    api: httpx.Client, project: dict, probe_instance: Path, value: str
) -> None:
    before = probe_instance.read_text()
    for method, path, template in JSON_ENDPOINTS:
        body = template.format(value=value)
        response = api.request(
            method,
            path.format(id=project["id"]),
            content=body,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400, (method, path, response.text)
        assert "nested more than 64 levels" in response.json()["detail"], (path, response.text)
    assert probe_instance.read_text() == before


def test_json_nested_within_the_limit_is_accepted(
    api: httpx.Client, project: dict, probe_instance: Path
) -> None:
    url = f"/projects/{project['id']}/defs/limits_probe"
    body = '{"attributes": {"x": ' + deep_object(60) + "}}"
    response = api.put(url, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200, response.text
    assert probe_instance.read_text().count("a:") == 60


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1" * 5000, "too many digits"),
        ("1e999", "too large"),
        ("-1e999", "too large"),
        ("NaN", "not a number"),
        ("Infinity", "not a number"),
    ],
)
def test_numbers_json_cannot_hold_are_refused(
    api: httpx.Client, project: dict, probe_instance: Path, value: str, words: str
) -> None:
    before = probe_instance.read_text()
    for method, path, template in JSON_ENDPOINTS:
        response = api.request(
            method,
            path.format(id=project["id"]),
            content=template.format(value=value),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400, (method, path, response.text)
        assert words in response.json()["detail"], (path, response.text)
    assert probe_instance.read_text() == before


def test_a_flat_array_of_too_many_values_is_refused_everywhere(
    api: httpx.Client, project: dict, probe_instance: Path
) -> None:
    before = probe_instance.read_text()
    items = ",".join(["0"] * 400_000)  # 800 KB: small, but costly for every writer behind
    for method, path, template in JSON_ENDPOINTS:
        response = api.request(
            method,
            path.format(id=project["id"]),
            content=template.format(value=f"[{items}]"),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400, (method, path, response.text)
        assert "more than 50000 values" in response.json()["detail"], (path, response.text)
    assert probe_instance.read_text() == before


def test_a_large_layout_within_the_limit_is_saved(api: httpx.Client, project: dict) -> None:
    url = f"/projects/{project['id']}/layout"
    positions = {f"node_{i}": {"x": i, "y": -i} for i in range(15_000)}
    response = api.put(url, json={"positions": positions})
    assert response.status_code == 200, response.text
    try:
        assert api.get(url).json()["positions"]["node_14999"] == {"x": 14999, "y": -14999}
    finally:
        api.put(url, json={"positions": dict.fromkeys(positions)})


def test_a_refused_body_is_answered_not_reset(api: httpx.Client, project: dict) -> None:
    """A client still sending gets the 413, not a reset connection: browsers show nothing then."""
    url = f"/projects/{project['id']}/files/too_big.txt"
    for attempt in range(20):
        response = api.put(url, content=b"x" * (6 * MB))
        assert response.status_code == 413, (attempt, response.text)
    for attempt in range(5):
        response = api.put(url, content=chunks(40 * MB))
        assert response.status_code == 413, (attempt, response.text)
