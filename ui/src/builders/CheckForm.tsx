// An asset check: on which asset, what it checks (row count, freshness, columns, custom code),
// how bad a failure is and whether it stops what comes downstream.
import { useState } from 'react'
import type { AssetCheckParams, CheckType } from '../api/builders'
import { BuilderDialog, type FormProps } from './BuilderDialog'
import { AssetPicker, DescriptionField, Field, NameField, PairsEditor, Radios } from './fields'
import { fieldError, listText, pairsOf, parseList, recordOf, type Pair } from './values'

const SHOWN = [
  'name',
  'asset',
  'check_type',
  'description',
  'severity',
  'blocking',
  'min_rows',
  'max_rows',
  'max_age_hours',
  'columns',
  'column_names',
  'connection',
  'body',
]

const TYPES: ReadonlyArray<{ id: CheckType; label: string }> = [
  { id: 'row_count', label: 'Row count' },
  { id: 'freshness', label: 'Freshness' },
  { id: 'column_schema', label: 'Schema' },
  { id: 'not_null', label: 'Not null' },
  { id: 'unique', label: 'Unique' },
  { id: 'custom', label: 'Custom Python' },
]

const TYPE_HELP: Record<CheckType, string> = {
  row_count: "The row count its last materialization recorded (`dagster/row_count`) is within bounds.",
  freshness: 'It was materialized recently enough.',
  column_schema: 'Its last materialization recorded these columns with these types (`dagster/column_schema`).',
  not_null: 'These columns of its DuckDB table hold no null.',
  unique: 'These columns of its DuckDB table hold no value twice.',
  custom: 'Your own Python, returning an AssetCheckResult.',
}

/** A number typed, or null while the field is empty. */
const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text))

