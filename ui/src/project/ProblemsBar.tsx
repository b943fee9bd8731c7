import { useState } from 'react'
import type { ProblemItem } from '../api/types'
import { ProblemList } from '../panel/ProblemList'
import { plural } from '../ui/names'

interface ProblemsBarProps {
  problems: ProblemItem[]
  /** no load has answered yet: there is nothing to say about problems */
  loading: boolean
  onOpen: (p: ProblemItem) => void
}

/** Every problem of the last load, collapsible, at the bottom of the project screen. */
export function ProblemsBar({ problems, loading, onOpen }: ProblemsBarProps) {
  const [open, setOpen] = useState(false)
  return (
    <section className={`problems-bar ${open ? 'open' : ''}`} aria-label="Problems of the project">
      <button className="problems-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        <span className={problems.length ? 'problems-count error' : 'problems-count'}>
          {problems.length ? `⚠ ${plural(problems.length, 'problem')}` : loading ? 'Loading definitions…' : '✓ No problems'}
        </span>
        <span className="muted">{open ? 'Hide' : problems.length ? 'Show' : ''}</span>
      </button>
      {open && (
        <div className="problems-body">
          <ProblemList problems={problems} onOpen={onOpen} />
        </div>
      )}
    </section>
  )
}
