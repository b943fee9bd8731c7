import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { NewProjectDialog } from './NewProjectDialog'

let posted: unknown[]

beforeEach(() => {
  posted = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input)
      if (url === '/api/v1/starters') return Response.json([{ id: 'empty', title: 'Empty', description: 'Nothing yet.' }])
      if (url === '/api/v1/projects' && init.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { git_url: string }
        posted.push(body)
        if (body.git_url.includes('missing')) return Response.json({ detail: 'The repository was not found.' }, { status: 400 })
        return Response.json({ id: 'cloned' }, { status: 202 })
      }
      return Response.json([])
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const onCreated = vi.fn()
  render(
    <QueryClientProvider client={client}>
      <NewProjectDialog onClose={vi.fn()} onCreated={onCreated} />
    </QueryClientProvider>,
  )
  return { onCreated, dialog: screen.getByRole('dialog', { name: 'New project' }) }
}

test('"From a git repository" clones with the URL, branch and token, and opens the project', async () => {
  const { onCreated, dialog } = setup()
  fireEvent.click(within(dialog).getByRole('tab', { name: 'From a git repository' }))
  const clone = within(dialog).getByRole('button', { name: 'Clone' }) as HTMLButtonElement
  expect(clone.disabled).toBe(true)

  fireEvent.change(within(dialog).getByLabelText('Repository URL'), { target: { value: ' https://github.com/org/etl.git ' } })
  fireEvent.change(within(dialog).getByLabelText('Branch (optional)'), { target: { value: 'dev' } })
  const token = within(dialog).getByLabelText('Access token (optional)') as HTMLInputElement
  expect(token.type).toBe('password')
  fireEvent.change(token, { target: { value: 'ghp_secret' } })
  expect((within(dialog).getByLabelText('Project name (optional)') as HTMLInputElement).placeholder).toBe('etl')

  fireEvent.click(clone)
  await waitFor(() => expect(onCreated).toHaveBeenCalledWith('cloned'))
  expect(posted).toEqual([{ git_url: 'https://github.com/org/etl.git', branch: 'dev', token: 'ghp_secret' }])
  expect(JSON.stringify({ ...window.localStorage })).not.toContain('ghp_secret')
})

test("a refused clone shows the server's reason; empty optional fields are not sent", async () => {
  const { onCreated, dialog } = setup()
  fireEvent.click(within(dialog).getByRole('tab', { name: 'From a git repository' }))
  fireEvent.change(within(dialog).getByLabelText('Repository URL'), { target: { value: 'https://example.com/missing.git' } })
  fireEvent.submit(within(dialog).getByLabelText('Repository URL').closest('form')!)
  expect(await within(dialog).findByText('The repository was not found.')).toBeTruthy()
  expect(posted).toEqual([{ git_url: 'https://example.com/missing.git' }])
  expect(onCreated).not.toHaveBeenCalled()
})
