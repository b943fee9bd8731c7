// The tabs of the open files: a dot when unsaved, × or a middle click closes.
import type { MouseEvent } from 'react'
import { classes } from '../ui/names'
import type { OpenFile } from './openFiles'
import { basename, dirname } from './paths'

interface EditorTabsProps {
  files: readonly OpenFile[]
  active: string | null
  onActivate: (path: string) => void
  onClose: (path: string) => void
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

export function EditorTabs({ files, active, onActivate, onClose }: EditorTabsProps) {
  const names = labels(files)
  const middleClick = (event: MouseEvent, path: string) => {
    if (event.button !== 1) return
    event.preventDefault()
    onClose(path)
  }
  return (
    <div className="ws-tabs" role="tablist" aria-label="Open files">
      {files.map((file) => (
        <div
          key={file.path}
          role="tab"
          data-path={file.path}
          aria-selected={file.path === active}
          tabIndex={file.path === active ? 0 : -1}
          className={classes('ws-tab', file.path === active && 'active', file.conflict && 'conflict')}
          title={file.path}
          onClick={() => onActivate(file.path)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') onActivate(file.path)
          }}
          // a middle press would start the browser's autoscroll
          onMouseDown={(event) => event.button === 1 && event.preventDefault()}
          onAuxClick={(event) => middleClick(event, file.path)}
        >
          <span className="ws-tab-name">{names.get(file.path)}</span>
          {file.dirty && (
            <span className="ws-tab-dirty" aria-label="unsaved changes" title="Unsaved changes">
              ●
            </span>
          )}
          <button
            className="ws-tab-close"
            aria-label={`Close ${file.path}`}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation()
              onClose(file.path)
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
