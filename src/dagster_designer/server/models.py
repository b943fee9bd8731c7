"""Request and response bodies and websocket messages: the typed edge of the API (see API.md).

The OpenAPI document is made from these, and the UI's types from it. Models of what is sent as
it is, without validation on the way out (the worker's definitions, pushed messages), forbid
extra keys, so that the tests that validate real answers against them keep them exact.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints, model_validator

from ..project_files import layout


class Exact(BaseModel):
    """A shape sent as it is: every key declared, none more."""

    model_config = ConfigDict(extra="forbid")


class Answer(BaseModel):
    """A response validated on its way out: every field is sent, defaulted or not, so the
    document marks every field as present."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)


class ErrorDetail(BaseModel):
    """Every 4xx answer: what went wrong, in words a user can act on."""

    detail: str


class Health(Answer):
    status: Literal["ok"] = "ok"
    version: str


class WorkerStatus(Exact):
    state: str
    detail: str | None
    restarts: int
    pid: int | None
    dagster_version: str | None
    rss_mb: float | None
    peak_rss_mb: float | None


class IntegrationActivity(Exact):
    """The last change of a project's environment from the integration library."""

    package: str  # as given to uv: `dagster-duckdb==0.29.27`
    action: Literal["add", "remove"]
    state: Literal["running", "done", "failed"]
    error: str | None = None  # present when `state` is `failed`


class ProjectWorkspace(Exact):
    path: str
    name: str


class ProjectOut(Exact):
    id: str
    name: str
    path: str
    status: Literal["creating", "ready", "error"]
    error: str | None = None  # present when `status` is `error`
    created_here: bool
    progress: list[str]
    worker: WorkerStatus | None
    defs_path: str | None = None  # present once the project is open
    integration: IntegrationActivity | None = None  # present once one was added or removed
    workspace: ProjectWorkspace | None = None  # the dg workspace it was opened with


class WorkspaceOpen(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1, max_length=4096)  # the workspace folder, absolute


class ProjectCreate(BaseModel):
    """Either `name` (create in the workspace, from `starter`: `empty` when left out), `path`
    (open an existing project in place) or `git_url` (clone into the workspace, as `name` or
    the repository's name; `branch` and `token` optional: the token is used for that clone
    only, never stored)."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    path: str | None = None
    starter: str | None = None
    git_url: str | None = Field(default=None, min_length=1, max_length=2048)
    branch: str | None = Field(default=None, min_length=1, max_length=255, pattern=r"^[^-\s]")
    token: str | None = Field(default=None, min_length=1, max_length=4096)

    @model_validator(mode="after")
    def _one_of(self) -> ProjectCreate:
        if self.git_url is not None:
            if self.path is not None or self.starter is not None:
                raise ValueError("`git_url` clones a project: give no `path` or `starter`")
        elif (self.name is None) == (self.path is None):
            raise ValueError("give either `name` (to create) or `path` (to open)")
        elif self.branch is not None or self.token is not None:
            raise ValueError("`branch` and `token` are for cloning (with `git_url`)")
        if self.starter is not None and self.name is None:
            raise ValueError("`starter` is for creating a project (with `name`), not opening one")
        return self


class StarterOut(Answer):
    id: str
    title: str
    description: str
    contains: list[str]  # what the project holds, for the start page


class FolderEntry(Answer):
    name: str
    path: str
    is_project: bool  # a first look: it has a pyproject.toml with [tool.dg], or a dg.toml
    is_workspace: bool  # a first look: its dg.toml sets directory_type = "workspace"


class WorkspaceProjectEntry(Answer):
    name: str  # the folder's name
    path: str
    is_project: bool  # checked as opening it would check it
    reason: str | None  # why it cannot be opened: dg's reason, or an entry leading out


class WorkspaceListing(Answer):
    """A dg workspace: its `dg.toml`'s `[[workspace.projects]]`, in order."""

    path: str
    name: str
    projects: list[WorkspaceProjectEntry]


