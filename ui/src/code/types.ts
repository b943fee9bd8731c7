// Shapes of the endpoints the Code view uses: aliases of the generated API types.
import type { components } from '../api/schema.gen'

type Schemas = components['schemas']

export type FileEntry = Schemas['FileEntry']
export type GitStatus = Schemas['GitStatus']
export type GitFileStatus = GitStatus['files'][string]
/** A content match (line and column are null only for name searches, which the tree does itself). */
export type SearchHit = Schemas['SearchHit']
/** ruff's diagnostics: 1-based lines and columns. */
export type LintItem = Schemas['Diagnostic']
export type PythonCompletion = Schemas['Completion']
export type DefsCheckError = Schemas['ProblemItem']
export type TerminalInfo = Schemas['TerminalOut']
export type { FileText } from '../api/types'
