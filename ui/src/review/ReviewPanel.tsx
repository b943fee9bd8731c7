// The Review panel: the project's findings grouped by severity, each naming its rule, message,
// node and place; a click shows the finding (its node on the graph, else its file at the line).
// A finding with a fix shows the fix's diff first, then applies it. The "Tests" section holds
// whatever the page passes in.
import { useState, type ReactNode } from 'react'
import { errorMessage } from '../api/client'
import { Spinner } from '../ui/bits'
import { DiffView } from './DiffView'
import { previewFix, useApplyFix } from './queries'
import { findingId, groupBySeverity, groupTitle, placeOf, type Finding } from './review'
import './review.css'

interface ReviewPanelProps {
  projectId: string
  findings: Finding[] | undefined
  loading: boolean
  error: unknown
  onShow: (finding: Finding) => void
  onOpenFile: (file: string, line: number | null) => void
  onClose: () => void
  /** the "Tests" section's content */
  tests?: ReactNode
}

export function ReviewPanel({ projectId, findings, loading, error, onShow, onOpenFile, onClose, tests }: ReviewPanelProps) {
  const groups = findings ? groupBySeverity(findings) : []
  return (
    <aside id="review-panel" className="review-panel" aria-label="Project review">
      <div className="review-header">
        <h2>Review</h2>
        {loading && <Spinner label="Reviewing…" />}
        <button className="icon-button" onClick={onClose} aria-label="Close the review" title="Close the review">
          ×
        </button>
      </div>
      <div className="review-body">
        {error !== null && error !== undefined && (
          <div className="notice error" role="alert">
            The review could not be read: {errorMessage(error)}
          </div>
        )}
        {findings && groups.length === 0 && <p className="muted">✓ Nothing to review: the project follows every rule.</p>}
        {groups.map((group) => (
          <section key={group.severity} className="review-group" aria-labelledby={`review-${group.severity}-title`}>
            <h3 id={`review-${group.severity}-title`} className={`review-${group.severity}`}>
              {groupTitle(group.severity)} <span className="muted">({group.findings.length})</span>
            </h3>
            <ul className="review-list">
              {group.findings.map((finding) => (
                <FindingItem key={findingId(finding)} projectId={projectId} finding={finding} onShow={onShow} onOpenFile={onOpenFile} />
              ))}
            </ul>
          </section>
        ))}
        <section className="review-group review-tests" aria-labelledby="review-tests-title">
          <h3 id="review-tests-title">Tests</h3>
          {tests}
        </section>
      </div>
    </aside>
  )
}

interface FindingItemProps {
  projectId: string
  finding: Finding
  onShow: (finding: Finding) => void
  onOpenFile: (file: string, line: number | null) => void
}

function FindingItem({ projectId, finding, onShow, onOpenFile }: FindingItemProps) {
  const place = placeOf(finding)
  const [preview, setPreview] = useState<{ diff: string } | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const apply = useApplyFix(projectId)
  const showFix = async () => {
    setPreviewing(true)
    setFailure(null)
    try {
      setPreview(await previewFix(projectId, finding))
    } catch (err) {
      setFailure(errorMessage(err))
    } finally {
      setPreviewing(false)
    }
  }
  const applyFix = () => {
    setFailure(null)
    apply.mutate(finding, { onSuccess: () => setPreview(null), onError: (err) => setFailure(errorMessage(err)) })
  }
  return (
    <li className={`review-finding review-finding-${finding.severity}`}>
      <button className="review-finding-main" onClick={() => onShow(finding)}>
        <span className="review-rule mono">{finding.rule}</span>
        <span className="review-message">{finding.message}</span>
        {(finding.target || place) && (
          <span className="review-where muted mono">
            {finding.target && <span className="review-target">{finding.target}</span>}
            {place && <span className="review-place">{place}</span>}
          </span>
        )}
      </button>
      <div className="review-actions">
        {finding.target && finding.file && (
          <button className="link-button" onClick={() => onOpenFile(finding.file!, finding.line)} aria-label={`Open file ${place}`}>
            Open file
          </button>
        )}
        {finding.fix && !preview && (
          <button className="button small" onClick={() => void showFix()} disabled={previewing}>
            {previewing ? 'Reading the fix…' : `Preview the fix: ${finding.fix.title}`}
          </button>
        )}
      </div>
      {preview && finding.fix && (
        <div className="review-fix">
          <DiffView diff={preview.diff} label={`The changes of the fix: ${finding.fix.title}`} />
          <div className="review-actions">
            <button className="button small primary" onClick={applyFix} disabled={apply.isPending}>
              {apply.isPending ? 'Applying…' : 'Apply'}
            </button>
            <button className="button small" onClick={() => setPreview(null)} disabled={apply.isPending}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {failure && (
        <div className="notice error" role="alert">
          {failure}
        </div>
      )}
    </li>
  )
}
