// The project's live definitions (/api/v1/projects/{id}/live): every change of its files, from
// the designer or anything else, arrives here and replaces the cached definitions; the file
// list and open component files are re-read when their files changed.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { keys } from './hooks'
import type { Definitions } from './types'

interface DefinitionsMessage {
  type: 'definitions'
  version: number
  changed: string[] | null
  refresh_ms: number
  definitions: Definitions
}

/** The close code of the live socket of a project that does not exist (any more). */
const PROJECT_GONE = 4404

export interface LiveState {
  connected: boolean
  version: number
  refreshMs: number | null
}

export function useLiveDefinitions(projectId: string, enabled: boolean, defsFolder: string): LiveState {
  const client = useQueryClient()
  const [state, setState] = useState<LiveState>({ connected: false, version: 0, refreshMs: null })
  useEffect(() => {
    if (!enabled) return
    let socket: WebSocket | null = null
    let retry: number | undefined
    let stopped = false
    const connect = () => {
      const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
      socket = new WebSocket(`${scheme}://${window.location.host}/api/v1/projects/${encodeURIComponent(projectId)}/live`)
      socket.onopen = () => setState((s) => ({ ...s, connected: true }))
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data) as DefinitionsMessage
        client.setQueryData(keys.definitions(projectId), message.definitions)
        const changed = message.changed
        if (changed === null || changed.some((path) => path.startsWith(`${defsFolder}/`))) {
          void client.invalidateQueries({ queryKey: keys.defs(projectId) })
          void client.invalidateQueries({ queryKey: ['instance', projectId] })
          // a new or removed instance changes what can fill an object attribute
          void client.invalidateQueries({ queryKey: keys.fills(projectId) })
        }
        setState({ connected: true, version: message.version, refreshMs: message.refresh_ms })
      }
      socket.onclose = (event) => {
        setState((s) => ({ ...s, connected: false }))
        // 4404: the project is gone (removed, or unknown to this server); asking again is useless
        if (!stopped && event.code !== PROJECT_GONE) retry = window.setTimeout(connect, 1500)
      }
    }
    connect()
    return () => {
      stopped = true
      window.clearTimeout(retry)
      socket?.close()
    }
  }, [client, projectId, enabled, defsFolder])
  return state
}
