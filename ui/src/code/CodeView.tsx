// The Code view: files on the left, editor tabs in the middle, terminals at the bottom.
// The files on disk are the truth: the open files follow them (`useOpenFiles`) and are never
// written over a version the user has not seen.
import { useEffect, useState } from 'react'
import { Dialog } from '../ui/Dialog'
import { EditorPane } from './EditorPane'
import { EditorTabs } from './EditorTabs'
import { GitDiffView } from './GitDiffView'
import { diffTabKey, type DiffTab } from './sourceControl'
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
  // git diffs open as tabs next to the files; one of them may be shown instead of the active file
  const [diffs, setDiffs] = useState<DiffTab[]>([])
  const [activeDiff, setActiveDiff] = useState<string | null>(null)
  const shownDiff = diffs.find((tab) => diffTabKey(tab) === activeDiff) ?? null

  const openFile = (path: string, line?: number) => {
    setActiveDiff(null)
    void store.open(path, line)
  }

  // a file asked for from elsewhere is shown, not the diff in front of it
  const [lastOpen, setLastOpen] = useState(open)
  if (open !== lastOpen) {
    setLastOpen(open)
    if (open) setActiveDiff(null)
  }
  useEffect(() => {
    if (open) void store.open(open.path, open.line)
  }, [open, store])

  const openDiff = (tab: DiffTab) => {
    if (!diffs.some((other) => diffTabKey(other) === diffTabKey(tab))) setDiffs([...diffs, tab])
    setActiveDiff(diffTabKey(tab))
  }

  const closeDiff = (tab: DiffTab) => {
    const key = diffTabKey(tab)
    const rest = diffs.filter((other) => diffTabKey(other) !== key)
    setDiffs(rest)
    // its neighbour among the diffs, else the active file
    if (activeDiff === key) {
      const index = diffs.findIndex((other) => diffTabKey(other) === key)
      const next = rest[Math.min(index, rest.length - 1)]
      setActiveDiff(next ? diffTabKey(next) : null)
    }
  }

  // Ctrl+S saves the active file wherever the focus is while the view is on screen (the file
  // tree, a tab, the page): the browser's own "Save page" never opens over the code
  const active = snapshot.active
  useEffect(() => {
    if (!visible) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey)) return
      if (event.key.toLowerCase() !== 's') return
      event.preventDefault()
      if (active) void store.save(active)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [visible, active, store])

  const requestClose = (path: string) => {
    if (store.get(path)?.dirty) setClosing(path)
    else store.close(path)
  }

  const dirtyPaths = snapshot.files.filter((f) => f.dirty).map((f) => f.path)

  return (
    <div className="ws">
      <aside className="ws-sidebar" aria-label="Project files">
        <Sidebar
          projectId={projectId}
          projectName={projectName}
          activePath={snapshot.active}
          dirtyPaths={dirtyPaths}
          onOpen={openFile}
          onOpenDiff={(path, staged) => openDiff({ path, staged })}
          onFilesChanged={() => void store.syncWithDisk()}
          onMoved={(from, to) => store.moved(from, to)}
          onDeleted={(path) => store.removed(path)}
        />
      </aside>
      <div className="ws-main">
        <section className="ws-editor-area" aria-label="Editor">
          <EditorTabs
            files={snapshot.files.filter((f) => f.tab)}
            active={snapshot.active}
            diffs={diffs}
            activeDiff={activeDiff}
            onActivate={(path) => {
              setActiveDiff(null)
              store.activate(path)
            }}
            onClose={requestClose}
            onActivateDiff={(tab) => setActiveDiff(diffTabKey(tab))}
            onCloseDiff={closeDiff}
          />
          <div className="ws-editor-slot" hidden={shownDiff !== null}>
            <EditorPane files={files} defsFolder={defsFolder} visible={visible && shownDiff === null} onShowInGraph={onShowInGraph} />
          </div>
          {shownDiff && <GitDiffView key={diffTabKey(shownDiff)} projectId={projectId} path={shownDiff.path} staged={shownDiff.staged} onOpenFile={openFile} />}
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
