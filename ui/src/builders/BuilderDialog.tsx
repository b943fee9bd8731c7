// The frame of every builder form: a dialog whose Save writes the definition (a new one, or
// the one edited), and the server's refusals beside the fields they are about.
import { useMemo, type ReactNode } from 'react'
import { useSaveBuilder, type BuilderKind, type BuildResult, type ParamsOf } from '../api/builders'
import type { Definitions } from '../api/types'
import { Dialog } from '../ui/Dialog'
import { Ticked } from '../ui/Ticked'
import { formErrors, unclaimed, type FormErrors } from './values'

/** What every builder form is given. */
export interface FormProps<K extends BuilderKind> {
  projectId: string
  definitions: Definitions | undefined
  /** the definition edited, its name and parameters; null: a new one */
  editing: { name: string; params: ParamsOf[K] } | null
  onClose: () => void
  onSaved: (result: BuildResult) => void
}

interface BuilderDialogProps<K extends BuilderKind> {
  kind: K
  /** what it builds: "schedule", "SQL asset" */
  noun: string
  form: FormProps<K>
  /** the parameters as typed; null while they cannot be sent (`problem` says why) */
  params: ParamsOf[K] | null
  problem: string | null
  /** the top-level parameters the form shows, with their own errors */
  shown: readonly string[]
  children: (errors: FormErrors) => ReactNode
  width?: number
  /** assets picked on the graph: the dialog steps aside, all it holds kept, until it is done */
  picker?: ReactNode
}

export function BuilderDialog<K extends BuilderKind>({ kind, noun, form, params, problem, shown, children, width = 640, picker = null }: BuilderDialogProps<K>) {
  const save = useSaveBuilder(form.projectId)
  const errors = useMemo(() => formErrors(save.error), [save.error])
  const others = unclaimed(errors, shown)
  const editing = form.editing?.name
  const submit = () => {
    if (!params || save.isPending) return
    save.mutate({ kind, name: editing, params }, { onSuccess: form.onSaved })
  }
  return (
    <>
      <Dialog
        title={editing ? `Edit ${noun} ${editing}` : `New ${noun}`}
        onClose={form.onClose}
        width={width}
        hidden={Boolean(picker)}
        footer={
          <>
            {problem && <span className="muted builder-problem">{problem}</span>}
            <button className="button" onClick={form.onClose}>
              Cancel
            </button>
            <button className="button primary" disabled={!params || save.isPending} onClick={submit}>
              {save.isPending ? 'Saving…' : editing ? 'Save' : `Create ${noun}`}
            </button>
          </>
        }
      >
        <form
          className="builder-form"
          onSubmit={(event) => {
            event.preventDefault()
            submit()
          }}
        >
          {children(errors)}
          {(errors.message || others.length > 0) && (
            <div className="notice error" role="alert" aria-label="Not saved">
              {errors.message && <Ticked text={errors.message} />}
              {others.map((line) => (
                <div key={line}>
                  <Ticked text={line} />
                </div>
              ))}
            </div>
          )}
        </form>
      </Dialog>
      {picker}
    </>
  )
}
