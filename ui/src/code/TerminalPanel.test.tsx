import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { FakeSocket } from '../api/fakeSocket.testing'
import { TerminalPanel } from './TerminalPanel'

const terminal = (id: string) => ({ id, project_id: 'p1', pid: 7, shell: '/bin/bash', cols: 80, rows: 24, attached: 0, created_at: '' })
let requests: Array<{ method: string; url: string; body: unknown }>

beforeEach(() => {
  FakeSocket.all = []
  requests = []
  vi.stubGlobal('WebSocket', FakeSocket)
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const method = init.method ?? 'GET'
      requests.push({ method, url: String(input), body: init.body ? JSON.parse(String(init.body)) : null })
      if (method === 'GET') return Response.json([terminal('old')])
      if (method === 'POST') return Response.json(terminal('new'), { status: 201 })
      return new Response(null, { status: 204 })
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

test('reattaches the running terminals, creates new ones, shows exits, and closes them', async () => {
  render(<TerminalPanel projectId="p1" />)
  // the socket opens in the terminal's effect, which React may run after the node is painted
  await waitFor(() => expect(FakeSocket.all).toHaveLength(1))
  expect(screen.getByTestId('terminal-old')).toBeTruthy()
  expect(FakeSocket.all[0].url).toBe(`ws://${window.location.host}/api/v1/projects/p1/terminals/old/ws`)

  fireEvent.click(screen.getByRole('button', { name: 'New terminal' }))
  await waitFor(() => expect(FakeSocket.all).toHaveLength(2))
  expect(screen.getByTestId('terminal-new')).toBeTruthy()
  expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ cols: 80, rows: 24 })
  expect(screen.getAllByRole('tab').map((tab) => tab.getAttribute('aria-selected'))).toEqual(['false', 'true'])

  const socket = FakeSocket.all[1]
  act(() => socket.open())
  expect(JSON.parse(socket.sent[0])).toMatchObject({ type: 'resize' })
  act(() => socket.receive(JSON.stringify({ type: 'exit', code: 3 })))
  expect(screen.getAllByRole('tab')[1].textContent).toContain('(exited)')

  fireEvent.click(screen.getByTitle('Close terminal 2'))
  await waitFor(() => expect(screen.queryByTestId('terminal-new')).toBeNull())
  expect(requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/v1/projects/p1/terminals/new' })

  // the keyboard's way: Delete on the focused tab (the × is for the mouse, and no control of its own)
  const tab = screen.getByRole('tab', { name: /1: bash/ })
  expect(tab.querySelector('button, [tabindex]')).toBeNull()
  expect(tab.getAttribute('aria-keyshortcuts')).toBe('Delete')
  fireEvent.keyDown(tab, { key: 'Delete' })
  await waitFor(() => expect(screen.queryByTestId('terminal-old')).toBeNull())
  expect(requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/v1/projects/p1/terminals/old' })
})

test('a reattached terminal leaves the focus where the user put it; one the user picks or starts takes it', async () => {
  let answer: (response: Response) => void = () => {}
  vi.mocked(fetch).mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
  const editor = document.body.appendChild(document.createElement('textarea'))
  render(<TerminalPanel projectId="p1" />)
  editor.focus()
  answer(Response.json([terminal('old')]))
  await waitFor(() => expect(FakeSocket.all).toHaveLength(1))
  await new Promise((resolve) => setTimeout(resolve, 150)) // past the fit's debounce
  expect(document.activeElement).toBe(editor)

  fireEvent.click(screen.getByRole('tab', { name: /1: bash/ }))
  await waitFor(() => expect(screen.getByTestId('terminal-old').contains(document.activeElement)).toBe(true))

  editor.focus()
  fireEvent.click(screen.getByRole('button', { name: 'New terminal' }))
  await waitFor(() => expect(screen.getByTestId('terminal-new').contains(document.activeElement)).toBe(true))
  editor.remove()
})
