import { useState } from 'react'
import { useCreateProject } from '../api/hooks'
import { FieldDialog } from '../ui/FieldDialog'

/** The server decides what a valid name is; this gives quick hints while typing. */
function hint(name: string): string | null {
  if (!name) return null
  if (/\s/.test(name)) return 'Use underscores instead of spaces.'
  if (name.includes('/') || name.includes('..')) return 'A name, not a path.'
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) return 'Letters, digits, underscores and hyphens, starting with a letter.'
  return null
}

export function NewProjectDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [name, setName] = useState('')
  const create = useCreateProject()
  return (
    <FieldDialog
      title="New project"
      label="Project name"
      inputId="new-project-name"
      value={name}
      onChange={setName}
      placeholder="sales_analytics"
      help={
        <>
          Runs <code>create-dagster project</code> with Dagster 1.13.27 and builds the project's own environment with uv.
          The name becomes the Python package.
        </>
      }
      error={create.error?.message ?? hint(name)}
      submitLabel="Create"
      busy={create.isPending}
      onSubmit={() => create.mutate({ name }, { onSuccess: (project) => onCreated(project.id) })}
      onClose={onClose}
    />
  )
}
