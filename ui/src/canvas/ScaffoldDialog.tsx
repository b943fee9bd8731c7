import { useMemo, useState } from 'react'
import { useScaffold } from '../api/hooks'
import type { ComponentType, DefsInstance, ScaffoldResult } from '../api/types'
import { missingRequired, requiredDefaults, requiredSchema, SchemaForm, type JSONSchema } from '../form'
import { useFillActions } from '../fills/useFillActions'
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

/** The attributes a new instance must have, as a form; null when its schema asks for none. */
function useRequiredAttributes(type: ComponentType, path: string) {
  const schema = useMemo(() => {
    const required = type.schema ? requiredSchema(type.schema as JSONSchema) : null
    return required?.required?.length ? required : null
  }, [type.schema])
  // the defaults the schema gives, and for the components that must produce something one
  // asset named after the instance (it follows the path until the form is edited)
  const [edited, setAttributes] = useState<Record<string, unknown> | null>(null)
  const attributes = useMemo(() => {
    if (edited) return edited
    const start = schema ? requiredDefaults(schema) : {}
    const produces = schema?.properties && 'assets' in schema.properties && !('assets' in start)
    const name = path.split('/').pop()
    return produces && name ? { ...start, assets: [{ key: name }] } : start
  }, [edited, schema, path])
  const missing = useMemo(() => (schema ? missingRequired(schema, attributes) : []), [schema, attributes])
  return { schema, attributes, setAttributes, missing }
}

/** Asks for the new definition's path, the type's scaffold parameters and the attributes it
 * cannot load without, then scaffolds: the first file written is one Dagster loads. */
export function ScaffoldDialog({ projectId, type, instances, onClose, onCreated }: ScaffoldDialogProps) {
  const taken = useMemo(() => new Set(instances.map((i) => i.path)), [instances])
  const [path, setPath] = useState(() => suggestPath(type, taken))
  const [params, setParams] = useState<Record<string, unknown>>({})
  const required = useRequiredAttributes(type, path)
  const fillActions = useFillActions(projectId, type.kind === 'component' ? type.key : null)
  const scaffold = useScaffold(projectId)
  const python = isPythonTarget(type)
  const local = pathProblem(path, python)
  const blocked = !!local || required.missing.length > 0
  const submit = () => {
    if (blocked) return
    scaffold.mutate(
      {
        type: type.key,
        path,
        ...(hasParams(type.scaffold_params_schema) ? { params } : {}),
        ...(required.schema ? { attributes: required.attributes } : {}),
      },
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
          <button className="button primary" onClick={submit} disabled={blocked || scaffold.isPending}>
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
        {required.schema && (
          <div className="scaffold-params">
            <h3>Required attributes</h3>
            <SchemaForm
              schema={required.schema}
              value={required.attributes}
              onChange={required.setAttributes}
              idPrefix="new-attr"
              fieldActions={fillActions}
            />
            {required.missing.length > 0 && (
              <div className="field-error" role="status">
                Fill in {required.missing.join(', ')} to scaffold.
              </div>
            )}
          </div>
        )}
        {scaffold.error && <div className="notice error">{scaffold.error.message}</div>}
      </form>
    </Dialog>
  )
}
