import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { aChange, aGitState, FakeGit } from '../api/git.testing'
import { SourceControl } from './SourceControl'

let git: FakeGit

beforeEach(() => {
  git = new FakeGit(
    aGitState([aChange('README.md', null, 'modified'), aChange('src/new.py', null, 'untracked'), aChange('src/done.py', 'modified')]),
  )
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const route = String(input).replace(/^\/api\/v1\/projects\/p1\/git/, '')
      const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null
      return git.handle(route, init.method ?? 'GET', body) ?? Response.json({ detail: `unexpected ${String(input)}` }, { status: 500 })
    }),
  )
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const props = { onOpen: vi.fn(), onOpenDiff: vi.fn(), onFilesChanged: vi.fn() }
  render(
    <QueryClientProvider client={client}>
      <SourceControl projectId="p1" active {...props} />
    </QueryClientProvider>,
  )
  return props
}

const group = (name: string) => screen.getByRole('region', { name })
const rowPaths = (name: string) => [...group(name).querySelectorAll('[data-path]')].map((row) => row.getAttribute('data-path'))
const button = (name: string | RegExp) => screen.getByRole('button', { name })

describe('SourceControl', () => {
  test('lists staged and unstaged changes with their status letters; a row opens its diff', async () => {
    const props = setup()
    await screen.findByRole('region', { name: 'Changes' })
    expect(rowPaths('Staged changes')).toEqual(['src/done.py'])
    expect(rowPaths('Changes')).toEqual(['README.md', 'src/new.py'])
    const untracked = group('Changes').querySelector('[data-path="src/new.py"]')!
    expect(within(untracked as HTMLElement).getByLabelText('untracked').textContent).toBe('U')
    expect(within(untracked as HTMLElement).getByLabelText('untracked').className).toContain('ws-git-untracked')

    fireEvent.click(button('README.md, changes'))
    expect(props.onOpenDiff).toHaveBeenCalledWith('README.md', false)
    fireEvent.click(button('done.py src, staged changes'))
    expect(props.onOpenDiff).toHaveBeenCalledWith('src/done.py', true)
    fireEvent.click(button('Open README.md'))
    expect(props.onOpen).toHaveBeenCalledWith('README.md')
  })

  test('stages and unstages one file or all of them', async () => {
    setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Stage README.md' }))
    await waitFor(() => expect(rowPaths('Staged changes')).toEqual(['README.md', 'src/done.py']))
    expect(git.calls('/stage')[0].body).toEqual({ paths: ['README.md'] })

    fireEvent.click(button('Unstage all'))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Staged changes' })).toBeNull())
    expect(git.calls('/unstage')[0].body).toEqual({ paths: ['README.md', 'src/done.py'] })
    expect(rowPaths('Changes')).toEqual(['README.md', 'src/done.py', 'src/new.py'])

    fireEvent.click(button('Stage all'))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Changes' })).toBeNull())
    expect(rowPaths('Staged changes')).toEqual(['README.md', 'src/done.py', 'src/new.py'])
  })

  test('discarding asks first, then the open files follow the disk', async () => {
    const props = setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Discard changes to README.md' }))
    const dialog = screen.getByRole('dialog', { name: 'Discard changes' })
    expect(git.calls('/discard')).toHaveLength(0)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Discard' }))
    await waitFor(() => expect(rowPaths('Changes')).toEqual(['src/new.py']))
    expect(git.calls('/discard')[0].body).toEqual({ paths: ['README.md'] })
    expect(props.onFilesChanged).toHaveBeenCalled()
  })

  test('commits the staged changes with Ctrl+Enter, and the badge of staged files empties', async () => {
    setup()
    const box = await screen.findByRole('textbox', { name: 'Commit message' })
    fireEvent.change(box, { target: { value: 'Add the done asset' } })
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true })
    await screen.findByText(/Committed 0123456/)
    expect(git.calls('/commit')[0].body).toEqual({ message: 'Add the done asset' })
    expect((box as HTMLTextAreaElement).value).toBe('')
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Staged changes' })).toBeNull())
  })

  test('an empty message is not sent; nothing staged disables Commit', async () => {
    setup()
    const box = await screen.findByRole('textbox', { name: 'Commit message' })
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true })
    expect((await screen.findByRole('alert')).textContent).toMatch(/Write a commit message first/)
    expect(git.calls('/commit')).toHaveLength(0)

    fireEvent.click(button('Unstage src/done.py'))
    await waitFor(() => expect((button('Commit') as HTMLButtonElement).disabled).toBe(true))
  })

  test('possible secrets stop the commit until "Commit anyway"', async () => {
    git.refuse('/commit', 409, {
      detail: 'The staged changes look like they hold secrets.',
      secrets: [{ path: 'src/done.py', line: 4, reason: 'an AWS access key' }],
    })
    setup()
    fireEvent.change(await screen.findByRole('textbox', { name: 'Commit message' }), { target: { value: 'Keys' } })
    fireEvent.click(button('Commit'))
    const dialog = await screen.findByRole('dialog', { name: 'Possible secrets in the commit' })
    expect(within(dialog).getByRole('list', { name: 'Possible secrets' }).textContent).toBe('src/done.py:4 an AWS access key')

    fireEvent.click(within(dialog).getByRole('button', { name: 'Commit anyway' }))
    await screen.findByText(/Committed 0123456/)
    expect(git.calls('/commit').map((call) => call.body)).toEqual([
      { message: 'Keys' },
      { message: 'Keys', allow_secrets: true },
    ])
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  test('a push the remote refuses for credentials asks for a token, sent with that call only', async () => {
    git.refuse('/push', 409, { detail: 'Authentication failed.', reason: 'auth' })
    setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Push' }))
    const dialog = await screen.findByRole('dialog', { name: 'Push with an access token' })
    const field = within(dialog).getByLabelText('Access token') as HTMLInputElement
    expect(field.type).toBe('password')
    fireEvent.change(field, { target: { value: 'ghp_secret' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Push' }))
    await screen.findByText(/Pushed/)
    expect(git.calls('/push').map((call) => call.body)).toEqual([{}, { token: 'ghp_secret' }])
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('ghp_secret')

    // the next push starts without it
    fireEvent.click(button('Push'))
    await waitFor(() => expect(git.calls('/push')).toHaveLength(3))
    expect(git.calls('/push')[2].body).toEqual({})
  })

  test('a rejected push says to pull first', async () => {
    git.refuse('/push', 409, { detail: 'Updates were rejected.', reason: 'rejected' })
    setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Push' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/Push failed\. The remote has commits you do not have yet\. Pull first/)
    expect(alert.textContent).toContain('Updates were rejected.')
  })

  test('a merge in progress lists its conflicts and aborts', async () => {
    git.state = aGitState([aChange('a.py', 'conflicted', 'conflicted')], { operation: 'merge', conflicts: ['a.py'] })
    const props = setup()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/A merge is in progress with conflicts in 1 file/)
    expect(rowPaths('Conflicts')).toEqual(['a.py'])
    fireEvent.click(button('a.py, edit the conflicts'))
    expect(props.onOpen).toHaveBeenCalledWith('a.py')

    fireEvent.click(within(alert).getByRole('button', { name: 'Abort merge' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Conflicts' })).toBeNull())
    expect(git.calls('/abort')).toHaveLength(1)
    expect(screen.getByText('No changes since the last commit.')).toBeTruthy()
  })

  test('the branch menu switches to another branch or creates one', async () => {
    git.state = aGitState([], { ahead: 2, behind: 1 })
    setup()
    const branch = await screen.findByRole('button', { name: 'Branch main: switch or create' })
    expect(screen.getByText('2 commits to push, 1 commit to pull (origin/main).')).toBeTruthy()
    expect(button('Push 2').textContent).toBe('↑ Push 2')
    expect(button('Pull 1').textContent).toBe('↓ Pull 1')
    fireEvent.click(branch)
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Switch to feature' }))
    await screen.findByRole('button', { name: 'Branch feature: switch or create' })
    expect(git.calls('/checkout')[0].body).toEqual({ branch: 'feature' })

    fireEvent.click(button('Branch feature: switch or create'))
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Create a branch…' }))
    const dialog = screen.getByRole('dialog', { name: 'Create a branch' })
    fireEvent.change(within(dialog).getByLabelText('Branch name'), { target: { value: 'topic' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create and switch' }))
    await screen.findByRole('button', { name: 'Branch topic: switch or create' })
    expect(git.calls('/branches').at(-1)!.body).toEqual({ name: 'topic', switch: true })
  })

  test('the recent commits show when opened', async () => {
    setup()
    const summary = await screen.findByText('Recent commits')
    expect(git.calls('/log?limit=50')).toHaveLength(0)
    const details = summary.closest('details')!
    details.open = true
    fireEvent(details, new Event('toggle'))
    await waitFor(() => expect(screen.getByRole('list', { name: 'Recent commits' }).textContent).toContain('aaaaaaa First commit'))
    expect(git.calls('/log?limit=50')).toHaveLength(1)
  })
})
