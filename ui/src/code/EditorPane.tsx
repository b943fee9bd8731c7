// The active file: its toolbar, notices, conflict choices and the editor.
import { Empty, Spinner } from '../ui/bits'
import { classes } from '../ui/names'
import { ConflictView } from './ConflictView'
import { Editor } from './Editor'
import { isWithin } from './paths'
import type { OpenFilesHandle } from './useOpenFiles'

interface EditorPaneProps {
  files: OpenFilesHandle
  defsFolder: string
  visible: boolean
  onShowInGraph: (path: string) => void
}

export function EditorPane({ files, defsFolder, visible, onShowInGraph }: EditorPaneProps) {
  const { store, buffers, snapshot } = files
  const file = snapshot.files.find((f) => f.path === snapshot.active)
  const ready = file?.status === 'ready'
  return (
    <div className="ws-editor-pane">
      {file && (
        <div className="ws-editor-toolbar">
          <span className="ws-editor-path mono" title={file.path}>
            {file.path}
          </span>
          {file.saving && <Spinner label="Saving…" />}
          {isWithin(file.path, defsFolder) && (
            <button className="button small" onClick={() => onShowInGraph(file.path)} title="Select this file's node in the graph">
              Show in graph
            </button>
          )}
          <button
            className={classes('button small', file.dirty && 'primary')}
            onClick={() => void store.save(file.path)}
            disabled={!ready || file.saving}
            title="Save (Ctrl+S)"
          >
            Save
          </button>
        </div>
      )}
      {file?.notice && (
        <div className={`notice ${file.notice.tone} ws-editor-notice`} role="status">
          {file.notice.text}
        </div>
      )}
      {file && ready && file.conflict && (
        <ConflictView
          key={`${file.path}:${file.conflict.reason}`}
          path={file.path}
          conflict={file.conflict}
          mine={buffers.text(file.path) ?? file.saved}
          busy={file.saving}
          onKeepMine={() => void store.keepMine(file.path)}
          onTakeDisk={() => store.takeDisk(file.path)}
          onCancel={() => store.dismissConflict(file.path)}
        />
      )}
      <div className="ws-editor-body">
        {!file && <Empty>Open a file from the tree, or search the project's files.</Empty>}
        {file?.status === 'loading' && (
          <div className="ws-editor-message">
            <Spinner label={`Opening ${file.path}…`} />
          </div>
        )}
        {(file?.status === 'refused' || file?.status === 'failed') && (
          <div className="ws-editor-message">
            <div className={`notice ${file.status === 'refused' ? 'warn' : 'error'}`} role="alert">
              {file.status === 'refused' ? 'This file cannot be edited here: ' : 'The file could not be opened: '}
              {file.message}
            </div>
          </div>
        )}
        <Editor buffers={buffers} path={ready ? file.path : null} text={file?.saved ?? ''} reveal={snapshot.reveal} visible={visible} />
      </div>
    </div>
  )
}