class WorkspaceOpened(Exact):
    path: str
    name: str
    projects: list[ProjectOut]  # in the workspace's order


class FolderListing(Answer):
    path: str
    parent: str | None  # null at a browsable root
    roots: list[str]  # the folders a user may browse: the home folder and the workspace
    is_project: bool  # checked as opening it would check it
    reason: str | None  # why it is not a dg project
    workspace: WorkspaceListing | None  # present when the folder is a dg workspace
    entries: list[FolderEntry]  # its folders, hidden ones left out
    truncated: bool


class ComponentType(Answer):
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


class ProblemItem(Exact):
    """An error of a load, a check or a request to the worker, placed where it can be."""

    message: str
    kind: str | None = None
    file: str | None = None  # project relative
    line: int | None = None
    field: str | None = None  # dotted path of a component attribute
    hint: str | None = None  # a fix, where one is known
    causes: list[str] = []
    detail: str | None = None  # the full traceback text
    defs_path: str | None = None  # the component instance it belongs to
    defs_index: int | None = None


class KeyCandidate(Exact):
    key: str
    score: float


class KeyFix(Exact):
    """A fix the server can make (`POST /key-alignment`) for a reference to a key nothing
    produces: `reference` changes the reference to `candidate`, `producer` renames `candidate`
    to `missing` where it is produced."""

    title: str
    fix: Literal["reference", "producer"]
    missing: str
    candidate: str


class WarningItem(Exact):
    """Something Dagster accepts that will not work as meant; it never makes a load fail."""

    message: str
    kind: Literal["dangling_key", "missing_file"]
    file: str | None
    line: int | None
    field: str | None
    hint: str | None
    defs_path: str | None
    defs_index: int | None
    key: str | None  # the asset or check key whose node shows it
    # `dangling_key`: the key nothing produces, produced keys that look alike, the fixes
    missing: str | None = None
    candidates: list[KeyCandidate] | None = None
    fixes: list[KeyFix] | None = None
    # `missing_file`: the script's project-relative path, null when it lies outside
    path: str | None = None


class DefsInstance(Answer):
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


class Validation(Answer):
    ok: bool
    errors: list[ProblemItem]
    warnings: list[WarningItem] = []
    file: str | None = None


class ScaffoldResult(Answer):
    path: str
    type: str
    files: list[str]
    instance: DefsInstance | None = None
    validation: Validation


class InstanceOut(Answer):
    path: str
    index: int
    type: str | None
    attributes: dict[str, Any] | None
    file: str


class AttributesUpdate(BaseModel):
    """`attributes: null` (what GET gives for a component without attributes) means `{}`."""

    model_config = ConfigDict(extra="forbid")
    attributes: dict[str, Any] | None


class FileEntry(Answer):
    path: str
    type: Literal["file", "dir"]


class FileWritten(Answer):
    etag: str


class ValidateResult(Answer):
    ok: bool
    output: str
    errors: list[ProblemItem]
    duration_ms: float


class Position(Answer):
    x: float
    y: float


class Layout(Answer):
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


class TerminalOut(Answer):
    id: str
    project_id: str
    pid: int
    shell: str
    cols: int
    rows: int
    attached: int = 0
    created_at: datetime


# ------------------------------------------------------------------------------------------------
# What Dagster loads (`GET /definitions`, the live channel): the worker's JSON, sent as it is
# (re-validating thousands of assets would cost more than loading them). `worker/loader.py`
# makes it, in the shape of `dg list defs --json` plus what the designer shows.


class TeamOwner(Exact):
    team: str


class EmailOwner(Exact):
    email: str


class AssetTag(Exact):
    key: str
    value: str


class AutomationCondition(Exact):
    label: str | None
    expanded_label: list[str]


class Origin(Exact):
    """Where a definition comes from: its component instance (YAML document) or module in the
    defs folder; null for definitions made outside it."""

    source: str | None  # `file:line` of its code, project relative
    defs_path: str | None
    defs_index: int | None


