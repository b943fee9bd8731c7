// An asset's dependencies picked on the graph: a click adds or removes one; the asset itself,
// and what already depends on it (a cycle), cannot be picked.
import { useCallback, useMemo, useState } from 'react'
import type { Definitions } from '../api/types'
import { GraphPicker } from './GraphPicker'
import { unpickableDeps } from './picking'

interface DepsPickerProps {
  definitions: Definitions | undefined
  /** the asset's key: the one edited, or the name typed for a new one */
  asset: string
  initial: readonly string[]
  onDone: (deps: string[]) => void
  onCancel: () => void
}

export function DepsPicker({ definitions, asset, initial, onDone, onCancel }: DepsPickerProps) {
  const [deps, setDeps] = useState<string[]>([...initial])
  const picked = useMemo(() => new Set(deps), [deps])
  const unpickable = useMemo(() => unpickableDeps(definitions, asset), [definitions, asset])
  const toggle = useCallback(
    (key: string) => setDeps((current) => (current.includes(key) ? current.filter((k) => k !== key) : [...current, key])),
    [],
  )
  return (
    <GraphPicker
      definitions={definitions}
      title={`Picking dependencies of asset ${asset || '(unnamed)'}`}
      picked={picked}
      unpickable={unpickable}
      detail={deps.length > 0 ? <code className="graph-picker-text">{deps.join(', ')}</code> : null}
      onToggle={toggle}
      onDone={() => onDone(deps)}
      onCancel={onCancel}
    />
  )
}
