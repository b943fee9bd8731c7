// The start page's server state: the starters, and the server's folders for Open project.
import { useQuery } from '@tanstack/react-query'
import { get } from '../api/client'
import type { components } from '../api/schema.gen'

export type Starter = components['schemas']['StarterOut']
export type FolderListing = components['schemas']['FolderListing']

export const useStarters = () => useQuery({ queryKey: ['starters'], queryFn: () => get('/starters'), staleTime: Infinity })

/** A folder's listing; `path` null is the first browsable folder (the home folder). */
export const useFolder = (path: string | null) =>
  useQuery({
    queryKey: ['folders', path],
    queryFn: () => get('/folders', { query: path ? { path } : {} }),
    retry: false,
  })

const RECENT = 'designer.recentFolders'

/** Folders opened from this browser, newest first. */
export function recentFolders(): string[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(RECENT) ?? '[]')
    return Array.isArray(stored) ? stored.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}

export function rememberFolder(path: string): void {
  const next = [path, ...recentFolders().filter((p) => p !== path)].slice(0, 8)
  window.localStorage.setItem(RECENT, JSON.stringify(next))
}