class Asset(Origin):
    key: str  # as `dg` writes it: `raw/orders`
    key_parts: list[str]
    deps: list[str]
    group: str | None
    kinds: list[str]
    owners: list[TeamOwner | EmailOwner]
    tags: list[AssetTag]
    description: str | None
    is_executable: bool
    automation_condition: AutomationCondition | None
    code_version: str | None
    partitions: str | None
    # small values whole; a large one as `{"summary", "bytes"}` (see `/assets/{key}/metadata`)
    metadata: dict[str, Any]


class AssetCheck(Origin):
    key: str  # `raw/orders:not_empty`
    asset_key: str
    name: str
    additional_deps: list[str]
    description: str | None


class Job(Origin):
    name: str
    description: str | None
    asset_keys: list[str]


class Schedule(Origin):
    name: str
    cron_schedule: str
    job_name: str | None


class Sensor(Origin):
    name: str
    job_names: list[str]


class Resource(Exact):
    name: str
    type: str


class LoadedComponent(Exact):
    """A component instance Dagster found in the defs folder, with the class it resolved."""

    model_config = ConfigDict(populate_by_name=True)
    defs_path: str
    defs_index: int | None
    class_: str = Field(alias="class")
    decl: str


class Definitions(Exact):
    assets: list[Asset]
    asset_checks: list[AssetCheck]
    jobs: list[Job]
    schedules: list[Schedule]
    sensors: list[Sensor]
    resources: list[Resource]
    components: list[LoadedComponent]
    errors: list[ProblemItem]
    warnings: list[WarningItem]
    # how the worker loaded them, absent when the worker failed to answer: `full`,
    # `incremental`, `quick`, `confirmed` or `full, confirming an error`
    mode: str | None = None
    reason: str | None = None  # why a load was full
    duration_ms: float | None = None


class AssetMetadata(Exact):
    key: str
    metadata: dict[str, Any]  # every value whole


class CompletionState(Answer):
    state: str


class FolderMade(Answer):
    path: str


class Moved(Answer):
    model_config = ConfigDict(populate_by_name=True)
    source: str = Field(alias="from")
    target: str = Field(alias="to")


class FileChanged(BaseModel):
    """412: the file changed since the version `If-Match` named; nothing was written."""

    detail: str
    current_etag: str | None


class CurrentAttributes(BaseModel):
    attributes: dict[str, Any] | None


class AttributesChanged(BaseModel):
    """412: the component file changed since the form was opened; nothing was written. Its
    attributes now (null when it does not read as a component)."""

    detail: str
    current: CurrentAttributes
    current_etag: str


# ------------------------------------------------------------------------------------------------
# Runs (the project's Dagster instance)

# Dagster's `DagsterRunStatus` names.
RunStatus = Literal[
    "QUEUED", "NOT_STARTED", "STARTING", "STARTED", "SUCCESS", "FAILURE", "CANCELING", "CANCELED"
]


class RunLaunch(BaseModel):
    """What to run: an asset selection (its assets' checks run too) or a job."""

    model_config = ConfigDict(extra="forbid")
    selection: str | None = Field(default=None, max_length=100_000)  # a component of many assets
    job: str | None = Field(default=None, max_length=500)
    partition: str | None = Field(default=None, max_length=500)
    config: dict[str, Any] | None = None  # run config, as `dg launch --config-json` takes it
    tags: dict[str, str] | None = None
    checks_only: bool = False  # the checks of the selected assets, not the assets


class RunLaunched(Answer):
    run_id: str
    status: RunStatus


class RunSummary(Exact):
    run_id: str
    status: RunStatus
    job_name: str
    asset_keys: list[str]
    start_time: float | None  # seconds since the epoch
    end_time: float | None


class RunError(Exact):
    message: str
    stack: str


class RunDetail(RunSummary):
    error: RunError | None  # when it failed


class RecordedMetadata(Exact):
    """One entry of what Dagster recorded with a materialization, an observation or a check."""

    label: str
    kind: str  # the metadata value's type: `int`, `float`, `text`, `url`, `md`, `table`...
    value: str  # as text; JSON for structured values


