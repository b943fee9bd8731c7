from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from ...services.lineage import Edge, align_key, change_edges, near_misses
from ..deps import SessionDep
from ..models import Answer

router = APIRouter(prefix="/projects/{project_id}", tags=["lineage"])


class EdgeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    upstream: str = Field(min_length=1)
    downstream: str = Field(min_length=1)


class LineageChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["add", "remove"]
    edges: list[EdgeIn] = Field(min_length=1, max_length=200)


class LineageEdit(Answer):
    file: str
    how: str


class LineageResult(Answer):
    ok: bool
    edits: list[LineageEdit]


class Candidate(Answer):
    key: str
    score: float
    defs_path: str | None
    consumers: list[str]


class NearMiss(Answer):
    missing: str
    used_by: list[str]
    declared_in: str | None
    candidates: list[Candidate]


class Alignment(BaseModel):
    model_config = ConfigDict(extra="forbid")
    missing: str
    candidate: str
    # `producer`: rename the candidate where it is produced; `reference`: change every
    # reference to the missing key into the candidate
    fix: Literal["producer", "reference"] = "producer"


class AlignmentResult(Answer):
    ok: bool
    file: str
    files: list[str] = []


@router.post("/lineage", response_model=LineageResult)
async def edit_lineage(body: LineageChange, session: SessionDep) -> dict:
    """Make each downstream asset depend on (or stop depending on) its upstream asset, by
    editing the file that defines it; undone if Dagster does not accept the result."""
    edges = [Edge(e.upstream, e.downstream) for e in body.edges]
    return await change_edges(session, edges, add=body.action == "add")


@router.get("/key-alignment", response_model=list[NearMiss])
async def key_alignment(session: SessionDep) -> list[dict]:
    """Keys that assets depend on but nothing produces, with produced keys that look alike."""
    return near_misses(await session.definitions())


@router.post("/key-alignment", response_model=AlignmentResult)
async def fix_key_alignment(body: Alignment, session: SessionDep) -> dict:
    """Rename `candidate` to `missing` in the component that produces it, or (`fix:
    "reference"`) change the references to `missing` into `candidate`; undone if Dagster does
    not accept the result."""
    result = await align_key(session, body.missing, body.candidate, body.fix)
    return {"files": [result["file"]], **result}
