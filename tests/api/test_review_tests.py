"""The review's tests against a real server and the shared project: no tests is a warning; a
module generated for a two-asset chain (one asset needing a resource that reaches outside, which
gets a stand-in) is shown, written, never overwritten unasked, and passes under the project's own
pytest, added as a dev dependency first; a failing test comes back with its message and line."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import definitions, written

RESOURCES = '''import dagster as dg


class OrdersApi(dg.ConfigurableResource):
    """An outside system: unreachable from a test run."""

    def fetch(self) -> list[int]:
        raise ConnectionError("the orders service is not reachable from here")


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(resources={"orders_api": OrdersApi()})
'''
ASSETS = """import dagster as dg

from .resources import OrdersApi


@dg.asset
def rt_orders(orders_api: OrdersApi) -> list[int]:
    orders_api.fetch()
    return [3, 5, 8]


@dg.asset
def rt_order_total(rt_orders: list[int]) -> int:
    return sum(rt_orders)
"""
FAILING = """def test_adds_up():
    total = 1 + 1
    assert total == 3, "one and one make two"
"""
GENERATED = "tests/test_rt_orders_to_rt_order_total.py"
TIMEOUT = 900  # a test run imports Dagster and materializes, on a busy machine


@pytest.fixture(scope="module")
def chain(api: httpx.Client, project: dict, project_root: Path, defs_root: Path) -> Iterator[dict]:
    """The two assets in a defs folder of their own; what the tests add (the generated module,
    pytest in pyproject.toml and uv.lock) is taken back afterwards, pytest left installed."""
    kept = {name: (project_root / name).read_bytes() for name in ("pyproject.toml", "uv.lock")}
    with written(
        defs_root / "review_tests",
        {"__init__.py": "", "assets.py": ASSETS, "resources.py": RESOURCES},
    ):
        deadline = time.monotonic() + TIMEOUT
        while not {"rt_orders", "rt_order_total"} <= {
            a["key"] for a in definitions(api, project)["assets"]
        }:
            assert time.monotonic() < deadline, "the chain's assets never loaded"
            time.sleep(1)
        try:
            yield project
        finally:
            for name in (GENERATED, "tests/test_rt_failing.py"):
                (project_root / name).unlink(missing_ok=True)
            for name, data in kept.items():
                (project_root / name).write_bytes(data)


def run_tests(api: httpx.Client, project: dict) -> httpx.Response:
    return api.post(f"/projects/{project['id']}/review/tests", timeout=TIMEOUT)


def generate(api: httpx.Client, project: dict, **body: object) -> httpx.Response:
    url = f"/projects/{project['id']}/review/tests/generate"
    return api.post(url, json={"assets": ["rt_order_total", "rt_orders"], **body}, timeout=600)


def add_pytest(api: httpx.Client, project: dict) -> dict:
    response = api.post(f"/projects/{project['id']}/review/tests/setup")
    assert response.status_code == 202, response.text
    assert response.json()["package"] == "pytest"
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        current = api.get(f"/projects/{project['id']}").json()
        if (current.get("integration") or {}).get("state") != "running":
            assert current["integration"]["state"] == "done", current["integration"]
            return current
        time.sleep(0.5)
    raise TimeoutError("`uv add --dev pytest` still running")


def test_no_tests_is_a_warning(api: httpx.Client, chain: dict) -> None:
    response = run_tests(api, chain)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["passed"], answer["failed"], answer["tests"]) == (0, 0, [])
    assert "no tests" in answer["warning"]
    findings = api.get(f"/projects/{chain['id']}/review", timeout=600).json()["findings"]
    [missing] = [f for f in findings if f["rule"] == "tests-missing"]
    assert missing["severity"] == "warning"


def test_generated_tests_for_a_chain_pass(
    api: httpx.Client, chain: dict, project_root: Path
) -> None:
    shown = generate(api, chain, preview=True)
    assert shown.status_code == 200, shown.text
    preview = shown.json()
    assert (preview["file"], preview["written"]) == (GENERATED, False)
    assert preview["stand_ins"] == ["orders_api"]
    assert not (project_root / GENERATED).exists()
    assert (
        "def test_rt_orders(" in preview["text"] and "def test_rt_order_total(" in preview["text"]
    )

    made = generate(api, chain)
    assert made.status_code == 200, made.text
    assert (project_root / GENERATED).read_text() == preview["text"]
    assert (project_root / "tests" / "__init__.py").exists()
    again = generate(api, chain)
    assert again.status_code == 409 and GENERATED in again.json()["detail"], again.text
    assert (project_root / GENERATED).read_text() == preview["text"]
    assert generate(api, chain, overwrite=True).status_code == 200

    venv = project_root / ".venv"
    if not list(venv.glob("lib/python*/site-packages/pytest")):
        missing = run_tests(api, chain)
        assert missing.status_code == 409, missing.text
        assert "uv add --dev pytest" in missing.json()["detail"]
        settled = add_pytest(api, chain)
        assert "$ uv add --dev pytest" in settled["progress"]
        assert "pytest" in (project_root / "pyproject.toml").read_text()

    response = run_tests(api, chain)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["warning"] is None
    assert (answer["passed"], answer["failed"], answer["errors"]) == (2, 0, 0), answer["output"]
    ids = [t["id"] for t in answer["tests"]]
    assert ids == [f"{GENERATED}::test_rt_orders", f"{GENERATED}::test_rt_order_total"]
    lines = preview["text"].splitlines()
    for test in answer["tests"]:
        assert (test["file"], test["outcome"], test["message"]) == (GENERATED, "passed", None)
        assert lines[test["line"] - 1].startswith("def test_rt_order"), test
    assert answer["duration"] > 0


def test_a_failing_test_comes_back_with_its_message_and_line(
    api: httpx.Client, chain: dict, project_root: Path
) -> None:
    (project_root / "tests" / "test_rt_failing.py").write_text(FAILING)
    response = run_tests(api, chain)
    assert response.status_code == 200, response.text
    answer = response.json()
    [failed] = [t for t in answer["tests"] if t["outcome"] == "failed"]
    assert failed["id"] == "tests/test_rt_failing.py::test_adds_up"
    assert (failed["file"], failed["line"]) == ("tests/test_rt_failing.py", 1)
    assert "one and one make two" in failed["message"]
    assert answer["failed"] == 1


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"assets": ["rt_nothing"]}, 400, "No asset with the key rt_nothing"),
        ({"assets": []}, 422, "assets"),
        ({"assets": ["rt_orders"], "extra": 1}, 422, "extra"),
    ],
)
def test_bad_requests_write_nothing(
    api: httpx.Client, chain: dict, project_root: Path, body: dict, status: int, words: str
) -> None:
    before = sorted(p.name for p in (project_root / "tests").iterdir())
    response = api.post(f"/projects/{chain['id']}/review/tests/generate", json=body)
    assert response.status_code == status and words in response.json()["detail"], response.text
    assert sorted(p.name for p in (project_root / "tests").iterdir()) == before
