import { useState } from 'react'
import { useCreateProject } from '../api/hooks'
import { FieldDialog } from '../ui/FieldDialog'

export function OpenProjectDialog({ onClose, onOpened }: { onClose: () => void; onOpened: (id: string) => void }) {
  const [path, setPath] = useState('')
  const open = useCreateProject()
  return (
    <FieldDialog
      title="Open a dg project"
      label="Folder"
      inputId="open-project-path"
      value={path}
      onChange={setPath}
      placeholder="/home/me/code/my_project"
      mono
      help={
        <>
          The absolute path of a folder with a <code>pyproject.toml</code> that has a <code>[tool.dg]</code> section. It is
          opened in place: nothing is copied. Without a <code>.venv</code>, the designer builds one with <code>uv sync</code>.
        </>
      }
      error={open.error?.message ?? null}
      submitLabel="Open"
      busy={open.isPending}
      onSubmit={() => open.mutate({ path }, { onSuccess: (project) => onOpened(project.id) })}
      onClose={onClose}
    />
  )
}
