// The project's live definitions (/api/v1/projects/{id}/live): every change of its files, from
// the designer or anything else, arrives here and replaces the cached definitions; the file
// list and open component files are re-read when their files changed. A removed project's socket
// is closed with 4404 and not asked again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { keys } from './hooks'
import { ReconnectingSocket, socketUrl } from './socket'
import type { LiveDefinitionsMessage } from './types'

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
    const socket = new ReconnectingSocket(socketUrl(`/api/v1/projects/${encodeURIComponent(projectId)}/live`), {
      state: (state) => setState((s) => ({ ...s, connected: state === 'open' })),
      message: (data) => {
        const message = JSON.parse(data as string) as LiveDefinitionsMessage
        client.setQueryData(keys.definitions(projectId), message.definitions)
        const changed = message.changed
        if (changed === null || changed.some((path) => path.startsWith(`${defsFolder}/`))) {
          void client.invalidateQueries({ queryKey: keys.defs(projectId) })
          void client.invalidateQueries({ queryKey: ['instance', projectId] })
          // a new or removed instance changes what can fill an object attribute
          void client.invalidateQueries({ queryKey: keys.fills(projectId) })
        }
        setState({ connected: true, version: message.version, refreshMs: message.refresh_ms })
      },
    })
    socket.connect()
    return () => socket.dispose()
  }, [client, projectId, enabled, defsFolder])
  return state
}
