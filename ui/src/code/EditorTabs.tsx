// The tabs of the editor area: the open files (a dot when unsaved) and git diffs; ×, a middle
// click or Delete on the focused tab closes.
import type { MouseEvent } from 'react'
import { classes } from '../ui/names'
import { CloseMark } from './CloseMark'
import type { OpenFile } from './openFiles'
import { basename, dirname } from './paths'
import { diffTabKey, type DiffTab } from './sourceControl'

interface EditorTabsProps {
  files: readonly OpenFile[]
  active: string | null
  diffs: readonly DiffTab[]
  /** the key of the diff shown instead of the active file, if any */
  activeDiff: string | null
  onActivate: (path: string) => void
  onClose: (path: string) => void
  onActivateDiff: (tab: DiffTab) => void
  onCloseDiff: (tab: DiffTab) => void
}

/** Tab labels: the file name, with its folder's name when several open files share the name
 * (every component has a defs.yaml). */
function labels(files: readonly OpenFile[]): Map<string, string> {
  const counts = new Map<string, number>()
  for (const file of files) counts.set(basename(file.path), (counts.get(basename(file.path)) ?? 0) + 1)
  return new Map(
    files.map((file) => {
      const name = basename(file.path)
      const folder = basename(dirname(file.path))
      return [file.path, (counts.get(name) ?? 0) > 1 && folder ? `${name} · ${folder}` : name]
    }),
  )
}

interface TabProps {
  path: string
  label: string
  closeLabel: string
  selected: boolean
  dirty?: boolean
  conflict?: boolean
  onActivate: () => void
  onClose: () => void
}

function Tab({ path, label, closeLabel, selected, dirty, conflict, onActivate, onClose }: TabProps) {
  const middleClick = (event: MouseEvent) => {
    if (event.button !== 1) return
    event.preventDefault()
    onClose()
  }
  return (
    <div
      role="tab"
      data-path={path}
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={classes('ws-tab', selected && 'active', conflict && 'conflict')}
      title={path}
      onClick={onActivate}
      aria-keyshortcuts="Delete"
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onActivate()
        else if (event.key === 'Delete') onClose()
      }}
      // a middle press would start the browser's autoscroll
      onMouseDown={(event) => event.button === 1 && event.preventDefault()}
      onAuxClick={middleClick}
    >
      <span className="ws-tab-name">{label}</span>
      {dirty && (
        <span className="ws-tab-dirty" aria-label="unsaved changes" title="Unsaved changes">
          ●
        </span>
      )}
      <CloseMark title={closeLabel} onClose={onClose} />
    </div>
  )
}

export function EditorTabs(props: EditorTabsProps) {
  const { files, active, diffs, activeDiff } = props
  const names = labels(files)
  return (
    <div className="ws-tabs" role="tablist" aria-label="Open files">
      {files.map((file) => (
        <Tab
          key={file.path}
          path={file.path}
          label={names.get(file.path) ?? file.path}
          closeLabel={`Close ${file.path}`}
          selected={activeDiff === null && file.path === active}
          dirty={file.dirty}
          conflict={file.conflict !== null}
          onActivate={() => props.onActivate(file.path)}
          onClose={() => props.onClose(file.path)}
        />
      ))}
      {diffs.map((tab) => (
        <Tab
          key={diffTabKey(tab)}
          path={tab.path}
          label={`${basename(tab.path)} (${tab.staged ? 'staged' : 'changes'})`}
          closeLabel={`Close the ${tab.staged ? 'staged changes' : 'changes'} of ${tab.path}`}
          selected={activeDiff === diffTabKey(tab)}
          onActivate={() => props.onActivateDiff(tab)}
          onClose={() => props.onCloseDiff(tab)}
        />
      ))}
    </div>
  )
}
