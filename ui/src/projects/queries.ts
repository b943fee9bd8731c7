// The start page's server state: the starters, the server's folders for Open project, and
// opening a dg workspace.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { get, post } from '../api/client'
import { keys } from '../api/hooks'
import type { components } from '../api/schema.gen'

export type Starter = components['schemas']['StarterOut']
export type FolderListing = components['schemas']['FolderListing']

/** The name a project from each starter is offered (create-dagster's own suggestion for none). */
const SUGGESTED: Record<string, string> = { empty: 'my_project', sales: 'sales_analytics', python: 'cities' }

/** The starter's suggested name, numbered past the names already taken. */
export function suggestedName(starter: string, taken: readonly string[] = []): string {
  const base = SUGGESTED[starter] ?? `${starter.replace(/\W/g, '_')}_project`
  if (!taken.includes(base)) return base
  let n = 2
  while (taken.includes(`${base}_${n}`)) n += 1
  return `${base}_${n}`
}

/** The name a clone gets when none is typed: the repository's, as git names its folder. */
export function repositoryName(url: string): string {
  const last = url.trim().replace(/[/\\]+$/, '').split(/[/:]/).pop() ?? ''
  return last.replace(/\.git$/, '')
}

/** A quick hint on an address git would not clone; the server has the last word. */
export function repositoryHint(url: string): string | null {
  const text = url.trim()
  if (!text || /^(https?|ssh|git|file):\/\/\S+$/.test(text) || /^[\w.-]+@[\w.-]+:\S+$/.test(text)) return null
  return "The repository's address, such as https://github.com/org/repo.git."
}

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

/** Open every project of a dg workspace folder. */
export function useOpenWorkspace() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (path: string) => post('/workspaces/open', { body: { path } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.projects }),
  })
}
