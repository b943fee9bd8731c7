import { EditorView } from '@codemirror/view'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { someDefinitions } from '../api/definitions.testing'
import { aChange, aGitState, FakeGit } from '../api/git.testing'
import type { Definitions } from '../api/types'
import { CodeView, useOpenFiles, type CodeViewProps } from './index'

/** A project's files as the server keeps them: text and ETag, with conditional writes. */
class FakeServer {
  files = new Map<string, { text: string; etag: string }>()
  log: Array<{ method: string; url: string; headers: Headers; body: string | null }> = []
  formatted: ((source: string) => string) | null = null
  terminals: Array<Record<string, unknown>> = []
  git = new FakeGit(aGitState([aChange('README.md', null, 'modified')]))
  private version = 0

  put(path: string, text: string) {
    this.files.set(path, { text, etag: `"v${++this.version}"` })
  }

  private json(value: unknown, status = 200, headers: Record<string, string> = {}) {
    return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } })
  }

  handle = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input)
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? init.body : null
    this.log.push({ method, url, headers: new Headers(init.headers), body })
    const route = url.replace(/^\/api\/v1\/projects\/p1/, '')
    if (route === '/files') {
      const folders = new Set([...this.files.keys()].flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))))
      return this.json([...[...folders].map((path) => ({ path, type: 'dir' })), ...[...this.files.keys()].map((path) => ({ path, type: 'file' }))])
    }
    const git = route.startsWith('/git') && this.git.handle(route.slice('/git'.length), method, body ? JSON.parse(body) : null)
    if (git) return git
    if (route === '/terminals' && method === 'GET') return this.json(this.terminals)
    if (route === '/terminals' && method === 'POST') {
      const terminal = { id: `t${this.terminals.length + 1}`, project_id: 'p1', pid: 42, shell: '/bin/bash', cols: 80, rows: 24, attached: 0, created_at: '' }
      this.terminals.push(terminal)
      return this.json(terminal, 201)
    }
    if (route.startsWith('/search?')) {
      const query = new URLSearchParams(route.slice('/search?'.length)).get('q')!
      return this.json(
        [...this.files].flatMap(([path, { text }]) =>
          text.split('\n').flatMap((line, i) => (line.includes(query) ? [{ path, line: i + 1, column: line.indexOf(query), text: line }] : [])),
        ),
      )
    }
    if (route === '/moves') {
      const { from, to } = JSON.parse(body!) as { from: string; to: string }
      for (const [path, file] of [...this.files]) {
        if (path === from || path.startsWith(`${from}/`)) {
          this.files.delete(path)
          this.files.set(to + path.slice(from.length), file)
        }
      }
      return this.json({ ok: true })
    }
    const folder = /^\/folders\/(.+)$/.exec(route)
    if (folder && method === 'POST') return this.json({ ok: true }, 201)
    if (route === '/python/lint') return this.json([])
    if (route === '/python/format') {
      const { source } = JSON.parse(body!) as { source: string }
      return this.json({ source: this.formatted ? this.formatted(source) : source })
    }
    const file = /^\/files\/(.+)$/.exec(route)
    if (file) {
      const path = decodeURIComponent(file[1])
      const current = this.files.get(path)
      if (method === 'GET') {
        return current
          ? new Response(current.text, { headers: { ETag: current.etag } })
          : this.json({ detail: 'Not found' }, 404)
      }
      if (method === 'DELETE') {
        for (const key of [...this.files.keys()]) if (key === path || key.startsWith(`${path}/`)) this.files.delete(key)
        return new Response(null, { status: 204 })
      }
      if (method === 'PUT' && new Headers(init.headers).get('If-None-Match') === '*') {
        if (current) return this.json({ detail: 'exists' }, 412)
        this.put(path, body ?? '')
        return this.json({ etag: this.files.get(path)!.etag }, 201, { ETag: this.files.get(path)!.etag })
      }
      if (method === 'PUT') {
        const ifMatch = new Headers(init.headers).get('If-Match')
        if (!current || ifMatch !== current.etag) return this.json({ detail: 'The file changed on disk since it was opened.' }, 412)
        this.put(path, body ?? '')
        const etag = this.files.get(path)!.etag
        return this.json({ etag }, 200, { ETag: etag })
      }
    }
    return this.json({ detail: `unexpected ${method} ${url}` }, 500)
  }

  requests(method: string, pathPart: string) {
    return this.log.filter((r) => r.method === method && r.url.includes(pathPart))
  }
}