class RunEvent(Exact):
    cursor: int  # every event has its own; the steps' output is journaled as it is read
    timestamp: float
    level: str
    event_type: str  # as Dagster names it; `STDOUT` and `STDERR` for what the steps wrote
    step_key: str | None
    asset_key: str | None
    message: str
    metadata: list[RecordedMetadata] | None  # of materializations, observations, checks


class RunEvents(Exact):
    events: list[RunEvent]
    cursor: int | None  # pass it as `after` to read on
    done: bool  # the run has ended and every event was read


class RunCanceling(Answer):
    run_id: str
    status: RunStatus


class LastMaterialization(Exact):
    run_id: str
    timestamp: float
    metadata: list[RecordedMetadata]


class LastRun(Exact):
    run_id: str
    status: str


class CheckStatus(Exact):
    name: str
    passed: bool | None  # null: never evaluated
    severity: str | None


class AssetStatus(Exact):
    key: str
    last_materialization: LastMaterialization | None
    last_run: LastRun | None
    checks: list[CheckStatus]


class RunTargetLocal(Exact):
    """Runs go to the project's own instance on this machine."""

    kind: Literal["local"]


class RunTargetRemote(Exact):
    """Runs go to a remote Dagster deployment, through its GraphQL API."""

    kind: Literal["remote"]
    url: str  # the webserver's address (Dagster+: `https://<org>.dagster.cloud/<deployment>`)
    location: str  # the code location the project is deployed as
    deployment: str | None  # Dagster+ only
    has_token: bool  # an API token is set (the token itself is never answered)


RunTarget = Annotated[RunTargetLocal | RunTargetRemote, Field(discriminator="kind")]


class RunTargetRemoteSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["remote"]
    url: str = Field(max_length=2000)
    location: str | None = Field(default=None, max_length=500)  # default: the project's
    deployment: str | None = Field(default=None, max_length=500)
    # write-only: kept in memory; omitted keeps the token of the same address, "" forgets it
    token: str | None = Field(default=None, max_length=10_000)


RunTargetSet = Annotated[RunTargetLocal | RunTargetRemoteSet, Field(discriminator="kind")]


# ------------------------------------------------------------------------------------------------
# Schedules and sensors (their state in the project's instance)

# Dagster's `DefaultScheduleStatus` / `DefaultSensorStatus` names.
DefaultStatus = Literal["RUNNING", "STOPPED"]


class InstigatorTarget(Exact):
    job_name: str  # as Dagster names it: `__anonymous_asset_job_<name>` for an asset selection
    asset_keys: list[str]  # what the job materializes; empty for a job of ops


class ScheduleState(Exact):
    name: str
    running: bool  # in the instance, or by its default status until turned on or off
    default_status: DefaultStatus
    cron_schedule: str
    execution_timezone: str
    targets: list[InstigatorTarget]
    next_ticks: list[datetime]  # the next five, in the schedule's timezone


class SensorState(Exact):
    name: str
    running: bool
    default_status: DefaultStatus
    minimum_interval_seconds: int
    sensor_type: str  # Dagster's `SensorType`: `STANDARD`, `ASSET`, `RUN_STATUS`, ...
    targets: list[InstigatorTarget]


class TurnOnOff(BaseModel):
    """Turn a schedule or sensor on or off."""

    model_config = ConfigDict(extra="forbid")
    running: bool


class RunRequest(Exact):
    run_key: str | None
    asset_keys: list[str]
    job_name: str | None  # null: a sensor with several targets asked for none
    tags: dict[str, str]


class TickResult(Exact):
    """One tick evaluated now: what it would launch (nothing is launched)."""

    run_requests: list[RunRequest]
    skip_reason: str | None


# ------------------------------------------------------------------------------------------------
# Builders (`builders/params.py` holds each builder's parameters)


