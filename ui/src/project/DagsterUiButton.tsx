// The project's Dagster UI from the top bar: a click starts its `dg dev` if needed and opens it
// in a new tab once it runs (the tab is opened by the click itself, so no popup blocker stops
// it, and shows where it stands until the UI answers); Stop ends it.
import { useEffect, useRef } from 'react'
import { dagsterUiPath, useDagsterUi, useStartDagsterUi, useStopDagsterUi } from '../api/dagsterUi'
import { errorMessage } from '../api/client'
import { Badge } from '../ui/bits'

const WAITING = 'Starting Dagster UI (dg dev)… this tab opens it once it answers.'

function openWaitingTab(): Window | null {
  const tab = window.open('', '_blank')
  if (tab) {
    tab.document.title = 'Dagster UI'
    tab.document.body.textContent = WAITING
  }
  return tab
}

export function DagsterUiButton({ projectId }: { projectId: string }) {
  const ui = useDagsterUi(projectId)
  const start = useStartDagsterUi(projectId)
  const stop = useStopDagsterUi(projectId)
  const waiting = useRef<Window | null>(null)
  const state = ui.data?.state ?? 'stopped'
  const path = ui.data?.path ?? dagsterUiPath(projectId)

  useEffect(() => {
    const tab = waiting.current
    if (!tab || state === 'starting') return
    waiting.current = null
    if (tab.closed) return
    if (state === 'running') tab.location.href = path
    else tab.close() // it failed or was stopped: the reason shows here
  }, [state, path])

  const open = () => {
    waiting.current = openWaitingTab()
    start.mutate(undefined, {
      onError: () => {
        waiting.current?.close()
        waiting.current = null
      },
    })
  }

  const error = start.error ? errorMessage(start.error) : ui.data?.error
  return (
    <span className="dagster-ui">
      {state === 'running' ? (
        <a className="button" href={path} target="_blank" rel="noopener" title="Open Dagster's own UI of this project in a new tab">
          Dagster UI ↗
        </a>
      ) : (
        <button
          className="button"
          onClick={open}
          disabled={state === 'starting' || start.isPending}
          title="Start Dagster's own UI of this project (dg dev: webserver and daemon) and open it in a new tab"
        >
          {state === 'starting' ? 'Dagster UI starting…' : 'Dagster UI'}
        </button>
      )}
      {(state === 'starting' || state === 'running') && (
        <button className="button small" onClick={() => stop.mutate()} disabled={stop.isPending} title="Stop dg dev">
          {stop.isPending ? 'Stopping…' : 'Stop'}
        </button>
      )}
      {(state === 'failed' || start.isError) && error && (
        <Badge tone="error" title={error}>
          Dagster UI failed
        </Badge>
      )}
    </span>
  )
}
