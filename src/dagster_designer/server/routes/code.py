from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from ...processes import code_tools
from ...project_files.files import MAX_TEXT_BYTES
from ...project_files.paths import confine
from ..deps import SessionDep
from ..models import Answer, CompletionState, ProblemItem

router = APIRouter(prefix="/projects/{project_id}", tags=["code"])


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1)
    source: str = Field(max_length=MAX_TEXT_BYTES)


class Cursor(Source):
    line: int = Field(ge=1)  # 1-based
    column: int = Field(ge=0)  # 0-based


class Formatted(Answer):
    source: str


class Diagnostic(Answer):
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    code: str | None
    severity: Literal["error", "warning"]


class Completion(Answer):
    label: str
    kind: str
    detail: str | None = None


class YamlText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1)
    text: str = Field(max_length=MAX_TEXT_BYTES)


class YamlCheck(Answer):
    errors: list[ProblemItem]


@router.post("/python/format", response_model=Formatted)
async def format_python(body: Source, session: SessionDep) -> dict:
    """The source formatted by ruff, with the project's ruff configuration."""
    confine(session.config.root, body.path)
    return {"source": await code_tools.format_source(session.config, body.path, body.source)}


@router.post("/python/lint", response_model=list[Diagnostic])
async def lint_python(body: Source, session: SessionDep) -> list[dict]:
    """ruff's findings on the (unsaved) source, 1-based lines and columns."""
    confine(session.config.root, body.path)
    return await code_tools.lint_source(session.config, body.path, body.source)


@router.post("/python/prepare", status_code=202, response_model=CompletionState)
async def prepare_python(session: SessionDep) -> dict:
    """Starts the project's completion process ahead of use (an editor opened a Python file)."""
    return {"state": session.prepare_completion()}


@router.post("/python/complete", response_model=list[Completion])
async def complete_python(body: Cursor, session: SessionDep) -> list[dict]:
    """jedi's completions at the cursor, from the project's code and its environment."""
    confine(session.config.root, body.path)
    return await session.complete(body.path, body.source, body.line, body.column)


@router.post("/defs-check", response_model=YamlCheck)
async def check_component_yaml(body: YamlText, session: SessionDep) -> dict:
    """Dagster's schema check of a component file's unsaved text, with lines and fields."""
    path = confine(session.config.root, body.path)
    rel = path.relative_to(session.config.root.resolve()).as_posix()
    return {"errors": await session.schema_errors_of(rel, body.text)}
