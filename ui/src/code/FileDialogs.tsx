// The file tree's dialogs: a path to create or move to, and the confirmation of a deletion.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { errorMessage } from '../api/client'
import { Dialog } from '../ui/Dialog'
import { basename, parseInputPath } from './paths'

interface PathDialogProps {
  title: string
  label: string
  initial: string
  submitLabel: string
  /** rejects with the reason to show */
  onSubmit: (path: string) => Promise<void>
  onClose: () => void
}

export function PathDialog({ title, label, initial, submitLabel, onSubmit, onClose }: PathDialogProps) {
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    // the name is what one usually changes: select it, without its extension
    const name = basename(initial)
    const start = initial.length - name.length
    const dot = name.lastIndexOf('.')
    field.current?.focus()
    field.current?.setSelectionRange(start, dot > 0 ? start + dot : initial.length)
  }, [initial])
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = parseInputPath(value)
    if ('error' in parsed) {
      setError(parsed.error)
      return
    }
    setBusy(true)
    try {
      await onSubmit(parsed.path)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose} type="button">
            Cancel
          </button>
          <button className="button primary" type="submit" form="ws-path-form" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form id="ws-path-form" onSubmit={submit}>
        <label className="field-label" htmlFor="ws-path-input">
          {label}
        </label>
        <input
          id="ws-path-input"
          className="text mono"
          value={value}
          ref={field}
          spellCheck={false}
          onChange={(event) => {
            setValue(event.target.value)
            setError(null)
          }}
        />
        <div className="field-help">Relative to the project folder; folders that do not exist are created.</div>
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
      </form>
    </Dialog>
  )
}

interface DeleteDialogProps {
  path: string
  type: 'file' | 'dir'
  /** files and folders inside a folder */
  contents: number
  /** open files with unsaved changes that the deletion loses */
  unsaved: readonly string[]
  onConfirm: () => Promise<void>
  onClose: () => void
}

export function DeleteDialog({ path, type, contents, unsaved, onConfirm, onClose }: DeleteDialogProps) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    setBusy(true)
    try {
      await onConfirm()
      onClose()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }
  const contentNote =
    contents === 0 ? ' (it is empty)' : ` and the ${contents} ${contents === 1 ? 'item' : 'files and folders'} in it`
  return (
    <Dialog
      title={type === 'file' ? 'Delete file' : 'Delete folder'}
      onClose={onClose}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button danger" onClick={() => void confirm()} disabled={busy}>
            Delete
          </button>
        </>
      }
    >
      <p>
        Delete the {type === 'file' ? 'file' : 'folder'} <span className="mono">{path}</span>
        {type === 'dir' && contentNote}? This cannot be undone here (git may still have it).
      </p>
      {unsaved.length > 0 && (
        <div className="notice warn">
          Unsaved changes in {unsaved.length === 1 ? unsaved[0] : `${unsaved.length} open files`} will be lost.
        </div>
      )}
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  )
}
