// Timings the benchmarks read from the page (window.__designerMetrics): what the UI itself
// measured, at the moments it knows about (data arrived, layout done, graph painted).
import { useEffect, useRef } from 'react'

type Metrics = Record<string, Array<Record<string, unknown>>>

declare global {
  interface Window {
    __designerMetrics?: Metrics
  }
}

export function recordMetric(name: string, value: Record<string, unknown>) {
  const metrics = (window.__designerMetrics ??= {})
  ;(metrics[name] ??= []).push({ ...value, at: performance.now() })
}

/** Records `name` once per arrival of a graph of `count` nodes (under `unit`): the time from its
 * arrival to the second frame after `drawn` turns true, when the browser has painted it. */
export function usePaintedMetric(name: string, unit: string, count: number, drawn: boolean) {
  const arrived = useRef<{ at: number; count: number; recorded: boolean } | null>(null)
  useEffect(() => {
    if (count > 0 && arrived.current?.count !== count) arrived.current = { at: performance.now(), count, recorded: false }
  }, [count])
  useEffect(() => {
    const first = arrived.current
    if (!drawn || !first || first.recorded) return
    first.recorded = true
    window.requestAnimationFrame(() =>
      window.requestAnimationFrame(() => recordMetric(name, { [unit]: first.count, ms: performance.now() - first.at })),
    )
  }, [drawn, count, name, unit])
}
