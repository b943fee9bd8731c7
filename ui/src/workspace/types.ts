// Shapes of the endpoints the Code workspace uses (see the server's OpenAPI document).

export interface FileEntry {
  path: string
  type: 'file' | 'dir'
}

export interface FileText {
  text: string
  etag: string
}

export type GitFileStatus = 'modified' | 'added' | 'untracked' | 'deleted' | 'renamed' | 'conflicted'

export interface GitStatus {
  repository: boolean
  branch: string | null
  files: Record<string, GitFileStatus>
}

/** A content match (line and column are null only for name searches, which the tree does itself). */
export interface SearchHit {
  path: string
  line: number | null
  column: number | null
  text: string
}

/** ruff's diagnostics: 1-based lines and columns. */
export interface LintItem {
  line: number
  column: number
  end_line: number
  end_column: number
  message: string
  code: string | null
  severity: 'error' | 'warning'
}

export interface PythonCompletion {
  label: string
  kind: string
  detail: string | null
}

export interface DefsCheckError {
  message: string
  line: number | null
  field: string | null
}

export interface TerminalInfo {
  id: string
  project_id: string
  pid: number
  shell: string
  cols: number
  rows: number
  attached: number
  created_at: string
}
