// The code view's server state that several views share: the file list and git's status.
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { gitStatus, listFiles, searchContent } from '../api/code'

export const codeKeys = {
  all: (id: string) => ['code', id] as const,
  files: (id: string) => ['code', id, 'files'] as const,
  git: (id: string) => ['code', id, 'git'] as const,
  search: (id: string, query: string) => ['code', id, 'search', query] as const,
}

export const useFileList = (id: string) => useQuery({ queryKey: codeKeys.files(id), queryFn: () => listFiles(id) })

export const useGitStatus = (id: string) =>
  useQuery({ queryKey: codeKeys.git(id), queryFn: () => gitStatus(id), retry: false })

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
