// The open files of a workspace: their store, their editor buffers, and the editors' access to
// the workspace's current props.
import { useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { createFile, formatPython, readFile, writeFile } from './api'
import { BufferStore } from './buffers'
import { createEditorEnv, type WorkspaceContext } from './editorEnv'
import { fileExtensions } from './extensions'
import { OpenFiles, type OpenFilesSnapshot } from './openFiles'

export interface OpenFilesHandle {
  store: OpenFiles
  buffers: BufferStore
  snapshot: OpenFilesSnapshot
}

/** One per project: the workspace is keyed by project, so `context.projectId` never changes. */
export function useOpenFiles(context: WorkspaceContext, written: (path: string) => void): OpenFilesHandle {
  const [parts] = useState(() => {
    // what the editors and the store read when they need it: the props of the last render
    let latest = { context, written }
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
        written: (path) => latest.written(path),
      },
      buffers,
    )
    const update = (next: typeof latest) => {
      latest = next
    }
    return { store, buffers, update }
  })
  useLayoutEffect(() => parts.update({ context, written }))
  const snapshot = useSyncExternalStore(parts.store.subscribe, parts.store.getSnapshot)
  return { store: parts.store, buffers: parts.buffers, snapshot }
}
