"""The review's tests: run the project's tests with pytest, add pytest when it is missing, and
generate a first test module for a chain of assets."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from ...services import review_tests
from ..deps import ManagerDep, SessionDep
from ..models import Answer, IntegrationActivity

router = APIRouter(prefix="/projects/{project_id}", tags=["review"])


class ReviewTestResult(Answer):
    id: str  # pytest's node id: `tests/test_orders.py::test_orders`
    file: str | None
    line: int | None  # where the test function is written, counted from 1
    outcome: Literal["passed", "failed", "error", "skipped"]
    message: str | None  # the failure, error or reason to skip
    duration: float  # seconds


class ReviewTestRun(Answer):
    passed: int
    failed: int
    errors: int
    skipped: int
    duration: float  # seconds
    tests: list[ReviewTestResult]
    warning: str | None  # set when the project has no tests
    output: str  # the last lines pytest printed


class GenerateTestsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assets: list[str] = Field(min_length=1, max_length=200)
    preview: bool = False
    overwrite: bool = False


class GeneratedTests(Answer):
    file: str  # project-relative: `tests/test_raw_orders_to_orders.py`
    text: str
    written: bool
    stand_ins: list[str]  # resources replaced by mocks in the tests


@router.post("/review/tests", response_model=ReviewTestRun)
async def run_tests(session: SessionDep) -> dict[str, Any]:
    """pytest in the project's environment, with the result of each test; zero tests and a
    warning when the project has none."""
    return await review_tests.run(session)


@router.post(
    "/review/tests/setup",
    response_model=IntegrationActivity,
    status_code=status.HTTP_202_ACCEPTED,
)
async def add_pytest(project_id: str, session: SessionDep, manager: ManagerDep) -> dict[str, Any]:
    """Start `uv add --dev pytest`; the project's `integration` follows it."""
    del session  # resolved first: an unknown or unready project is refused as such
    return review_tests.add_pytest(manager, project_id)


@router.post("/review/tests/generate", response_model=GeneratedTests)
async def generate_tests(body: GenerateTestsRequest, session: SessionDep) -> dict[str, Any]:
    """A pytest module materializing the chain of `assets`, written into `tests/` unless
    `preview`; an existing file is a 409 unless `overwrite`."""
    return await review_tests.generate(session, body.assets, body.preview, body.overwrite)
