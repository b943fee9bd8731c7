from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from ...services import review
from ..deps import SessionDep
from ..models import Answer

router = APIRouter(prefix="/projects/{project_id}", tags=["review"])


class FixOffer(Answer):
    title: str


class Finding(Answer):
    rule: str
    severity: Literal["error", "warning", "info"]
    message: str
    file: str | None
    line: int | None
    target: str | None
    fix: FixOffer | None


class Review(Answer):
    findings: list[Finding]


class FixRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rule: str = Field(min_length=1)
    file: str = Field(min_length=1)
    line: int = Field(ge=1)
    preview: bool = False


class FixResult(Answer):
    diff: str
    applied: bool


@router.get("/review", response_model=Review)
async def get_review(session: SessionDep) -> dict:
    """The project review: each finding with its rule, severity, place and fix if it has one."""
    return {"findings": await review.findings(session)}


@router.post("/review/fix", response_model=FixResult)
async def fix_finding(body: FixRequest, session: SessionDep) -> dict:
    """The fix of one finding as a unified diff; written unless `preview`."""
    return await review.fix(session, body.rule, body.file, body.line, body.preview)
