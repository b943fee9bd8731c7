// The code view's server state that several views share: the file list and git's status.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { listFiles, searchContent } from '../api/code'
import { gitBranches, gitDiff, gitLog, gitState } from '../api/git'

export const codeKeys = {
  all: (id: string) => ['code', id] as const,
  files: (id: string) => ['code', id, 'files'] as const,
  /** git's status; everything git shows is under it, so refreshing git refreshes diffs and the log */
  git: (id: string) => ['code', id, 'git'] as const,
  gitDiff: (id: string, path: string, staged: boolean) => ['code', id, 'git', 'diff', path, staged] as const,
  gitLog: (id: string) => ['code', id, 'git', 'log'] as const,
  gitBranches: (id: string) => ['code', id, 'git', 'branches'] as const,
  search: (id: string, query: string) => ['code', id, 'search', query] as const,
}

export const useFileList = (id: string) => useQuery({ queryKey: codeKeys.files(id), queryFn: () => listFiles(id) })

/** Also read again when the window gets the focus: git may have run elsewhere. */
export const useGitStatus = (id: string) =>
  useQuery({ queryKey: codeKeys.git(id), queryFn: () => gitState(id), retry: false, refetchOnWindowFocus: true })

export const useGitDiff = (id: string, path: string, staged: boolean) =>
  useQuery({ queryKey: codeKeys.gitDiff(id, path, staged), queryFn: () => gitDiff(id, path, staged), retry: false })

export const useGitLog = (id: string, enabled: boolean) =>
  useQuery({ queryKey: codeKeys.gitLog(id), queryFn: () => gitLog(id), enabled, retry: false })

export const useGitBranches = (id: string, enabled: boolean) =>
  useQuery({ queryKey: codeKeys.gitBranches(id), queryFn: () => gitBranches(id), enabled, retry: false })

export const useContentSearch = (id: string, query: string) =>
  useQuery({
    queryKey: codeKeys.search(id, query),
    queryFn: ({ signal }) => searchContent(id, query, signal),
    enabled: query.length > 0,
    staleTime: 5_000,
  })

/** After a write, or when the server says files changed: the list, git and searches are stale. */
export function useRefreshWorkspace(id: string): () => void {
  const client = useQueryClient()
  return useCallback(() => void client.invalidateQueries({ queryKey: codeKeys.all(id) }), [client, id])
}
