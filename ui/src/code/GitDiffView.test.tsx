import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import type { GitDiff } from '../api/git'
import { GitDiffView } from './GitDiffView'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function show(answer: Partial<GitDiff>, staged = false) {
  const urls: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      urls.push(String(input))
      return Response.json({ path: 'a b.py', diff: '', original: null, modified: null, binary: false, ...answer })
    }),
  )
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const onOpenFile = vi.fn()
  render(
    <QueryClientProvider client={client}>
      <GitDiffView projectId="p1" path="a b.py" staged={staged} onOpenFile={onOpenFile} />
    </QueryClientProvider>,
  )
  return { urls, onOpenFile }
}

test('a new file: the original side is empty and says so; both sides are named', async () => {
  const { urls } = show({ original: null, modified: 'x = 1\n' })
  await screen.findByText('Staged or last commit: no such file')
  expect(urls).toEqual(['/api/v1/projects/p1/git/diff?path=a+b.py&staged=false'])
  await waitFor(() => expect(screen.getByRole('textbox', { name: 'Working file: a b.py' }).textContent).toBe('x = 1'))
  expect(screen.getByRole('textbox', { name: 'Staged or last commit: a b.py' }).getAttribute('aria-readonly')).toBe('true')
})

test('staged changes compare HEAD with the index and offer no working file', async () => {
  const { urls } = show({ original: 'x = 1\n', modified: null }, true)
  await screen.findByText('Staged: deleted')
  expect(urls[0]).toContain('staged=true')
  expect(screen.queryByRole('button', { name: 'Open file' })).toBeNull()
})

test('binary files and equal sides are said in words', async () => {
  show({ binary: true })
  await screen.findByText('This file is binary or too large to compare here.')
  cleanup()
  const { onOpenFile } = show({ original: 'same\n', modified: 'same\n' })
  await screen.findByText('No differences.')
  screen.getByRole('button', { name: 'Open file' }).click()
  expect(onOpenFile).toHaveBeenCalledWith('a b.py')
})
