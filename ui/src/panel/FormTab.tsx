import { stringify } from 'yaml'
import type { ComponentType, ProblemItem, WarningItem } from '../api/types'
import { SchemaForm, type FieldError, type JSONSchema } from '../form'
import { Spinner } from '../ui/bits'
import { useFillActions } from '../fills/useFillActions'
import { ConflictView } from '../code'
import { shownAttributes, type AttributesForm, type Attributes, type FormState } from './attributesForm'
import { Locked } from './Locked'
import { ProblemList } from './ProblemList'

interface FormTabProps {
  projectId: string
  form: { store: AttributesForm; state: FormState }
  type: ComponentType | undefined
  typeKey: string | null
  /** the component file, project-relative */
  path: string
  problems: ProblemItem[]
  /** warnings tied to a field, shown on it without making it invalid */
  warnings: WarningItem[]
  /** why the file cannot be read as a component now, if it cannot */
  unreadable: string | null
  /** the YAML tab (or the code editor) holds unsaved edits of this file */
  yamlDirty: boolean
  onSaveYaml: () => void
  onRevertYaml: () => void
}

/** Attributes as YAML, to compare two versions of them (never written anywhere). */
const asText = (attributes: Attributes | null): string =>
  attributes === null ? '# The file does not read as a component now.\n' : stringify(attributes)

/** The component's attributes as a form generated from its schema. */
export function FormTab({ projectId, form, type, typeKey, path, problems, warnings, unreadable, yamlDirty, onSaveYaml, onRevertYaml }: FormTabProps) {
  const { store, state } = form
  const fillActions = useFillActions(projectId, type ? typeKey : null)
  const fieldErrors: FieldError[] = [
    ...problems.map((p) => ({ field: p.field ?? null, message: p.message })),
    ...warnings.map((w) => ({ field: w.field ?? null, message: w.message, severity: 'warning' as const })),
  ]
  if (state.base === null && !unreadable) return <Spinner label="Reading the component file…" />
  return (
    <>
      {problems.length > 0 && <ProblemList problems={problems.filter((p) => !p.field)} />}
      {unreadable && (
        <div className="notice error" role="alert">
          The form cannot read this file now: {unreadable} Fix it in the YAML tab.
        </div>
      )}
      {yamlDirty && (
        <Locked editor="YAML" onSave={onSaveYaml} onRevert={onRevertYaml}>
          to edit the form. The form shows the file as saved.
        </Locked>
      )}
      {state.conflict && (
        <ConflictView
          key={state.conflict.reason}
          path={path}
          conflict={{ reason: state.conflict.reason, disk: asText(state.conflict.disk), etag: state.conflict.etag }}
          mine={asText(state.draft)}
          busy={state.saving}
          onKeepMine={() => void store.keepMine()}
          onTakeDisk={() => store.takeDisk()}
          onCancel={() => store.dismissConflict()}
        />
      )}
      {state.error && <div className="notice error">{state.error}</div>}
      {type?.schema ? (
        <SchemaForm
          schema={type.schema as JSONSchema}
          value={shownAttributes(state)}
          onChange={(next) => store.edit(next)}
          errors={fieldErrors}
          disabled={yamlDirty || !!unreadable}
          idPrefix="attr"
          fieldActions={fillActions}
        />
      ) : (
        <p className="muted">
          {type ? 'This component has no attributes schema.' : `The type ${typeKey ?? '(none)'} is not in this project's registry.`}{' '}
          Edit its attributes in the YAML tab.
        </p>
      )}
    </>
  )
}
