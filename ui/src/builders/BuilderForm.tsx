import type { BuilderKind } from '../api/builders'
import { AssetForm, SqlAssetForm } from './AssetForm'
import type { FormProps } from './BuilderDialog'
import { CheckForm } from './CheckForm'
import { JobForm } from './JobForm'
import { ScheduleForm } from './ScheduleForm'
import { SensorForm } from './SensorForm'
import './builders.css'

/** A form to open: its kind, and the definition it edits (null: a new one). */
export type OpenedForm = { [K in BuilderKind]: { kind: K; editing: FormProps<K>['editing'] } }[BuilderKind]

/** The form of the builder `opened` names. */
export function BuilderForm({ opened, ...form }: { opened: OpenedForm } & Omit<FormProps<BuilderKind>, 'editing'>) {
  switch (opened.kind) {
    case 'asset':
      return <AssetForm {...form} editing={opened.editing} />
    case 'sql_asset':
      return <SqlAssetForm {...form} editing={opened.editing} />
    case 'schedule':
      return <ScheduleForm {...form} editing={opened.editing} />
    case 'job':
      return <JobForm {...form} editing={opened.editing} />
    case 'sensor':
      return <SensorForm {...form} editing={opened.editing} />
    case 'asset_check':
      return <CheckForm {...form} editing={opened.editing} />
  }
}
