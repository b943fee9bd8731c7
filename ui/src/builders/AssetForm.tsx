// A Python asset, or a SQL asset (a query run through a DuckDB resource): what it is, what it depends
// on (existing assets, picked), its partitions and when Dagster materializes it by itself.
import { useMemo, useState } from 'react'
import type { AssetParams, Automation, Partitions, SqlAssetParams } from '../api/builders'
import { BuilderDialog, type FormProps } from './BuilderDialog'
import { cronWords } from './cron'
import { AssetPicker, DescriptionField, Field, NameField, PairsEditor, PickOnGraphButton, Radios } from './fields'
import { DepsPicker } from './DepsPicker'
import { usePickOnGraph } from './picking'
import { fieldError, listText, pairsOf, parseList, recordOf, type FormErrors, type Pair } from './values'

const SHOWN = ['name', 'description', 'group', 'owners', 'tags', 'kinds', 'deps', 'partitions', 'automation', 'body', 'sql', 'connection']

type PartitionChoice = Partitions['type'] | 'none'
type AutomationChoice = Automation['condition'] | 'none'

const PARTITIONS: ReadonlyArray<{ id: PartitionChoice; label: string }> = [
  { id: 'none', label: 'None' },
  { id: 'hourly', label: 'Hourly' },
  { id: 'daily', label: 'Daily' },
  { id: 'weekly', label: 'Weekly' },
  { id: 'monthly', label: 'Monthly' },
  { id: 'static', label: 'Static' },
]

const AUTOMATIONS: ReadonlyArray<{ id: AutomationChoice; label: string }> = [
  { id: 'none', label: 'Manual' },
  { id: 'eager', label: 'When upstream changes' },
  { id: 'on_missing', label: 'When missing' },
  { id: 'on_cron', label: 'On a cron' },
]

const AUTOMATION_HELP: Record<AutomationChoice, string> = {
  none: 'Materialized when someone, a job or a schedule runs it.',
  eager: "Dagster's eager condition: as soon as an upstream asset is updated.",
  on_missing: 'Once for each partition that has never been materialized.',
  on_cron: 'Once per cron tick, after its upstream assets have updated.',
}

export function AssetForm(form: FormProps<'asset'>) {
  return <AssetFields kind="asset" form={form} />
}

export function SqlAssetForm(form: FormProps<'sql_asset'>) {
  return <AssetFields kind="sql_asset" form={form} />
}

type AssetKindProps = { kind: 'asset'; form: FormProps<'asset'> } | { kind: 'sql_asset'; form: FormProps<'sql_asset'> }