const DEFINITIONS: Definitions = someDefinitions()

let server: FakeServer

beforeEach(() => {
  server = new FakeServer()
  server.put('README.md', 'hello\nworld\n')
  vi.stubGlobal('fetch', vi.fn(server.handle))
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

type HarnessProps = Omit<CodeViewProps, 'files'> & { definitions: Definitions }

/** The project page's part: the open files belong to the project, the code view shows them. */
function Harness({ definitions, ...props }: HarnessProps) {
  const files = useOpenFiles({ projectId: props.projectId, defsFolder: props.defsFolder, definitions, componentTypes: [] })
  return <CodeView {...props} files={files} />
}

function setup(overrides: Partial<HarnessProps> = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const props: HarnessProps = {
    projectId: 'p1',
    projectName: 'sales',
    defsFolder: 'src/sales/defs',
    definitions: DEFINITIONS,
    open: null,
    visible: true,
    onShowInGraph: vi.fn(),
    ...overrides,
  }
  const view = render(
    <QueryClientProvider client={client}>
      <Harness {...props} />
    </QueryClientProvider>,
  )
  const rerender = (next: Partial<HarnessProps>) =>
    view.rerender(
      <QueryClientProvider client={client}>
        <Harness {...props} {...next} />
      </QueryClientProvider>,
    )
  return { ...view, props, rerender }
}

const byPath = (role: string, path: string) => document.querySelector<HTMLElement>(`[role="${role}"][data-path="${path}"]`)

async function openFromTree(path: string): Promise<EditorView> {
  await waitFor(() => expect(byPath('treeitem', path)).not.toBeNull())
  fireEvent.click(byPath('treeitem', path)!)
  return editorOf(path)
}

async function editorOf(path: string): Promise<EditorView> {
  const content = await waitFor(() => {
    const element = document.querySelector<HTMLElement>(`[aria-label="Editor ${path}"]`)
    expect(element).not.toBeNull()
    return element!
  })
  return EditorView.findFromDOM(content)!
}

const type = (view: EditorView, text: string) => act(() => view.dispatch({ changes: { from: 0, insert: text } }))

const tabOf = (path: string) => byPath('tab', path)!

describe('CodeView', () => {
  test('opens a file from the tree, saves with If-Match, and on 412 shows the conflict choices', async () => {
    setup()
    const editor = await openFromTree('README.md')
    expect(editor.state.doc.toString()).toBe('hello\nworld\n')
    expect(tabOf('README.md').getAttribute('aria-selected')).toBe('true')
    expect(within(byPath('treeitem', 'README.md')!).getByText('M')).toBeTruthy() // git badge

    type(editor, 'my ')
    await waitFor(() => expect(within(tabOf('README.md')).getByLabelText('unsaved changes')).toBeTruthy())

    // someone else writes the file meanwhile
    server.put('README.md', 'hello\nplanet\n')
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))

    const conflict = await screen.findByRole('alert', { name: 'Conflict in README.md' })
    const [put] = server.requests('PUT', '/files/README.md')
    expect(put.headers.get('If-Match')).toBe('"v1"')
    expect(put.body).toBe('my hello\nworld\n')
    expect(server.files.get('README.md')!.text).toBe('hello\nplanet\n') // never overwritten silently

    // the diff between the disk (deleted lines) and the buffer (changed lines)
    const diff = within(conflict).getByLabelText('Differences between the disk and your version')
    const lines = (selector: string) => [...diff.querySelectorAll(selector)].map((line) => line.textContent)
    await waitFor(() => expect(lines('.cm-deletedLine')).toEqual(['hello', 'planet']))
    expect(lines('.cm-changedLine')).toEqual(['my hello', 'world'])
    expect(within(conflict).getByRole('button', { name: 'Take the disk version' })).toBeTruthy()
    expect(within(conflict).getByRole('button', { name: 'Cancel' })).toBeTruthy()

    // keeping mine writes over the version just shown, and only that one
    fireEvent.click(within(conflict).getByRole('button', { name: 'Keep mine' }))
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Conflict in README.md' })).toBeNull())
    const overwrite = server.requests('PUT', '/files/README.md')[1]
    expect(overwrite.headers.get('If-Match')).toBe('"v2"')
    expect(server.files.get('README.md')!.text).toBe('my hello\nworld\n')
    expect(within(tabOf('README.md')).queryByLabelText('unsaved changes')).toBeNull()
  })

  test('"Take the disk version" replaces the buffer', async () => {
    setup()
    const editor = await openFromTree('README.md')
    type(editor, 'mine ')
    server.put('README.md', 'theirs\n')
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Take the disk version' }))
    await waitFor(() => expect(editor.state.doc.toString()).toBe('theirs\n'))
    expect(within(tabOf('README.md')).queryByLabelText('unsaved changes')).toBeNull()
    expect(server.requests('PUT', '/files/README.md')).toHaveLength(1)
  })

  test('a clean tab follows the disk when the definitions change; a dirty one gets the choices', async () => {
    const { rerender } = setup()
    const editor = await openFromTree('README.md')
    act(() => editor.dispatch({ selection: { anchor: 8 } })) // in "world"

    server.put('README.md', 'hello again\nworld\n')
    rerender({ definitions: { ...DEFINITIONS } })
    await waitFor(() => expect(editor.state.doc.toString()).toBe('hello again\nworld\n'))
    expect(editor.state.selection.main.head).toBe(14) // still in "world"
    expect(screen.queryByRole('alert')).toBeNull()

    type(editor, 'local ')
    server.put('README.md', 'remote\n')
    rerender({ definitions: { ...DEFINITIONS } })
    const bar = await screen.findByRole('alert', { name: 'Conflict in README.md' })
    expect(bar.textContent).toContain('Changed on disk')
    expect(editor.state.doc.toString()).toBe('local hello again\nworld\n')
  })

  test('a file deleted on disk offers to write it again or to close it', async () => {
    const { rerender } = setup()
    await openFromTree('README.md')
    server.files.delete('README.md')
    rerender({ definitions: { ...DEFINITIONS } })
    const bar = await screen.findByRole('alert', { name: 'Conflict in README.md' })
    expect(bar.textContent).toContain('was deleted on disk')
    expect(within(bar).getByRole('button', { name: 'Keep mine' })).toBeTruthy()
    fireEvent.click(within(bar).getByRole('button', { name: 'Close the file' }))
    await waitFor(() => expect(byPath('tab', 'README.md')).toBeNull())
  })

  test('the open prop opens a file at a line; Python is formatted before it is saved', async () => {
    server.put('src/job.py', 'x=1\ny=2\n')
    server.formatted = (source) => source.replace(/=/g, ' = ')
    setup({ open: { path: 'src/job.py', line: 2 } })
    const editor = await editorOf('src/job.py')
    await waitFor(() => expect(editor.state.doc.lineAt(editor.state.selection.main.head).number).toBe(2))

    // happy-dom fires selectionchange synchronously inside CodeMirror's updates of a focused
    // editor (browsers do it later), which CodeMirror refuses: edit it unfocused
    act(() => editor.contentDOM.blur())
    type(editor, 'z=0\n')
    fireEvent.keyDown(editor.contentDOM, { key: 's', ctrlKey: true })
    await waitFor(() => expect(server.files.get('src/job.py')!.text).toBe('z = 0\nx = 1\ny = 2\n'))
    expect(editor.state.doc.toString()).toBe('z = 0\nx = 1\ny = 2\n')
    expect(server.requests('POST', '/python/format')).toHaveLength(1)
  })

  test('Ctrl+S saves the active file wherever the focus is, and only while the view is shown', async () => {
    server.put('src/job.py', 'x = 1\n')
    const { rerender } = setup({ open: { path: 'src/job.py' } })
    const editor = await editorOf('src/job.py')
    act(() => editor.contentDOM.blur())
    type(editor, 'y = 2\n')

    // hidden behind the graph, the view leaves the key to whoever is on screen
    rerender({ visible: false })
    fireEvent.keyDown(document.body, { key: 's', ctrlKey: true })
    expect(server.requests('PUT', '/files/src/job.py')).toHaveLength(0)

    rerender({ visible: true })
    const press = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true })
    act(() => void document.body.dispatchEvent(press))
    expect(press.defaultPrevented).toBe(true)
    await waitFor(() => expect(server.files.get('src/job.py')!.text).toBe('y = 2\nx = 1\n'))
  })

  test('refuses binary files with the server detail', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
        String(input).endsWith('/files/README.md')
          ? new Response(JSON.stringify({ detail: '`README.md` is a binary file.' }), { status: 415 })
          : server.handle(input, init),
      ),
    )
    setup()
    await waitFor(() => expect(byPath('treeitem', 'README.md')).not.toBeNull())
    fireEvent.click(byPath('treeitem', 'README.md')!)
    expect((await screen.findByRole('alert')).textContent).toContain('is a binary file')
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', true)
  })
})

