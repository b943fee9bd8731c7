// The server's event stream (/api/v1/events): project status, creation progress and worker
// state arrive here and update the cached queries, so no screen needs a reload button.
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { setDagsterUi } from './dagsterUi'
import { keys } from './hooks'
import { integrationsKey } from './integrations'
import { isActive, runKeys } from './runs'
import { ReconnectingSocket, socketUrl } from './socket'
import type { Project, ServerEvent, WorkerStatus } from './types'

export interface WorkerNotice {
  projectId: string
  state: string
  detail: string | null
  at: number
}

function patchProject(client: QueryClient, id: string, patch: (p: Project) => Project) {
  client.setQueryData<Project>(keys.project(id), (p) => (p ? patch(p) : p))
  client.setQueryData<Project[]>(keys.projects, (list) => list?.map((p) => (p.id === id ? patch(p) : p)))
}

function apply(client: QueryClient, event: ServerEvent, notify: (n: WorkerNotice) => void) {
  switch (event.type) {
    case 'hello':
      client.setQueryData(keys.projects, event.projects)
      return
    case 'project': {
      const id = event.project.id
      const before = client.getQueryData<Project>(keys.project(id))?.integration
      // an integration added or removed: what is installed, and so the component types, changed
      if (before?.state === 'running' && event.project.integration?.state !== 'running') {
        void client.invalidateQueries({ queryKey: integrationsKey(id) })
        void client.invalidateQueries({ queryKey: keys.types(id) })
      }
      client.setQueryData(keys.project(id), event.project)
      void client.invalidateQueries({ queryKey: keys.projects })
      return
    }
    case 'project_removed':
      void client.invalidateQueries({ queryKey: keys.projects })
      return
    case 'progress':
      patchProject(client, event.project_id, (p) => ({ ...p, progress: [...p.progress, event.line].slice(-40) }))
      return
    case 'worker': {
      patchProject(client, event.project_id, (p) => ({
        ...p,
        worker: { ...(p.worker ?? ({} as WorkerStatus)), state: event.state, detail: event.detail, restarts: event.restarts },
      }))
      if (event.state === 'restarting' || event.state === 'failed') {
        notify({ projectId: event.project_id, state: event.state, detail: event.detail, at: Date.now() })
      }
      return
    }
    case 'definitions':
      return // loads are requested by the views themselves
    case 'run':
      void client.invalidateQueries({ queryKey: runKeys.runs(event.project_id) })
      void client.invalidateQueries({ queryKey: runKeys.assetStatus(event.project_id) })
      // an ended run may have materialized an asset the review lists as never materialized
      if (!isActive(event.status)) void client.invalidateQueries({ queryKey: keys.review(event.project_id) })
      return
    case 'dagster_ui':
      setDagsterUi(client, event.project_id, { state: event.state, path: event.path, error: event.error })
      return
  }
}

export function useServerEvents(): { connected: boolean; notice: WorkerNotice | null } {
  const client = useQueryClient()
  const [connected, setConnected] = useState(false)
  const [notice, setNotice] = useState<WorkerNotice | null>(null)
  useEffect(() => {
    const socket = new ReconnectingSocket(socketUrl('/api/v1/events'), {
      state: (state) => setConnected(state === 'open'),
      message: (data) => apply(client, JSON.parse(data as string) as ServerEvent, setNotice),
    })
    socket.connect()
    return () => socket.dispose()
  }, [client])
  return { connected, notice }
}
