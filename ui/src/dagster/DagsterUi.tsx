// The project's Dagster UI from the top bar: a click starts its `dg dev` if needed and opens it
// in a new tab once it runs (the tab is opened by the click itself, so no popup blocker stops
// it, and shows where it stands until the UI answers); Stop ends it. Links to its pages (a run,
// an asset) do the same.
import { useEffect, useRef, type ReactNode } from 'react'
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

/** Opens a page of the project's Dagster UI in a new tab, starting it first when needed. */
function useDagsterUiOpener(projectId: string) {
  const ui = useDagsterUi(projectId)
  const start = useStartDagsterUi(projectId)
  const waiting = useRef<{ tab: Window; page: string } | null>(null)
  const state = ui.data?.state ?? 'stopped'

  useEffect(() => {
    const pending = waiting.current
    if (!pending || state === 'starting') return
    waiting.current = null
    if (pending.tab.closed) return
    if (state === 'running') pending.tab.location.href = dagsterUiPath(projectId, pending.page)
    else pending.tab.close() // it failed or was stopped: the reason shows here
  }, [state, projectId])

  const open = (page: string) => {
    const tab = openWaitingTab()
    waiting.current = tab ? { tab, page } : null
    start.mutate(undefined, {
      onError: () => {
        waiting.current?.tab.close()
        waiting.current = null
      },
    })
  }
  const error = start.error ? errorMessage(start.error) : ui.data?.error
  return { state, open, starting: state === 'starting' || start.isPending, error, failed: state === 'failed' || start.isError }
}

/** A link to a page of the project's Dagster UI (`/runs/<id>`, `/assets/<key>`). */
export function DagsterUiLink({ projectId, page, children }: { projectId: string; page: string; children: ReactNode }) {
  const opener = useDagsterUiOpener(projectId)
  if (opener.state === 'running') {
    return (
      <a className="link-button" href={dagsterUiPath(projectId, page)} target="_blank" rel="noopener">
        {children}
      </a>
    )
  }
  return (
    <button className="link-button" disabled={opener.starting} onClick={() => opener.open(page)} title="Starts Dagster's own UI (dg dev) if needed">
      {opener.starting ? 'Dagster UI starting…' : children}
    </button>
  )
}

export function DagsterUiButton({ projectId }: { projectId: string }) {
  const opener = useDagsterUiOpener(projectId)
  const stop = useStopDagsterUi(projectId)
  const { state, error } = opener
  const path = dagsterUiPath(projectId)
  return (
    <span className="dagster-ui">
      {state === 'running' ? (
        <a className="button" href={path} target="_blank" rel="noopener" title="Open Dagster's own UI of this project in a new tab">
          Dagster UI ↗
        </a>
      ) : (
        <button
          className="button"
          onClick={() => opener.open('/')}
          disabled={opener.starting}
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
      {opener.failed && error && (
        <Badge tone="error" title={error}>
          Dagster UI failed
        </Badge>
      )}
    </span>
  )
}
