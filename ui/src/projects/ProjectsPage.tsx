import { useEffect, useMemo, useState } from 'react'
import { useProjects } from '../api/hooks'
import { navigate } from '../app/router'
import { Empty, Spinner } from '../ui/bits'
import { ThemeSwitch } from '../ui/ThemeSwitch'
import { ImportDialog } from '../shipping/ImportDialog'
import { NewProjectDialog } from './NewProjectDialog'
import { OpenProjectDialog } from './OpenProjectDialog'
import { ProjectCard } from './ProjectCard'
import { StartersSection } from './StartersSection'
import { groupByWorkspace } from './workspaces'
import './projects.css'

/** The start page: the starters, every project of the workspace, and New / Open. */
export function ProjectsPage() {
  const projects = useProjects()
  const [dialog, setDialog] = useState<'new' | 'open' | 'import' | null>(null)
  const [starter, setStarter] = useState('empty')
  // A project the user just asked for opens by itself once it is ready.
  const [awaiting, setAwaiting] = useState<string | null>(null)
  const taken = useMemo(() => projects.data?.map((p) => p.name) ?? [], [projects.data])

  useEffect(() => {
    const project = projects.data?.find((p) => p.id === awaiting)
    if (project?.status === 'ready') navigate(`/projects/${encodeURIComponent(project.id)}`)
  }, [projects.data, awaiting])

  return (
    <main className="projects-page">
      <header className="projects-header">
        <div>
          <h1>Dagster Designer</h1>
          <p className="muted">Projects in this workspace</p>
        </div>
        <div className="projects-actions">
          <ThemeSwitch />
          <button className="button" onClick={() => setDialog('open')}>
            Open folder…
          </button>
          <button className="button" onClick={() => setDialog('import')}>
            Import ZIP…
          </button>
          <button
            className="button primary"
            onClick={() => {
              setStarter('empty')
              setDialog('new')
            }}
          >
            New project
          </button>
        </div>
      </header>
      {projects.isPending && <Spinner label="Loading projects" />}
      {projects.error && <div className="notice error">{projects.error.message}</div>}
      {projects.data?.length === 0 && (
        <Empty>
          No projects yet. Create one with <strong>New project</strong>, or open an existing dg
          project folder.
        </Empty>
      )}
      {groupByWorkspace(projects.data ?? []).map(({ workspace, projects: group }) => (
        <section
          key={workspace?.path ?? ''}
          className="project-group"
          aria-label={workspace ? `Workspace ${workspace.name}` : 'Projects'}
        >
          {workspace && (
            <h2 className="project-group-title" title={workspace.path}>
              {workspace.name} <span className="muted">dg workspace</span>
            </h2>
          )}
          <div className="project-grid">
            {group.map((project) => (
              <ProjectCard key={project.id} project={project} />
            ))}
          </div>
        </section>
      ))}
      <StartersSection
        taken={taken}
        onCreated={setAwaiting}
        onName={(id) => {
          setStarter(id)
          setDialog('new')
        }}
      />
      {dialog === 'new' && (
        <NewProjectDialog
          starter={starter}
          taken={taken}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setAwaiting(id)
            setDialog(null)
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(id) => {
            setAwaiting(id)
            setDialog(null)
          }}
        />
      )}
      {dialog === 'open' && (
        <OpenProjectDialog
          onClose={() => setDialog(null)}
          onOpened={(id) => {
            setAwaiting(id)
            setDialog(null)
          }}
          onOpenedWorkspace={() => setDialog(null)}
        />
      )}
    </main>
  )
}
