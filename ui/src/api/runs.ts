// Runs of a project: launch, cancel, history, one run, its events, and every asset's state.
// Status changes arrive on the event stream (events.ts invalidates these keys); while a run is
// going, its events are read on from their cursor and the assets' state is polled, so nodes
// turn green step by step rather than at the end.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { get, post } from './client'
import type { RunEvent, RunLaunch, RunStatus } from './types'

export const runKeys = {
  runs: (id: string) => ['runs', id] as const,
  run: (id: string, runId: string) => ['runs', id, 'run', runId] as const,
  assetStatus: (id: string) => ['asset-status', id] as const,
}

/** Statuses of a run that has not ended. */
export const ACTIVE: ReadonlySet<RunStatus> = new Set<RunStatus>(['QUEUED', 'NOT_STARTED', 'STARTING', 'STARTED', 'CANCELING'])
export const isActive = (status: RunStatus | string | null | undefined) => ACTIVE.has(status as RunStatus)

const POLL_MS = 700

export interface RunFilters {
  status?: RunStatus
  asset?: string
  job?: string
}

export const useRuns = (id: string, filters: RunFilters = {}, enabled = true) =>
  useQuery({
    queryKey: [...runKeys.runs(id), filters],
    queryFn: () => get('/projects/{project_id}/runs', { params: { project_id: id }, query: { ...filters, limit: 200 } }),
    enabled,
  })

export const useRun = (id: string, runId: string | null) =>
  useQuery({
    queryKey: runKeys.run(id, runId ?? ''),
    queryFn: () => get('/projects/{project_id}/runs/{run_id}', { params: { project_id: id, run_id: runId ?? '' } }),
    enabled: !!runId,
    // the event stream says when it changes; polling covers a stream that reconnects meanwhile
    refetchInterval: (query) => (isActive(query.state.data?.status) ? POLL_MS * 3 : false),
  })

/** Every asset's state; polled while a run is going on any of them. */
export const useAssetStatus = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: runKeys.assetStatus(id),
    queryFn: () => get('/projects/{project_id}/asset-status', { params: { project_id: id } }),
    enabled,
    refetchInterval: (query) => (query.state.data?.some((a) => isActive(a.last_run?.status)) ? POLL_MS : false),
  })

export function useLaunchRun(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: RunLaunch) => post('/projects/{project_id}/runs', { params: { project_id: id }, body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: runKeys.runs(id) })
      void client.invalidateQueries({ queryKey: runKeys.assetStatus(id) })
    },
  })
}

export function useCancelRun(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (runId: string) => post('/projects/{project_id}/runs/{run_id}/cancel', { params: { project_id: id, run_id: runId } }),
    onSuccess: (_answer, runId) => void client.invalidateQueries({ queryKey: runKeys.run(id, runId) }),
  })
}

export interface RunLog {
  events: RunEvent[]
  done: boolean
  error: string | null
}

/** A run's event log, read on from the last cursor until the run has ended and all is read. */
export function useRunEvents(id: string, runId: string): RunLog {
  const [log, setLog] = useState<RunLog & { of: string }>({ of: runId, events: [], done: false, error: null })
  useEffect(() => {
    let stopped = false
    let cursor: number | undefined
    let timer: number | undefined
    const read = async () => {
      try {
        const page = await get('/projects/{project_id}/runs/{run_id}/events', {
          params: { project_id: id, run_id: runId },
          query: { after: cursor },
        })
        if (stopped) return
        cursor = page.cursor ?? cursor
        if (page.events.length > 0 || page.done) {
          setLog((current) => ({
            of: runId,
            events: [...(current.of === runId ? current.events : []), ...page.events],
            done: page.done,
            error: null,
          }))
        }
        if (!page.done) timer = window.setTimeout(read, page.events.length > 0 ? 0 : POLL_MS)
      } catch (error) {
        if (stopped) return
        const message = error instanceof Error ? error.message : String(error)
        setLog((current) => (current.of === runId ? { ...current, error: message } : { of: runId, events: [], done: false, error: message }))
        timer = window.setTimeout(read, POLL_MS * 3)
      }
    }
    void read()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [id, runId])
  return log.of === runId ? log : { events: [], done: false, error: null }
}