describe('file operations', () => {
  test('"New file" creates the file with If-None-Match: * in the selected folder and opens it', async () => {
    server.put('src/sales/defs/a.py', '')
    setup()
    await waitFor(() => expect(byPath('treeitem', 'src')).not.toBeNull())
    fireEvent.click(byPath('treeitem', 'src')!) // selects and expands it
    fireEvent.click(screen.getByRole('button', { name: 'New file' }))
    const input = screen.getByLabelText('Path') as HTMLInputElement
    expect(input.value).toBe('src/')
    fireEvent.change(input, { target: { value: 'src/new_module.py' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create' }))
    await editorOf('src/new_module.py')
    const [create] = server.requests('PUT', '/files/src/new_module.py')
    expect(create.headers.get('If-None-Match')).toBe('*')
    expect(tabOf('src/new_module.py')).not.toBeNull()
  })

  test('deleting a folder says what it holds and deletes recursively; its open files close', async () => {
    server.put('src/sales/defs/a.py', 'a = 1\n')
    server.put('src/sales/defs/b.py', 'b = 2\n')
    setup({ open: { path: 'src/sales/defs/a.py' } })
    await editorOf('src/sales/defs/a.py')
    const folder = await waitFor(() => byPath('treeitem', 'src/sales/defs')!)
    fireEvent.contextMenu(folder)
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete…' }))
    const dialog = screen.getByRole('dialog', { name: 'Delete folder' })
    expect(dialog.textContent).toContain('and the 2 files and folders in it')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(byPath('tab', 'src/sales/defs/a.py')).toBeNull())
    expect(server.requests('DELETE', '/files/src/sales/defs')[0].url).toMatch(/\?recursive=true$/)
  })

  test('dropping a file on a folder moves it; its open tab follows', async () => {
    server.put('src/sales/defs/a.py', 'a = 1\n')
    server.put('src/other/keep.txt', '')
    setup({ open: { path: 'src/sales/defs/a.py' } })
    await editorOf('src/sales/defs/a.py')
    const data = new Map<string, string>()
    const dataTransfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      get types() {
        return [...data.keys()]
      },
      effectAllowed: 'all',
      dropEffect: 'none',
    }
    fireEvent.dragStart(byPath('treeitem', 'src/sales/defs/a.py')!, { dataTransfer })
    fireEvent.dragOver(byPath('treeitem', 'src/other')!, { dataTransfer })
    fireEvent.drop(byPath('treeitem', 'src/other')!, { dataTransfer })
    await waitFor(() => expect(byPath('tab', 'src/other/a.py')).not.toBeNull())
    expect(JSON.parse(server.requests('POST', '/moves')[0].body!)).toEqual({ from: 'src/sales/defs/a.py', to: 'src/other/a.py' })
    await editorOf('src/other/a.py')
  })

  test('the name filter narrows the tree; a content search result opens its file at the line', async () => {
    server.put('src/sales/defs/orders.py', 'import dagster as dg\n\n@dg.asset\ndef orders(): ...\n')
    setup()
    await waitFor(() => expect(byPath('treeitem', 'README.md')).not.toBeNull())
    fireEvent.change(screen.getByLabelText('Filter files by name'), { target: { value: 'orders' } })
    await waitFor(() => expect(byPath('treeitem', 'README.md')).toBeNull())
    expect(byPath('treeitem', 'src/sales/defs/orders.py')).not.toBeNull()

    fireEvent.click(screen.getByRole('tab', { name: 'Search' }))
    fireEvent.change(screen.getByLabelText('Search in files'), { target: { value: 'def orders' } })
    fireEvent.click(await screen.findByTitle('src/sales/defs/orders.py:4'))
    const editor = await editorOf('src/sales/defs/orders.py')
    await waitFor(() => expect(editor.state.doc.lineAt(editor.state.selection.main.head).number).toBe(4))
  })

  test('"Show in graph" names the current file', async () => {
    server.put('src/sales/defs/a.py', '')
    const { props } = setup({ open: { path: 'src/sales/defs/a.py' } })
    await editorOf('src/sales/defs/a.py')
    fireEvent.click(screen.getByRole('button', { name: 'Show in graph' }))
    expect(props.onShowInGraph).toHaveBeenCalledWith('src/sales/defs/a.py')
  })
})

describe('source control', () => {
  test('the tab counts the changes; a change opens its diff as a tab, side by side, and "Open file" edits it', async () => {
    server.git.diffs.set('README.md:false', { original: 'hello\nworld\n', modified: 'hello\nplanet\n' })
    setup()
    const tab = await screen.findByRole('tab', { name: /^Git/ })
    await waitFor(() => expect(within(tab).getByText('1')).toBeTruthy())
    fireEvent.click(tab)
    fireEvent.click(await screen.findByRole('button', { name: 'README.md, changes' }))

    const diff = await screen.findByRole('region', { name: 'Changes of README.md' })
    expect(byPath('tab', 'README.md')!.textContent).toContain('README.md (changes)')
    expect(byPath('tab', 'README.md')!.getAttribute('aria-selected')).toBe('true')
    const side = (which: string) => [...diff.querySelectorAll(`.cm-merge-${which} .cm-changedLine`)].map((line) => line.textContent)
    await waitFor(() => expect(side('a')).toEqual(['world']))
    expect(side('b')).toEqual(['planet'])
    expect(diff.querySelector('.cm-merge-a .cm-content')!.getAttribute('contenteditable')).toBe('false')
    expect(diff.querySelector('.cm-merge-b .cm-content')!.getAttribute('contenteditable')).toBe('false')

    // the file itself opens as its own tab; the diff tab stays
    fireEvent.click(within(diff).getByRole('button', { name: 'Open file' }))
    await editorOf('README.md')
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Changes of README.md' })).toBeNull())
    const tabs = screen.getAllByRole('tab').filter((t) => t.getAttribute('data-path') === 'README.md')
    expect(tabs.map((t) => [t.textContent?.replace('×', ''), t.getAttribute('aria-selected')])).toEqual([
      ['README.md', 'true'],
      ['README.md (changes)', 'false'],
    ])

    // back to the diff, then closing it shows the file again
    fireEvent.click(tabs[1])
    await screen.findByRole('region', { name: 'Changes of README.md' })
    // Delete on the focused tab closes it, as its × does
    expect(tabs[1].getAttribute('aria-keyshortcuts')).toBe('Delete')
    fireEvent.keyDown(tabs[1], { key: 'Delete' })
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Changes of README.md' })).toBeNull())
    expect(tabOf('README.md').getAttribute('aria-selected')).toBe('true')
  })
})
