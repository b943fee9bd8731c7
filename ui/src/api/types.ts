// Shapes of the designer's API: aliases of the types generated from the server's OpenAPI
// document (schema.gen.ts, made by `npm run gen:api` from ../openapi.json), plus what only the UI
// adds to them.
import type { components } from './schema.gen'

type Schemas = components['schemas']

export type WorkerStatus = Schemas['WorkerStatus']
export type Project = Schemas['ProjectOut']
export type ProjectStatus = Project['status']
export type ComponentType = Schemas['ComponentType']
export type DefsInstance = Schemas['DefsInstance']
export type ProblemItem = Schemas['ProblemItem']
/** A fix the server can make for a dependency or check on a key nothing produces. */
export type KeyFix = Schemas['KeyFix']
/** Something Dagster accepts that will not work as meant; it never makes a load fail. */
export type WarningItem = Schemas['WarningItem']
export type Asset = Schemas['Asset']
export type AssetCheck = Schemas['AssetCheck']
export type Job = Schemas['Job']
export type Schedule = Schemas['Schedule']
export type Sensor = Schemas['Sensor']
export type Definitions = Schemas['Definitions']
export type Validation = Schemas['Validation']
/** The 412 of a form save: the component file changed since; nothing was written. */
export type AttributesChanged = Schemas['AttributesChanged']
export type ScaffoldResult = Schemas['ScaffoldResult']
export type ValidateResult = Schemas['ValidateResult']
export type FieldFill = Schemas['Fill']
/** Per attribute that takes a Dagster object: the interface it expects and what fills it. */
export type TypeFills = Schemas['TypeFills']
export type Positions = Schemas['Layout']['positions']
export type LineageResult = Schemas['LineageResult']
export type AlignmentResult = Schemas['AlignmentResult']
export type SelectionResult = Schemas['SelectionResult']

/** A file's text and the ETag of that version (the text comes as the body, the ETag as a header). */
export interface FileText {
  text: string
  etag: string
}

/** A component instance with the ETag of its file (from the answer's header). */
export type InstanceDetail = Schemas['InstanceOut'] & { etag: string }

// Websocket messages
/** `/events`: project status, creation progress, worker state and loads. */
export type ServerEvent = Schemas['ServerEvent']
/** `/projects/{id}/live`: the definitions after every change of the project's files. */
export type LiveMessage = Schemas['LiveMessage']
export type DefinitionsChange = Schemas['DefinitionsChange']
export type TerminalClientMessage = Schemas['TerminalClientMessage']
export type TerminalServerMessage = Schemas['TerminalServerMessage']

/** The state of a project's Dagster UI (its `dg dev`) and the path the designer serves it at. */
export type DagsterUi = Schemas['DagsterUi']
export type DagsterUiState = DagsterUi['state']

// Runs in the project's Dagster instance
export type RunStatus = Schemas['RunSummary']['status']
export type RunSummary = Schemas['RunSummary']
export type RunDetail = Schemas['RunDetail']
export type RunEvent = Schemas['RunEvent']
export type RunLaunch = Schemas['RunLaunch']
/** The latest state of one asset in the instance: last materialization, last run, checks. */
export type AssetStatus = Schemas['AssetStatus']

// Schedules and sensors in the project's instance
export type ScheduleState = Schemas['ScheduleState']
export type SensorState = Schemas['SensorState']