class BuilderInfo(Answer):
    model_config = ConfigDict(populate_by_name=True)
    kind: str
    title: str
    schema_: dict[str, Any] = Field(alias="schema")  # the JSON Schema of its parameters


class BuilderParams(BaseModel):
    params: dict[str, Any]


class BuilderReopened(Answer):
    params: dict[str, Any]


class BuilderResult(Answer):
    name: str
    files: list[str]  # project relative
    ok: bool  # the definition loaded, and the project loads
    errors: list[ProblemItem]
    warnings: list[str]  # e.g. a selection that matches no asset now


class CronPreview(Answer):
    description: str
    next: list[datetime]  # in the timezone asked for


# ------------------------------------------------------------------------------------------------
# Dagster's own UI (`dg dev` of the project, proxied under the project's path)

DagsterUiState = Literal["stopped", "starting", "running", "failed"]


class DagsterUi(Answer):
    state: DagsterUiState
    path: str  # where the designer serves it, on its own origin: open it once `running`
    error: str | None  # why it failed, with its last output


# ------------------------------------------------------------------------------------------------
# Websocket messages (FastAPI does not describe websockets: `server/openapi.py` adds these to
# the document's schemas).


class LiveDefinitions(Exact):
    """`/projects/{id}/live`: the whole definitions, first and whenever the client may have
    missed a version."""

    type: Literal["definitions"]
    version: int
    changed: list[str] | None  # project-relative paths; null: everything was reloaded
    refresh_ms: float
    definitions: Definitions


class KindChange(Exact):
    """One kind's change: `replace` (the whole value), or the items added or modified and the
    identities removed (a key or name; a component's `[defs_path, defs_index]`), with the
    kind's new order when applying them in place would not give it."""

    replace: Any = None
    upsert: list[dict[str, Any]] | None = None
    remove: list[Any] | None = None
    order: list[Any] | None = None


class DefinitionsChange(Exact):
    changes: dict[str, KindChange]  # per field of Definitions
    drop: list[str]  # fields gone from the definitions


class LiveDefinitionsDelta(Exact):
    """`/projects/{id}/live`: what changed since version `base`, sent to a client that has it."""

    type: Literal["definitions_delta"]
    version: int
    base: int
    changed: list[str] | None
    refresh_ms: float
    delta: DefinitionsChange


class LiveMessage(
    RootModel[Annotated[LiveDefinitions | LiveDefinitionsDelta, Field(discriminator="type")]]
):
    """What the live socket sends."""


class HelloEvent(Exact):
    type: Literal["hello"]
    projects: list[ProjectOut]


class ProjectEvent(Exact):
    type: Literal["project"]
    project: ProjectOut


class ProjectRemovedEvent(Exact):
    type: Literal["project_removed"]
    project_id: str


class ProgressEvent(Exact):
    type: Literal["progress"]
    project_id: str
    line: str


class WorkerEvent(Exact):
    type: Literal["worker"]
    project_id: str
    state: str
    detail: str | None
    restarts: int


class DefinitionsEvent(Exact):
    type: Literal["definitions"]
    project_id: str
    version: int
    assets: int
    errors: int


class RunStatusEvent(Exact):
    type: Literal["run"]
    project_id: str
    run_id: str
    status: RunStatus | None


class DagsterUiEvent(Exact):
    type: Literal["dagster_ui"]
    project_id: str
    state: DagsterUiState
    path: str
    error: str | None


class ServerEvent(
    RootModel[
        Annotated[
            HelloEvent
            | ProjectEvent
            | ProjectRemovedEvent
            | ProgressEvent
            | WorkerEvent
            | DefinitionsEvent
            | RunStatusEvent
            | DagsterUiEvent,
            Field(discriminator="type"),
        ]
    ]
):
    """`/events`: project status, creation progress, worker state, loads, run status changes
    and the state of Dagster's UI, for every project."""


class TerminalInput(Exact):
    type: Literal["input"]
    data: str


class TerminalResize(Exact):
    type: Literal["resize"]
    cols: int
    rows: int


