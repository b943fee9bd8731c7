import type { ProblemItem } from '../api/types'
import { CodeView } from '../ui/CodeView'
import { Spinner } from '../ui/bits'
import { ConflictView, Editor, type OpenFilesHandle } from '../code'
import { Locked } from './Locked'
import { ProblemList } from './ProblemList'

interface YamlTabProps {
  files: OpenFilesHandle
  /** the component file, project-relative */
  path: string
  problems: ProblemItem[]
  /** the panel is on screen */
  visible: boolean
  /** the form holds unsaved edits of this file */
  formDirty: boolean
  onSaveForm: () => void
  onRevertForm: () => void
}

/** The component's defs.yaml as it is on disk, in the buffer the code editor uses for it: saved
 * verbatim (invalid YAML too; Dagster's problems then show on their lines), with If-Match. */
export function YamlTab({ files, path, problems, visible, formDirty, onSaveForm, onRevertForm }: YamlTabProps) {
  const { store, buffers, snapshot } = files
  const file = snapshot.files.find((f) => f.path === path)
  if (!file || file.status === 'loading') return <Spinner label="Reading the component file…" />
  if (file.status !== 'ready') return <div className="notice error">The file could not be opened: {file.message}</div>
  return (
    <div className="yaml-tab">
      <ProblemList problems={problems} />
      {file.notice && (
        <div className={`notice ${file.notice.tone}`} role="status">
          {file.notice.text}
        </div>
      )}
      {file.conflict && (
        <ConflictView
          key={file.conflict.reason}
          path={path}
          conflict={file.conflict}
          mine={buffers.text(path) ?? file.saved}
          busy={file.saving}
          onKeepMine={() => void store.keepMine(path)}
          onTakeDisk={() => store.takeDisk(path)}
          onCancel={() => store.dismissConflict(path)}
        />
      )}
      {formDirty ? (
        <>
          <Locked editor="form" onSave={onSaveForm} onRevert={onRevertForm}>
            to edit the YAML. This is the file as saved.
          </Locked>
          <div className="panel-yaml">
            <CodeView value={file.saved} language="yaml" readOnly label={`Saved ${path}`} />
          </div>
        </>
      ) : (
        <div className="panel-yaml">
          <Editor buffers={buffers} path={path} text={file.saved} reveal={null} visible={visible} className="panel-yaml-editor" />
        </div>
      )}
    </div>
  )
}
