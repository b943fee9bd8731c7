import type { ProblemItem, WarningItem } from '../api/types'
import { ProblemList } from '../panel/ProblemList'
import { WarningList } from '../panel/WarningList'
import { ProblemCount } from './ProblemCount'
import type { WarningFixes } from './useWarningFixes'

interface ProblemsBarProps {
  problems: ProblemItem[]
  warnings: WarningItem[]
  /** no load has answered yet: there is nothing to say about problems */
  loading: boolean
  open: boolean
  onToggle: () => void
  onOpen: (p: ProblemItem) => void
  fixes: WarningFixes
}

/** Every problem and warning of the last load, collapsible, at the bottom of the project screen. */
export function ProblemsBar({ problems, warnings, loading, open, onToggle, onOpen, fixes }: ProblemsBarProps) {
  const any = problems.length + warnings.length > 0
  return (
    <section className={`problems-bar ${open ? 'open' : ''}`} aria-label="Problems of the project">
      <button className="problems-toggle" onClick={onToggle} aria-expanded={open}>
        {any ? (
          <ProblemCount problems={problems.length} warnings={warnings.length} />
        ) : (
          <span className="problems-count">{loading ? 'Loading definitions…' : '✓ No problems'}</span>
        )}
        <span className="muted">{open ? 'Hide' : any ? 'Show' : ''}</span>
      </button>
      {open && (
        <div className="problems-body">
          <ProblemList problems={problems} onOpen={onOpen} />
          {problems.length > 0 && warnings.length > 0 && <div className="problems-gap" />}
          <WarningList warnings={warnings} fixes={fixes} onOpen={onOpen} />
        </div>
      )}
    </section>
  )
}
