// What picking on the graph needs besides its views: the picker's open state, and which assets
// cannot be an asset's dependencies.
import { useEffect, useRef, useState } from 'react'
import type { Definitions } from '../api/types'

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
