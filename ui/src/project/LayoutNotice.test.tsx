import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { useSavePositions } from '../api/hooks'
import { LayoutNotice } from './LayoutNotice'

// What the server answers when the layout file is there but cannot be read back.
const UNREADABLE =
  '`.dagster-designer/layout.json` is not valid JSON (Expecting value: line 1 column 1 (char 0)). ' +
  'Fix or delete the file; positions are not saved over it.'

let answer: () => Response
const saves: unknown[] = []

beforeEach(() => {
  saves.length = 0
  answer = () => new Response(JSON.stringify({ detail: UNREADABLE }), { status: 409 })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      expect([init.method, url]).toEqual(['PUT', '/api/v1/projects/p1/layout'])
      saves.push(JSON.parse(String(init.body)))
      return answer()
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

/** Two parts of the screen that save positions (moving a node, dropping a new one), and the
 * notice on the canvas. */
function Screen({ loadError = null }: { loadError?: string | null }) {
  const move = useSavePositions('p1')
  const drop = useSavePositions('p1')
  return (
    <>
      <button onClick={() => move.mutate({ orders: { x: 10, y: 20 } })}>move</button>
      <button onClick={() => drop.mutate({ customers: { x: 30, y: 40 } })}>drop</button>
      <LayoutNotice projectId="p1" loadError={loadError} />
    </>
  )
}

function setup(loadError: string | null = null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <Screen loadError={loadError} />
    </QueryClientProvider>,
  )
}

test("a refused save shows the server's words on the canvas until a save succeeds", async () => {
  setup()
  expect(screen.queryByRole('alert')).toBeNull()
  fireEvent.click(screen.getByText('move'))
  const alert = await screen.findByRole('alert')
  expect(alert.textContent).toContain(`Canvas positions were not saved: ${UNREADABLE}`)
  expect(saves).toEqual([{ positions: { orders: { x: 10, y: 20 } } }])

  answer = () => new Response(JSON.stringify({ positions: { orders: { x: 10, y: 20 } } }), { status: 200 })
  fireEvent.click(screen.getByText('move'))
  await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
})

test('a refused save from any part of the screen shows; dismissed, the next one shows again', async () => {
  setup()
  fireEvent.click(screen.getByText('drop'))
  expect((await screen.findByRole('alert')).textContent).toContain(UNREADABLE)
  fireEvent.click(screen.getByText('Dismiss'))
  expect(screen.queryByRole('alert')).toBeNull()
  await act(async () => {
    fireEvent.click(screen.getByText('move'))
  })
  expect((await screen.findByRole('alert')).textContent).toContain(UNREADABLE)
  expect(saves).toHaveLength(2)
})

test('positions that could not be read are said so before any save', () => {
  setup(UNREADABLE)
  expect(screen.getByRole('alert').textContent).toContain(`Canvas positions could not be read: ${UNREADABLE}`)
})
