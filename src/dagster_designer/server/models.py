"""Request and response bodies: the typed edge of the HTTP API (see API.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..project_files import layout


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class WorkerStatus(BaseModel):
    state: str
    detail: str | None = None
    restarts: int = 0
    pid: int | None = None
    dagster_version: str | None = None
    rss_mb: float | None = None
    peak_rss_mb: float | None = None


class ProjectOut(BaseModel):
    id: str
    name: str
    path: str
    status: Literal["creating", "ready", "error"]
    error: str | None = None
    created_here: bool = False
    progress: list[str] = []
    worker: WorkerStatus | None = None
    defs_path: str | None = None


class ProjectCreate(BaseModel):
    """Either `name` (create in the workspace) or `path` (open an existing project in place)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    path: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ProjectCreate:
        if (self.name is None) == (self.path is None):
            raise ValueError("give either `name` (to create) or `path` (to open)")
        return self


class ComponentType(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    key: str
    name: str
    namespace: str
    package: str
    kind: Literal["component", "scaffold_target"]
    summary: str | None = None
    description: str | None = None
    json_schema: dict[str, Any] | None = Field(None, alias="schema")
    scaffold_params_schema: dict[str, Any] | None = None
    aliases: list[str] = []
    tags: list[str] = []
    # interfaces the type implements (`...sql_client.SQLClient`): what it can fill, see
    # `GET /component-types/{key}/fills`
    provides: list[str] = []


class ErrorOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    kind: str | None = None
    hint: str | None = None


class DefsInstance(BaseModel):
    path: str
    index: int | None = None
    kind: Literal["component", "python"]
    type: str | None
    file: str
    files: list[str]
    error: str | None = None


class ScaffoldRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str = Field(min_length=1)
    path: str = Field(min_length=1)
    params: dict[str, Any] | None = None
    attributes: dict[str, Any] | None = None
    format: Literal["yaml", "python"] = "yaml"


class Validation(BaseModel):
    ok: bool
    errors: list[ErrorOut]
    warnings: list[ErrorOut] = []
    file: str | None = None


class ScaffoldResult(BaseModel):
    path: str
    type: str
    files: list[str]
    instance: DefsInstance | None = None
    validation: Validation


class InstanceOut(BaseModel):
    path: str
    index: int
    type: str | None
    attributes: dict[str, Any] | None
    file: str


class AttributesUpdate(BaseModel):
    """`attributes: null` (what GET gives for a component without attributes) means `{}`."""

    model_config = ConfigDict(extra="forbid")
    attributes: dict[str, Any] | None


class FileEntry(BaseModel):
    path: str
    type: Literal["file", "dir"]


class FileWritten(BaseModel):
    etag: str


class ValidateResult(BaseModel):
    ok: bool
    output: str
    errors: list[ErrorOut]
    duration_ms: float


class Position(BaseModel):
    x: float
    y: float


class Layout(BaseModel):
    positions: dict[str, Position]


# What a save may write: finite, bounded numbers under bounded node ids, so the file reads back.
Coordinate = Annotated[
    float, Field(allow_inf_nan=False, ge=-layout.MAX_COORDINATE, le=layout.MAX_COORDINATE)
]
NodeId = Annotated[str, StringConstraints(min_length=1, max_length=layout.MAX_NODE_ID)]


class PositionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: Coordinate
    y: Coordinate


class LayoutUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    positions: dict[NodeId, PositionUpdate | None] = Field(max_length=layout.MAX_NODES)


class TerminalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cols: int = Field(default=80, ge=1, le=1000)
    rows: int = Field(default=24, ge=1, le=1000)


class TerminalOut(BaseModel):
    id: str
    project_id: str
    pid: int
    shell: str
    cols: int
    rows: int
    attached: int = 0
    created_at: datetime