export function CheckForm(form: FormProps<'asset_check'>) {
  const initial = form.editing?.params
  const [asset, setAsset] = useState<string[]>(initial?.asset ? [initial.asset] : [])
  const [name, setName] = useState(initial?.name ?? '')
  const [type, setType] = useState<CheckType>(initial?.check_type ?? 'row_count')
  const [description, setDescription] = useState(initial?.description ?? '')
  const [severity, setSeverity] = useState<'ERROR' | 'WARN'>(initial?.severity ?? 'ERROR')
  const [blocking, setBlocking] = useState(initial?.blocking ?? false)
  const [minRows, setMinRows] = useState(String(initial?.min_rows ?? 1))
  const [maxRows, setMaxRows] = useState(initial?.max_rows != null ? String(initial.max_rows) : '')
  const [maxAge, setMaxAge] = useState(String(initial?.max_age_hours ?? 24))
  const [columns, setColumns] = useState<Pair[]>(pairsOf(initial?.columns))
  const [columnNames, setColumnNames] = useState(listText(initial?.column_names))
  const [connection, setConnection] = useState(initial?.connection ?? 'duckdb')
  const [body, setBody] = useState('')

  const editing = form.editing !== null
  const parsedColumns = recordOf(columns, 'column')
  const numbers = { min_rows: numberOrNull(minRows), max_rows: numberOrNull(maxRows), max_age_hours: numberOrNull(maxAge) }
  const badNumber =
    (type === 'row_count' && (numbers.min_rows === null || !Number.isInteger(numbers.min_rows) || (numbers.max_rows !== null && !Number.isInteger(numbers.max_rows)))) ||
    (type === 'freshness' && (numbers.max_age_hours === null || Number.isNaN(numbers.max_age_hours)))
  const problem = asset.length === 0
    ? 'Pick the asset it checks.'
    : !name.trim()
      ? 'Name the check.'
      : badNumber
        ? type === 'row_count'
          ? 'Row counts are whole numbers.'
          : 'Enter the most hours since the last materialization.'
        : type === 'column_schema' && parsedColumns.error
          ? 'Fix the columns.'
          : null
  const params: AssetCheckParams | null = problem
    ? null
    : {
        name: name.trim(),
        asset: asset[0],
        check_type: type,
        description,
        severity,
        blocking,
        ...(type === 'row_count' ? { min_rows: numbers.min_rows ?? 0, max_rows: numbers.max_rows } : {}),
        ...(type === 'freshness' ? { max_age_hours: numbers.max_age_hours ?? 24 } : {}),
        ...(type === 'column_schema' ? { columns: parsedColumns.value } : {}),
        ...(type === 'not_null' || type === 'unique' ? { column_names: parseList(columnNames), connection: connection.trim() } : {}),
        ...(type === 'custom' && !editing && body.trim() ? { body } : {}),
      }

  return (
    <BuilderDialog kind="asset_check" noun="check" form={form} params={params} problem={problem} shown={SHOWN}>
      {(errors) => (
        <>
          <AssetPicker
            label="Asset"
            id="check-asset"
            single
            keys={(form.definitions?.assets ?? []).map((a) => a.key)}
            selected={asset}
            onChange={setAsset}
            error={fieldError(errors, 'asset')}
          />
          <NameField id="check-name" value={name} onChange={setName} error={fieldError(errors, 'name')} help="A Python name, unique among the asset's checks." />
          <Field label="Check type" error={fieldError(errors, 'check_type')} help={TYPE_HELP[type]}>
            <Radios label="Check type" options={TYPES} value={type} onChange={setType} />
          </Field>
          {type === 'row_count' && (
            <div className="builder-row">
              <Field label="At least rows" id="check-min-rows" error={fieldError(errors, 'min_rows')}>
                <input id="check-min-rows" className="text builder-number" type="number" min={0} value={minRows} onChange={(event) => setMinRows(event.target.value)} />
              </Field>
              <Field label="At most rows" id="check-max-rows" error={fieldError(errors, 'max_rows')} help="Empty: no upper bound.">
                <input id="check-max-rows" className="text builder-number" type="number" min={0} value={maxRows} onChange={(event) => setMaxRows(event.target.value)} />
              </Field>
            </div>
          )}
          {type === 'freshness' && (
            <Field label="At most hours old" id="check-max-age" error={fieldError(errors, 'max_age_hours')}>
              <input id="check-max-age" className="text builder-number" type="number" min={0} step="any" value={maxAge} onChange={(event) => setMaxAge(event.target.value)} />
            </Field>
          )}
          {type === 'column_schema' && (
            <PairsEditor
              label="Columns"
              keyLabel="Column"
              valueLabel="Type"
              pairs={columns}
              onChange={setColumns}
              error={parsedColumns.error ?? fieldError(errors, 'columns')}
            />
          )}
          {(type === 'not_null' || type === 'unique') && (
            <>
              <Field label="Columns" id="check-columns" error={fieldError(errors, 'column_names')} help="Separated by commas.">
                <input id="check-columns" className="text mono" value={columnNames} placeholder="order_id, customer_id" onChange={(event) => setColumnNames(event.target.value)} />
              </Field>
              <Field label="DuckDB resource" id="check-connection" error={fieldError(errors, 'connection')} help="The resource that holds the table, named after the asset; `duckdb` is made when missing.">
                <input id="check-connection" className="text mono" value={connection} onChange={(event) => setConnection(event.target.value)} />
              </Field>
            </>
          )}
          {type === 'custom' &&
            (editing ? (
              <p className="muted">Its code stays as it is in the file: edit it in the Code view.</p>
            ) : (
              <Field label="Function body" id="check-body" error={fieldError(errors, 'body')} help="Python; left empty, the builder writes a starting point.">
                <textarea id="check-body" className="text mono" rows={6} spellCheck={false} value={body} onChange={(event) => setBody(event.target.value)} />
              </Field>
            ))}
          <Field label="Severity" error={fieldError(errors, 'severity')}>
            <Radios
              label="Severity"
              options={[
                { id: 'ERROR', label: 'Error' },
                { id: 'WARN', label: 'Warning' },
              ]}
              value={severity}
              onChange={setSeverity}
            />
          </Field>
          <label className="builder-check">
            <input type="checkbox" checked={blocking} onChange={(event) => setBlocking(event.target.checked)} /> Blocking{' '}
            <span className="muted">(a failure stops the assets downstream in the same run)</span>
          </label>
          <DescriptionField id="check-description" value={description} onChange={setDescription} error={fieldError(errors, 'description')} />
        </>
      )}
    </BuilderDialog>
  )
}
