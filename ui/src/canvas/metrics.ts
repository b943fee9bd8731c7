// Timings the benchmarks read from the page (window.__designerMetrics): what the UI itself
// measured, at the moments it knows about (data arrived, layout done, graph painted).
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
