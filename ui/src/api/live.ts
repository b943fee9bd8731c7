// The project's live definitions (/api/v1/projects/{id}/live): every change of its files, from
// the designer or anything else, arrives here, whole at first and then as the delta from the
// version before, and replaces the cached definitions; the file
// list and open component files are re-read when their files changed. A removed project's socket
// is closed with 4404 and not asked again.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { applyDelta } from './definitionsDelta'
import { keys } from './hooks'
import { ReconnectingSocket, socketUrl } from './socket'
import type { Definitions, LiveMessage } from './types'

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
    // the version a delta applies to: only this socket's own messages build it
    let have: { version: number; definitions: Definitions } | null = null
    const socket = new ReconnectingSocket(socketUrl(`/api/v1/projects/${encodeURIComponent(projectId)}/live`), {
      state: (state) => setState((s) => ({ ...s, connected: state === 'open' })),
      opened: () => {
        have = null
      },
      message: (data) => {
        const message = JSON.parse(data as string) as LiveMessage
        let definitions: Definitions
        if (message.type === 'definitions') {
          definitions = message.definitions
        } else if (have !== null && have.version === message.base) {
          definitions = applyDelta(have.definitions, message.delta)
        } else {
          socket.restart() // a delta for a version this client lacks: start again, whole
          return
        }
        have = { version: message.version, definitions }
        client.setQueryData(keys.definitions(projectId), definitions)
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