function AssetFields({ kind, form }: AssetKindProps) {
  const initial: Partial<SqlAssetParams> | undefined = form.editing?.params
  const [name, setName] = useState(initial?.name ?? '')
  const [description, setDescription] = useState(initial?.description ?? '')
  const [group, setGroup] = useState(initial?.group ?? '')
  const [owners, setOwners] = useState(listText(initial?.owners))
  // a new asset shows what it is in Dagster's UI: its kinds start as the builder's
  const [kinds, setKinds] = useState(listText(initial?.kinds ?? (kind === 'sql_asset' ? ['duckdb', 'sql'] : ['python'])))
  const [tags, setTags] = useState<Pair[]>(pairsOf(initial?.tags))
  const [deps, setDeps] = useState<string[]>(initial?.deps ?? [])
  const [partitionType, setPartitionType] = useState<PartitionChoice>(initial?.partitions?.type ?? 'none')
  const [startDate, setStartDate] = useState(initial?.partitions?.start_date ?? '')
  const [values, setValues] = useState(listText(initial?.partitions?.values))
  const [automation, setAutomation] = useState<AutomationChoice>(initial?.automation?.condition ?? 'none')
  const [automationCron, setAutomationCron] = useState(initial?.automation?.cron ?? '0 * * * *')
  const [sql, setSql] = useState(initial?.sql ?? '')
  const [connection, setConnection] = useState(initial?.connection ?? 'duckdb')
  // a new function's body; an edit keeps the body in the file as it is
  const [body, setBody] = useState('')

  const editing = form.editing !== null
  const others = useMemo(
    () => (form.definitions?.assets ?? []).map((a) => a.key).filter((key) => key !== (form.editing?.name ?? name.trim())),
    [form.definitions, form.editing, name],
  )
  const parsedTags = recordOf(tags, 'tag')
  const picking = usePickOnGraph()
  const picker = picking.open && (
    <DepsPicker
      definitions={form.definitions}
      asset={form.editing?.name ?? name.trim()}
      initial={deps}
      onDone={(picked) => {
        setDeps(picked)
        picking.close()
      }}
      onCancel={picking.close}
    />
  )

  const partitions: Partitions | null =
    partitionType === 'none'
      ? null
      : partitionType === 'static'
        ? { type: 'static', values: parseList(values) }
        : { type: partitionType, start_date: startDate || null }
  const automationParams: Automation | null =
    automation === 'none' ? null : automation === 'on_cron' ? { condition: 'on_cron', cron: automationCron.trim() } : { condition: automation }
  const problem = !name.trim()
    ? 'Name the asset.'
    : kind === 'sql_asset' && !sql.trim()
      ? 'Write its SQL query.'
      : parsedTags.error
        ? 'Fix the tags.'
        : null
  const common: AssetParams = {
    name: name.trim(),
    description,
    group: group.trim() || null,
    owners: parseList(owners),
    tags: parsedTags.value,
    kinds: parseList(kinds),
    deps,
    partitions,
    automation: automationParams,
    ...(!editing && kind === 'asset' && body.trim() ? { body } : {}),
  }
  const noun = kind === 'sql_asset' ? 'SQL asset' : 'asset'
  const fields = (errors: FormErrors) => (
    <>
      <NameField id="asset-name" value={name} onChange={setName} error={fieldError(errors, 'name')} help="Its asset key, and the name of its function." />
      <Field label="Group" id="asset-group" error={fieldError(errors, 'group')}>
        <input id="asset-group" className="text mono" list="asset-groups" value={group} placeholder="default" onChange={(event) => setGroup(event.target.value)} />
        <datalist id="asset-groups">
          {[...new Set((form.definitions?.assets ?? []).map((a) => a.group).filter(Boolean))].map((g) => (
            <option key={g} value={g ?? ''} />
          ))}
        </datalist>
      </Field>
      <DescriptionField id="asset-description" value={description} onChange={setDescription} error={fieldError(errors, 'description')} />
      {kind === 'sql_asset' && (
        <>
          <Field label="SQL query" id="asset-sql" error={fieldError(errors, 'sql')} help="A SELECT; its result becomes the table of the asset.">
            <textarea id="asset-sql" className="text mono" rows={8} spellCheck={false} value={sql} onChange={(event) => setSql(event.target.value)} />
          </Field>
          <Field label="DuckDB resource" id="asset-connection" error={fieldError(errors, 'connection')} help="The resource the query runs through; `duckdb` (the file data/warehouse.duckdb in the project) is made when missing.">
            <input id="asset-connection" className="text mono" value={connection} onChange={(event) => setConnection(event.target.value)} />
          </Field>
        </>
      )}
      <AssetPicker
        label="Depends on"
        id="asset-deps"
        keys={others}
        selected={deps}
        onChange={setDeps}
        error={fieldError(errors, 'deps')}
        action={<PickOnGraphButton onClick={picking.start} />}
      />
      <Field label="Owners" id="asset-owners" error={fieldError(errors, 'owners')} help="`team:name` or email addresses, separated by commas.">
        <input id="asset-owners" className="text" value={owners} placeholder="team:analytics, ana@example.com" onChange={(event) => setOwners(event.target.value)} />
      </Field>
      <Field label="Kinds" id="asset-kinds" error={fieldError(errors, 'kinds')} help="Shown as icons in Dagster: python, duckdb, snowflake, … separated by commas.">
        <input id="asset-kinds" className="text" value={kinds} onChange={(event) => setKinds(event.target.value)} />
      </Field>
      <PairsEditor label="Tags" pairs={tags} onChange={setTags} error={parsedTags.error ?? fieldError(errors, 'tags')} />
      <Field label="Partitions" error={fieldError(errors, 'partitions')}>
        <Radios label="Partitions" options={PARTITIONS} value={partitionType} onChange={setPartitionType} />
        {partitionType === 'static' && (
          <input
            aria-label="Partition values"
            className="text mono"
            value={values}
            placeholder="us, eu, apac"
            onChange={(event) => setValues(event.target.value)}
          />
        )}
        {partitionType !== 'none' && partitionType !== 'static' && (
          <label className="builder-inline">
            First partition <input className="text" type="date" aria-label="First partition" value={startDate} onChange={(event) => setStartDate(event.target.value)} />
          </label>
        )}
      </Field>
      <Field label="Automation" error={fieldError(errors, 'automation')} help={AUTOMATION_HELP[automation]}>
        <Radios label="Automation" options={AUTOMATIONS} value={automation} onChange={setAutomation} />
        {automation === 'on_cron' && (
          <>
            <input aria-label="Automation cron" className="text mono" value={automationCron} onChange={(event) => setAutomationCron(event.target.value)} />
            <span className="muted">{cronWords(automationCron) ?? 'Not a cron expression cronstrue can read.'}</span>
          </>
        )}
      </Field>
      {kind === 'asset' &&
        (editing ? (
          <p className="muted">Its function's body stays as it is in the file: edit it in the Code view.</p>
        ) : (
          <Field label="Function body" id="asset-body" error={fieldError(errors, 'body')} help="Python; left empty, the builder writes a starting point to edit in the Code view.">
            <textarea id="asset-body" className="text mono" rows={6} spellCheck={false} value={body} onChange={(event) => setBody(event.target.value)} />
          </Field>
        ))}
    </>
  )
  if (kind === 'sql_asset') {
    const params: SqlAssetParams | null = problem ? null : { ...common, sql, connection: connection.trim() }
    return (
      <BuilderDialog kind="sql_asset" noun={noun} form={form} params={params} problem={problem} shown={SHOWN} picker={picker}>
        {fields}
      </BuilderDialog>
    )
  }
  return (
    <BuilderDialog kind="asset" noun={noun} form={form} params={problem ? null : common} problem={problem} shown={SHOWN} picker={picker}>
      {fields}
    </BuilderDialog>
  )
}
