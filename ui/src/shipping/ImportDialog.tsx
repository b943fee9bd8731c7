import { useState } from 'react'
import { Dialog } from '../ui/Dialog'
import { nameFromFile, useImportProject } from './shipping'

/** A ZIP of a project (an export, or a repository's download) becomes a new project. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (id: string) => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [name, setName] = useState('')
  const importing = useImportProject()
  const submit = () => {
    if (file && name && !importing.isPending) {
      importing.mutate({ name, file }, { onSuccess: (project) => onImported(project.id) })
    }
  }
  return (
    <Dialog
      title="Import a project"
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" disabled={!file || !name || importing.isPending} onClick={submit}>
            {importing.isPending ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <label className="field-label" htmlFor="import-file">
          ZIP archive
        </label>
        <input
          id="import-file"
          type="file"
          accept=".zip,application/zip"
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null
            setFile(chosen)
            if (chosen && !name) setName(nameFromFile(chosen.name))
          }}
        />
        <label className="field-label" htmlFor="import-name">
          Project name
        </label>
        <input id="import-name" className="text" value={name} onChange={(event) => setName(event.target.value)} />
        <div className="field-help">
          The archive is checked whole before anything is written, unpacked into the workspace, and its environment built
          with <code>uv sync</code>.
        </div>
        {importing.error && <div className="field-error">{importing.error.message}</div>}
      </form>
    </Dialog>
  )
}
