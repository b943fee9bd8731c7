// An asset selection (a job's, a schedule's or a sensor's) picked on the graph: each click edits the selection's text (see
// selectionText) and Dagster evaluates the result, so what is marked is what the text selects.
import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { selectionQuery } from '../api/selection'
import type { Definitions } from '../api/types'
import { GraphPicker } from './GraphPicker'
import { addKey, excludeKey, orKey, removeKey } from './selectionText'

interface SelectionPickerProps {
  projectId: string
  definitions: Definitions | undefined
  /** what the selection is for: "job daily_sales" */
  what: string
  /** the selection's text in the form */
  initial: string
  onDone: (text: string) => void
  onCancel: () => void
}

interface Draft {
  text: string
  /** what Dagster says `text` selects; null until it has answered */
  keys: ReadonlySet<string> | null
  /** Dagster's refusal of the text, or how its answer differs from the picks */
  note: string | null
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
const difference = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].filter((key) => !b.has(key))

export function SelectionPicker({ projectId, definitions, what, initial, onDone, onCancel }: SelectionPickerProps) {
  const client = useQueryClient()
  const [draft, setDraft] = useState<Draft>({ text: initial.trim(), keys: null, note: null })
  const [queued, setQueued] = useState(0)
  // clicks apply one after the other, each to the text the one before made
  const latest = useRef(draft)
  const chain = useRef<Promise<void>>(Promise.resolve())

  const evaluate = useCallback(
    async (text: string): Promise<{ keys: Set<string>; error: string | null }> => {
      if (!text.trim()) return { keys: new Set(), error: null }
      const answer = await client.fetchQuery(selectionQuery(projectId, text.trim(), definitions))
      return { keys: new Set(answer.keys), error: answer.error }
    },
    [client, projectId, definitions],
  )
  const commit = (next: Draft) => {
    latest.current = next
    setDraft(next)
  }

  useEffect(() => {
    let cancelled = false
    evaluate(initial)
      .then(({ keys, error }) => {
        if (cancelled) return
        commit({ text: initial.trim(), keys: error ? new Set() : keys, note: error ? `Dagster cannot read the selection: ${error}` : null })
      })
      .catch((error: unknown) => !cancelled && commit({ text: initial.trim(), keys: new Set(), note: messageOf(error) }))
    return () => {
      cancelled = true
    }
    // the selection the form had when picking started
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  /** One click: the smallest edit first; when Dagster says another term still decides the
   * asset, the edit that always does (`or key:…`, `and not key:…`). */
  const apply = async (key: string) => {
    const { text, keys } = latest.current
    if (!keys) return
    const on = !keys.has(key)
    let next = on ? addKey(text, key) : removeKey(text, key)
    let result = await evaluate(next)
    if (!result.error && result.keys.has(key) !== on) {
      next = on ? orKey(text, key) : excludeKey(next, key)
      result = await evaluate(next)
    }
    if (result.error) {
      commit({ text, keys, note: `Dagster refuses ${next}: ${result.error}` })
      return
    }
    const expected = new Set(keys)
    if (on) expected.add(key)
    else expected.delete(key)
    const extra = difference(result.keys, expected)
    const missing = difference(expected, result.keys)
    const note =
      extra.length + missing.length > 0
        ? `Dagster's answer differs from the picks: ${[...extra.map((k) => `+${k}`), ...missing.map((k) => `−${k}`)].join(', ')}`
        : null
    commit({ text: next, keys: result.keys, note })
  }

  const toggle = useCallback((key: string) => {
    setQueued((n) => n + 1)
    chain.current = chain.current
      .then(() => apply(key))
      .catch((error: unknown) => commit({ ...latest.current, note: messageOf(error) }))
      .finally(() => setQueued((n) => n - 1))
    // `apply` reads the latest draft through its ref
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evaluate])

  const busy = draft.keys === null || queued > 0
  return (
    <GraphPicker
      definitions={definitions}
      title={`Picking assets for ${what}`}
      picked={draft.keys ?? EMPTY}
      busy={busy}
      detail={
        <>
          <code className="graph-picker-text" aria-label="Selection picked">
            {draft.text || '(nothing)'}
          </code>
          {draft.note && (
            <span className="field-error" role="alert">
              {draft.note}
            </span>
          )}
        </>
      }
      onToggle={toggle}
      onDone={() => onDone(draft.text)}
      onCancel={onCancel}
    />
  )
}

const EMPTY: ReadonlySet<string> = new Set()
