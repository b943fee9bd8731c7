// dg workspaces on the start page and in the top bar: projects grouped by the workspace they were
// opened with, and the projects a project can switch to.
import type { Project } from '../api/types'
import type { FolderListing } from './queries'

export type ProjectGroup = { workspace: { path: string; name: string } | null; projects: Project[] }

/** Projects opened on their own first (as one group without a heading), then one group per
 * workspace in the order its first project appears; order inside a group is kept. */
export function groupByWorkspace(projects: readonly Project[]): ProjectGroup[] {
  const single: Project[] = []
  const groups = new Map<string, ProjectGroup>()
  for (const project of projects) {
    const workspace = project.workspace ?? null
    if (!workspace) {
      single.push(project)
      continue
    }
    const group = groups.get(workspace.path) ?? { workspace, projects: [] }
    group.projects.push(project)
    groups.set(workspace.path, group)
  }
  return [...(single.length ? [{ workspace: null, projects: single }] : []), ...groups.values()]
}

/** The projects of `project`'s workspace, itself included; empty when it has none. */
export function workspaceProjects(projects: readonly Project[], project: Project): Project[] {
  const path = project.workspace?.path
  return path ? projects.filter((p) => p.workspace?.path === path) : []
}

/** How the Open dialog names a workspace folder: "dg workspace: 3 projects". */
export function workspaceSummary(workspace: NonNullable<FolderListing['workspace']>): string {
  const count = workspace.projects.length
  return `dg workspace: ${count} ${count === 1 ? 'project' : 'projects'}`
}

/** Why a workspace cannot be opened (the first project that cannot), or null. */
export function workspaceBlocker(workspace: NonNullable<FolderListing['workspace']>): string | null {
  if (workspace.projects.length === 0) return 'The workspace has no projects yet.'
  const bad = workspace.projects.find((p) => !p.is_project)
  return bad ? `${bad.name}: ${bad.reason ?? 'not a dg project'}` : null
}
