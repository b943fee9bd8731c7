import { useMemo, useState } from 'react'
import { useScaffold } from '../api/hooks'
import type { ComponentType, DefsInstance, ScaffoldResult } from '../api/types'
import { SchemaForm, type JSONSchema } from '../form'
import { Dialog } from '../ui/Dialog'
import { displayName } from '../palette/paletteModel'
import { isPythonTarget, pathProblem, suggestPath } from './scaffoldPath'

interface ScaffoldDialogProps {
  projectId: string
  type: ComponentType
  instances: DefsInstance[]
  onClose: () => void
  onCreated: (result: ScaffoldResult) => void
}

function hasParams(schema: Record<string, unknown> | null): schema is JSONSchema {
  const properties = schema?.properties as Record<string, unknown> | undefined
  return !!properties && Object.keys(properties).length > 0
}

/** Asks for the new definition's path (and the type's scaffold parameters), then scaffolds. */
export function ScaffoldDialog({ projectId, type, instances, onClose, onCreated }: ScaffoldDialogProps) {
  const taken = useMemo(() => new Set(instances.map((i) => i.path)), [instances])
  const [path, setPath] = useState(() => suggestPath(type, taken))
  const [params, setParams] = useState<Record<string, unknown>>({})
  const scaffold = useScaffold(projectId)
  const python = isPythonTarget(type)
  const local = pathProblem(path, python)
  const submit = () => {
    if (local) return
    scaffold.mutate(
      { type: type.key, path, ...(hasParams(type.scaffold_params_schema) ? { params } : {}) },
      { onSuccess: onCreated },
    )
  }
  return (
    <Dialog
      title={`Add ${displayName(type)}`}
      onClose={onClose}
      width={560}
      footer={
        <>
          <button className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button primary" onClick={submit} disabled={!!local || scaffold.isPending}>
            {scaffold.isPending ? 'Scaffolding…' : 'Scaffold'}
          </button>
        </>
      }
    >
      <form
        className="scaffold-form"
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <p className="muted scaffold-type">
          <code>{type.key}</code> — {type.summary}
        </p>
        <label className="field-label" htmlFor="scaffold-path">
          {python ? 'File in the defs folder' : 'Folder in the defs folder'}
        </label>
        <input
          id="scaffold-path"
          className="text mono"
          value={path}
          autoFocus
          onChange={(event) => setPath(event.target.value)}
        />
        <div className="field-help">
          Runs Dagster's scaffolder, as <code>dg scaffold defs {type.key} {path || '…'}</code>.
        </div>
        {local && <div className="field-error">{local}</div>}
        {hasParams(type.scaffold_params_schema) && (
          <div className="scaffold-params">
            <h3>Scaffold parameters</h3>
            <SchemaForm schema={type.scaffold_params_schema} value={params} onChange={setParams} idPrefix="scaffold" />
          </div>
        )}
        {scaffold.error && <div className="notice error">{scaffold.error.message}</div>}
      </form>
    </Dialog>
  )
}
