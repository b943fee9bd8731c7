import { useState } from 'react'
import { errorMessage } from '../api/client'
import { useScaffold } from '../api/hooks'
import type { FieldFill } from '../api/types'
import { currentFill, fillStep, interfaceName, nothingToFill } from './fillModel'
import './fills.css'

interface FillPickerProps {
  projectId: string
  label: string
  expects: string
  fills: FieldFill[]
  value: unknown
  onChange: (next: unknown) => void
}

const plain = (title: string) => title.replaceAll('`', '')

function optionText(fill: FieldFill): string {
  const step = fillStep(fill)
  if (step.kind === 'install') return `${plain(fill.title)}: run uv add ${step.package} first`
  return plain(fill.title)
}

/** Beside a field that takes a Dagster object: the components that can fill it, written as the
 * template that loads one; a new one is scaffolded first. */
export function FillPicker({ projectId, label, expects, fills, value, onChange }: FillPickerProps) {
  const scaffold = useScaffold(projectId)
  const [error, setError] = useState<string | null>(null)
  if (fills.length === 0) {
    return (
      <span className="fill-none" role="note">
        {nothingToFill(expects)}
      </span>
    )
  }
  const pick = (fill: FieldFill) => {
    const step = fillStep(fill)
    setError(null)
    if (step.kind === 'ready') return onChange(fill.value)
    if (step.kind === 'scaffold') {
      scaffold.mutate(
        { type: step.componentType, path: step.path },
        { onSuccess: () => onChange(fill.value), onError: (failure) => setError(errorMessage(failure)) },
      )
    }
  }
  const held = currentFill(fills, value)
  return (
    <span className="fill-picker">
      <select
        className="fill-select"
        aria-label={`Fill ${label}`}
        title={`Takes a ${interfaceName(expects)}: pick the component that provides it`}
        value={held?.value ?? ''}
        disabled={scaffold.isPending}
        onChange={(event) => {
          const fill = fills.find((f) => f.value === event.target.value)
          if (fill) pick(fill)
        }}
      >
        <option value="" disabled>
          {scaffold.isPending ? 'Scaffolding…' : `Pick a ${interfaceName(expects)}…`}
        </option>
        {fills.map((fill) => (
          <option key={fill.value} value={fill.value} disabled={fillStep(fill).kind === 'install'}>
            {optionText(fill)}
          </option>
        ))}
      </select>
      {error && (
        <span className="fill-error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
