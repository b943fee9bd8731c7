// What picking on the graph needs besides its views: the picker's open state, a selection's
// picker for a form, and which assets cannot be an asset's dependencies.
import { useEffect, useRef, useState } from 'react'
import type { Definitions } from '../api/types'
import { SelectionPicker } from './SelectionPicker'

/** Whether the picker is open; closing it gives the focus back to the button that opened it. */
export function usePickOnGraph() {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLElement | null>(null)
  useEffect(() => {
    if (!open) button.current?.focus()
  }, [open])
  return {
    open,
    start: (from: HTMLElement) => {
      button.current = from
      setOpen(true)
    },
    close: () => setOpen(false),
  }
}

interface SelectionPicking {
  projectId: string
  definitions: Definitions | undefined
  /** the definition it is for, as its form names it: "job daily_sales" */
  what: string
  text: string
  onPicked: (text: string) => void
}

/** A selection's text picked on the graph: the handler of the form's button, and the picker
 * while it is open (for `BuilderDialog`). */
export function useSelectionPicking({ projectId, definitions, what, text, onPicked }: SelectionPicking) {
  const picking = usePickOnGraph()
  const picker = picking.open ? (
    <SelectionPicker
      projectId={projectId}
      definitions={definitions}
      what={what}
      initial={text}
      onDone={(picked) => {
        onPicked(picked)
        picking.close()
      }}
      onCancel={picking.close}
    />
  ) : null
  return { start: picking.start, picker }
}

/** The assets that cannot be `asset`'s dependencies, with why. */
export function unpickableDeps(definitions: Definitions | undefined, asset: string): Map<string, string> {
  const reasons = new Map<string, string>()
  if (!asset) return reasons
  reasons.set(asset, 'This is the asset being built: it cannot depend on itself.')
  const downstream = new Map<string, string[]>()
  for (const a of definitions?.assets ?? []) for (const dep of a.deps) downstream.set(dep, [...(downstream.get(dep) ?? []), a.key])
  const queue = [...(downstream.get(asset) ?? [])]
  while (queue.length > 0) {
    const key = queue.shift() as string
    if (reasons.has(key)) continue
    reasons.set(key, `${key} depends on ${asset}: depending on it would make a cycle.`)
    queue.push(...(downstream.get(key) ?? []))
  }
  return reasons
}
