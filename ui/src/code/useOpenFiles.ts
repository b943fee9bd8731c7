// The open files of a project: their store, their editor buffers, and the editors' access to
// the project's current props. One per project, shared by the code view and the property
// panel's YAML tab, so a file has one buffer wherever it is edited.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import { createFile, formatPython, readFile, writeFile } from '../api/code'
import { BufferStore } from './buffers'
import { createEditorEnv, type WorkspaceContext } from './editorEnv'
import { fileExtensions } from './extensions'
import { OpenFiles, type OpenFilesSnapshot } from './openFiles'
import { useRefreshWorkspace } from './queries'

export interface OpenFilesHandle {
  store: OpenFiles
  buffers: BufferStore
  snapshot: OpenFilesSnapshot
}

/** The project page is keyed by project, so `context.projectId` never changes. */
export function useOpenFiles(context: WorkspaceContext): OpenFilesHandle {
  const refresh = useRefreshWorkspace(context.projectId)
  const [parts] = useState(() => {
    // what the editors and the store read when they need it: the props of the last render
    let latest = { context, refresh }
    const id = context.projectId
    const env = createEditorEnv(
      () => latest.context,
      (path, doc) => store.changed(path, doc),
    )
    const buffers = new BufferStore((path) => fileExtensions(path, env))
    const store: OpenFiles = new OpenFiles(
      {
        read: (path) => readFile(id, path),
        write: (path, text, etag) => writeFile(id, path, text, etag),
        create: (path, text) => createFile(id, path, text),
        format: (path, source) => formatPython(id, path, source),
        written: () => latest.refresh(),
      },
      buffers,
    )
    const update = (next: typeof latest) => {
      latest = next
    }
    return { store, buffers, update }
  })
  useLayoutEffect(() => parts.update({ context, refresh }))
  const { store, buffers } = parts

  // a new push of the definitions means files changed: editors follow, the tree and git too
  const seen = useRef(context.definitions)
  useEffect(() => {
    if (seen.current === context.definitions) return
    seen.current = context.definitions
    void store.syncWithDisk()
    buffers.refreshDiagnostics()
    refresh()
  }, [context.definitions, store, buffers, refresh])

  // another program may have changed files while the window was in the background
  useEffect(() => {
    const onFocus = () => void store.syncWithDisk()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [store])

  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot)
  return { store, buffers, snapshot }
}
