// A file's git diff in the editor area, side by side: the original on the left (HEAD for staged
// changes, the index for unstaged ones), the modified text on the right, both read-only.
import { MergeView } from '@codemirror/merge'
import { useEffect, useRef } from 'react'
import { errorMessage } from '../api/client'
import { Spinner } from '../ui/bits'
import { COLLAPSE_UNCHANGED, readOnlyFile } from './mergeSetup'
import { useGitDiff } from './queries'

interface GitDiffViewProps {
  projectId: string
  path: string
  staged: boolean
  onOpenFile: (path: string) => void
}

/** The names of the two sides. */
const diffSides = (staged: boolean): [string, string] => (staged ? ['Last commit (HEAD)', 'Staged'] : ['Staged or last commit', 'Working file'])

interface SideBySideProps {
  path: string
  original: string
  modified: string
  /** the names of the two sides */
  sides: [string, string]
}

function SideBySide({ path, original, modified, sides: [left, right] }: SideBySideProps) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const view = new MergeView({
      parent: host.current!,
      a: { doc: original, extensions: readOnlyFile(path, `${left}: ${path}`) },
      b: { doc: modified, extensions: readOnlyFile(path, `${right}: ${path}`) },
      collapseUnchanged: COLLAPSE_UNCHANGED,
      gutter: true,
    })
    return () => view.destroy()
  }, [path, original, modified, left, right])
  return <div className="ws-side-diff" ref={host} />
}

export function GitDiffView({ projectId, path, staged, onOpenFile }: GitDiffViewProps) {
  const diff = useGitDiff(projectId, path, staged)
  const [left, right] = diffSides(staged)
  const data = diff.data
  return (
    <section className="ws-git-diff" aria-label={`${staged ? 'Staged changes' : 'Changes'} of ${path}`}>
      <div className="ws-editor-toolbar">
        <span className="ws-editor-path mono" title={path}>
          {path}
        </span>
        <span className="muted">
          {left} ↔ {right}
        </span>
        {data?.modified !== null && !staged && (
          <button className="button small" onClick={() => onOpenFile(path)} title="Edit the working file">
            Open file
          </button>
        )}
      </div>
      {diff.isLoading && (
        <div className="ws-editor-message">
          <Spinner label={`Reading the diff of ${path}…`} />
        </div>
      )}
      {diff.error && (
        <div className="ws-editor-message">
          <div className="notice error" role="alert">
            {errorMessage(diff.error)}
          </div>
        </div>
      )}
      {data?.binary && <p className="ws-editor-message muted">This file is binary or too large to compare here.</p>}
      {data && !data.binary && data.original === data.modified && <p className="ws-editor-message muted">No differences.</p>}
      {data && !data.binary && data.original !== data.modified && (
        <>
          <div className="ws-side-diff-heads" aria-hidden>
            <span>{data.original === null ? `${left}: no such file` : left}</span>
            <span>{data.modified === null ? `${right}: deleted` : right}</span>
          </div>
          <SideBySide path={path} original={data.original ?? ''} modified={data.modified ?? ''} sides={[left, right]} />
        </>
      )}
    </section>
  )
}