class TerminalClientMessage(
    RootModel[Annotated[TerminalInput | TerminalResize, Field(discriminator="type")]]
):
    """What a client sends on `/projects/{id}/terminals/{terminal_id}/ws` as text (a binary
    frame is raw input)."""


class TerminalExit(Exact):
    type: Literal["exit"]
    code: int  # 128 + N for a signal


class TerminalProblem(Exact):
    type: Literal["error"]
    detail: str


class TerminalServerMessage(
    RootModel[Annotated[TerminalExit | TerminalProblem, Field(discriminator="type")]]
):
    """What the terminal socket sends as text; the shell's output comes as binary frames."""


class DagsterGraphqlMessage(BaseModel):
    """What Dagster's webserver and its UI send each other on its GraphQL websocket (the legacy
    `graphql-ws` subprotocol), relayed as it is by the designer's proxy."""

    type: str  # `connection_init`, `connection_ack`, `start`, `data`, `error`, `complete`, ...
    id: str | None = None
    payload: dict[str, Any] | None = None


class IntegrationProvides(Exact):
    components: list[str]  # component type keys, as in component-types
    resources: list[str]  # `module.Class`
    io_managers: list[str]


class Integration(Exact):
    package: str
    title: str
    category: str
    summary: str
    version: str  # the release that goes with the targeted (or the project's) Dagster
    community: bool  # maintained by Dagster's community, released on its own schedule
    docs: str  # a link to its documentation
    provides: IntegrationProvides


class ProjectIntegration(Integration):
    installed: bool  # then `version` and `provides` are those of the installed package


class IntegrationAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")
    package: str


class DeployRequest(BaseModel):
    """Deploy to Dagster+ with `dg plus deploy`; the token is used for this deploy only."""

    model_config = ConfigDict(extra="forbid")
    target: Literal["dagster-plus"]
    organization: str = Field(min_length=1, max_length=200)
    deployment: str = Field(min_length=1, max_length=200)
    token: str = Field(min_length=1, max_length=4096)
    build_strategy: Literal["python-executable", "docker"] | None = None
    location_name: str | None = Field(default=None, max_length=200)
    # the organisation's address when it is not https://<organization>.dagster.cloud
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")


class DeployState(Exact):
    """The last deploy of a project: `none` before the first."""

    state: Literal["none", "running", "done", "failed"]
    target: Literal["dagster-plus"] | None = None
    organization: str | None = None
    deployment: str | None = None
    build_strategy: str | None = None
    location_name: str | None = None
    url: str | None = None
    command: list[str] | None = None  # the argument list after the executable: never a secret
    environment: list[str] | None = None  # the names of the variables set for it
    output: list[str] | None = None  # its last lines, the token masked
    error: str | None = None  # present when `state` is `failed`


class DeployFix(Exact):
    action: Literal["add_package", "configure"]
    package: str | None = None  # for `add_package`: add it with the integration library


class DeployRefused(Exact):
    """A deploy that cannot start: what is missing and, when there is one, the fix to offer."""

    detail: str
    fix: DeployFix | None = None


class DeployConfigure(BaseModel):
    """Scaffold the deploy configuration with `dg plus deploy configure`."""

    model_config = ConfigDict(extra="forbid")
    target: Literal["dagster-plus"]
    agent_type: Literal["serverless", "hybrid"] = "serverless"
    build_strategy: Literal["python-executable", "docker"] = "python-executable"
    agent_platform: Literal["k8s", "ecs", "docker"] | None = None
    registry_url: str | None = Field(default=None, max_length=2000)
    python_version: str | None = Field(default=None, pattern=r"^3\.\d{1,2}$")
    git_provider: Literal["github", "gitlab"] | None = None
    organization: str | None = Field(default=None, max_length=200)
    deployment: str | None = Field(default=None, max_length=200)


class DeployConfigured(Exact):
    ok: bool
    command: list[str]
    output: str
    files: list[str]  # the files it wrote or changed, relative to the project
