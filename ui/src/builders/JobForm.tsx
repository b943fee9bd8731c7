// A job: the assets of a selection (what it matches shown live), tags and run config.
import { useState } from 'react'
import { stringify } from 'yaml'
import type { JobParams } from '../api/builders'
import { BuilderDialog, type FormProps } from './BuilderDialog'
import { DescriptionField, Field, NameField, PairsEditor, PickOnGraphButton, SelectionMatches } from './fields'
import { useSelectionPicking } from './picking'
import { fieldError, pairsOf, parseConfig, recordOf, type Pair } from './values'

const SHOWN = ['name', 'selection', 'description', 'tags', 'run_config']

export function JobForm(form: FormProps<'job'>) {
  const initial = form.editing?.params
  const [name, setName] = useState(initial?.name ?? '')
  const [description, setDescription] = useState(initial?.description ?? '')
  const [selection, setSelection] = useState(initial?.selection ?? '')
  const [tags, setTags] = useState<Pair[]>(pairsOf(initial?.tags))
  const [config, setConfig] = useState(initial?.run_config ? stringify(initial.run_config) : '')
  const parsedTags = recordOf(tags, 'tag')
  const parsedConfig = parseConfig(config)
  const picking = useSelectionPicking({
    projectId: form.projectId,
    definitions: form.definitions,
    what: `job ${name.trim() || '(unnamed)'}`,
    text: selection,
    onPicked: setSelection,
  })

  const problem = !name.trim()
    ? 'Name the job.'
    : !selection.trim()
      ? 'Enter the asset selection it runs.'
      : parsedTags.error
        ? 'Fix the tags.'
        : parsedConfig.error
          ? 'Fix the run config.'
          : null
  const params: JobParams | null = problem
    ? null
    : { name: name.trim(), selection: selection.trim(), description, tags: parsedTags.value, run_config: parsedConfig.value }

  return (
    <BuilderDialog kind="job" noun="job" form={form} params={params} problem={problem} shown={SHOWN} picker={picking.picker}>
      {(errors) => (
        <>
          <NameField id="job-name" value={name} onChange={setName} error={fieldError(errors, 'name')} />
          <DescriptionField id="job-description" value={description} onChange={setDescription} error={fieldError(errors, 'description')} />
          <Field
            label="Asset selection"
            id="job-selection"
            error={fieldError(errors, 'selection')}
            action={<PickOnGraphButton onClick={picking.start} />}
            help={
              <>
                Dagster's selection syntax: <code>group:analytics</code>, <code>key:raw/*</code>, <code>tag:daily and kind:dbt</code>,{' '}
                <code>*orders</code> (with everything upstream).
              </>
            }
          >
            <input
              id="job-selection"
              className="text mono"
              value={selection}
              spellCheck={false}
              placeholder="group:analytics"
              onChange={(event) => setSelection(event.target.value)}
            />
          </Field>
          <SelectionMatches projectId={form.projectId} text={selection} definitions={form.definitions} />
          <PairsEditor label="Tags" pairs={tags} onChange={setTags} error={parsedTags.error ?? fieldError(errors, 'tags')} />
          <Field
            label="Run config"
            id="job-config"
            error={parsedConfig.error ?? fieldError(errors, 'run_config')}
            help="YAML or JSON, as `dg launch --config` takes it."
          >
            <textarea
              id="job-config"
              className="text mono"
              rows={5}
              value={config}
              spellCheck={false}
              placeholder={'ops:\n  orders:\n    config:\n      rows: 10'}
              onChange={(event) => setConfig(event.target.value)}
            />
          </Field>
        </>
      )}
    </BuilderDialog>
  )
}
