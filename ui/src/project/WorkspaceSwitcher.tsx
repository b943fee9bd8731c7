import { useProjects } from '../api/hooks'
import type { Project } from '../api/types'
import { navigate } from '../app/router'
import { workspaceProjects } from '../projects/workspaces'

/** The projects of the dg workspace `project` was opened with: choosing one opens it. Nothing
 * for a project opened on its own. */
export function WorkspaceSwitcher({ project }: { project: Project }) {
  const projects = useProjects()
  const workspace = project.workspace
  const others = workspaceProjects(projects.data ?? [], project)
  if (!workspace || others.length < 2) return null
  return (
    <select
      className="text top-workspace"
      aria-label={`Project of the workspace ${workspace.name}`}
      title={`dg workspace ${workspace.name}: ${workspace.path}`}
      value={project.id}
      onChange={(event) => navigate(`/projects/${encodeURIComponent(event.target.value)}`)}
    >
      {others.map((p) => (
        <option key={p.id} value={p.id}>
          {workspace.name} / {p.name}
        </option>
      ))}
    </select>
  )
}
