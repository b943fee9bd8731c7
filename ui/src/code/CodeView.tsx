// The Code view: files on the left, editor tabs in the middle, terminals at the bottom.
// The files on disk are the truth: the open files follow them (`useOpenFiles`) and are never
// written over a version the user has not seen.
import { useEffect, useState, type KeyboardEvent } from 'react'
import { Dialog } from '../ui/Dialog'
import { EditorPane } from './EditorPane'
import { EditorTabs } from './EditorTabs'
import { Sidebar } from './Sidebar'
import { TerminalPanel } from './TerminalPanel'
import type { OpenFilesHandle } from './useOpenFiles'
import './code.css'

/** Open a project-relative file, optionally at a 1-based line. */
export interface OpenRequest {
  path: string
  line?: number
}

export interface CodeViewProps {
  projectId: string
  projectName: string
  /** the defs folder, project-relative, such as "src/sales_analytics/defs" */
  defsFolder: string
  /** the project's open files, which the property panel shares */
  files: OpenFilesHandle
  /** a file to show (from the graph); a new object each time, even for the same file */
  open: OpenRequest | null
  /** on screen (the Graph mode hides it) */
  visible: boolean
  onShowInGraph: (path: string) => void
}

export function CodeView(props: CodeViewProps) {
  // everything inside belongs to one project
  return <Workspace key={props.projectId} {...props} />
}

function Workspace({ projectId, projectName, defsFolder, files, open, visible, onShowInGraph }: CodeViewProps) {
  const { store, snapshot } = files
  const [closing, setClosing] = useState<string | null>(null)

  useEffect(() => {
    if (open) void store.open(open.path, open.line)
  }, [open, store])

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      if (snapshot.active) void store.save(snapshot.active)
    }
  }

  const requestClose = (path: string) => {
    if (store.get(path)?.dirty) setClosing(path)
    else store.close(path)
  }

  const dirtyPaths = snapshot.files.filter((f) => f.dirty).map((f) => f.path)

  return (
    <div className="ws" onKeyDown={onKeyDown}>
      <aside className="ws-sidebar" aria-label="Project files">
        <Sidebar
          projectId={projectId}
          projectName={projectName}
          activePath={snapshot.active}
          dirtyPaths={dirtyPaths}
          onOpen={(path, line) => void store.open(path, line)}
          onMoved={(from, to) => store.moved(from, to)}
          onDeleted={(path) => store.removed(path)}
        />
      </aside>
      <div className="ws-main">
        <section className="ws-editor-area" aria-label="Editor">
          <EditorTabs files={snapshot.files.filter((f) => f.tab)} active={snapshot.active} onActivate={(path) => store.activate(path)} onClose={requestClose} />
          <EditorPane files={files} defsFolder={defsFolder} visible={visible} onShowInGraph={onShowInGraph} />
        </section>
        <TerminalPanel projectId={projectId} />
      </div>
      {closing && (
        <Dialog
          title="Unsaved changes"
          onClose={() => setClosing(null)}
          footer={
            <>
              <button className="button" onClick={() => setClosing(null)}>
                Cancel
              </button>
              <button
                className="button danger"
                onClick={() => {
                  store.close(closing)
                  setClosing(null)
                }}
              >
                Close without saving
              </button>
              <button
                className="button primary"
                onClick={async () => {
                  setClosing(null)
                  if (await store.save(closing)) store.close(closing)
                }}
              >
                Save and close
              </button>
            </>
          }
        >
          <p>
            <span className="mono">{closing}</span> has unsaved changes.
          </p>
        </Dialog>
      )}
    </div>
  )
}
