import { useState } from 'react'
import { useRemoveProject } from '../api/hooks'
import type { Project } from '../api/types'
import { navigate } from '../app/router'
import { Badge, Spinner } from '../ui/bits'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { exportHref } from '../shipping/shipping'

const TONE = { ready: 'ok', creating: 'accent', error: 'error' } as const

export function ProjectCard({ project }: { project: Project }) {
  const remove = useRemoveProject()
  const [confirm, setConfirm] = useState(false)
  const open = () => navigate(`/projects/${encodeURIComponent(project.id)}`)
  return (
    <article className="project-card" data-project={project.id} data-status={project.status}>
      <div className="project-card-head">
        <h2>{project.name}</h2>
        <Badge tone={TONE[project.status]}>{project.status}</Badge>
      </div>
      <div className="project-path mono" title={project.path}>
        {project.path}
      </div>
      {project.status === 'creating' && (
        <>
          <Spinner label="Creating the project and its environment…" />
          <pre className="log project-log">{project.progress.slice(-8).join('\n')}</pre>
        </>
      )}
      {project.status === 'error' && <pre className="log project-error">{project.error}</pre>}
      <div className="project-card-actions">
        {project.status === 'ready' && (
          <button className="button primary small" onClick={open}>
            Open
          </button>
        )}
        {project.status !== 'creating' && (
          <a className="button small" href={exportHref(project.id)} download title="Download the project as a ZIP">
            Export
          </a>
        )}
        {project.status !== 'creating' && (
          <button className="button small" onClick={() => setConfirm(true)}>
            Remove…
          </button>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          title={`Remove ${project.name}?`}
          onClose={() => setConfirm(false)}
          error={remove.error?.message ?? null}
          actions={[
            {
              label: 'Forget, keep files',
              onClick: () => remove.mutate({ id: project.id, deleteFiles: false }, { onSuccess: () => setConfirm(false) }),
            },
            ...(project.created_here
              ? [
                  {
                    label: 'Delete files',
                    danger: true,
                    onClick: () => remove.mutate({ id: project.id, deleteFiles: true }, { onSuccess: () => setConfirm(false) }),
                  },
                ]
              : []),
          ]}
        >
          <p>
            The designer will stop showing this project. Its folder <code>{project.path}</code> stays on disk unless you
            delete its files{project.created_here ? '' : ' (only possible for projects created inside the workspace)'}.
          </p>
        </ConfirmDialog>
      )}
    </article>
  )
}
