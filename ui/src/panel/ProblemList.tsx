import { useState } from 'react'
import type { ProblemItem } from '../api/types'
import { Ticked } from '../ui/Ticked'

/** Dagster's errors, each with where it is, why it may happen and the fix when one is known. */
export function ProblemList({ problems, onOpen }: { problems: ProblemItem[]; onOpen?: (p: ProblemItem) => void }) {
  if (problems.length === 0) return null
  return (
    <ul className="problem-list" aria-label="Problems">
      {problems.map((problem, i) => (
        <ProblemRow key={`${problem.file}:${problem.line}:${i}`} problem={problem} onOpen={onOpen} />
      ))}
    </ul>
  )
}

function ProblemRow({ problem, onOpen }: { problem: ProblemItem; onOpen?: (p: ProblemItem) => void }) {
  const [open, setOpen] = useState(false)
  const where = problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}` : null
  return (
    <li className="problem" data-kind={problem.kind ?? 'error'}>
      <div className="problem-message">
        <Ticked text={problem.message} />
      </div>
      {where && (
        <button className="problem-where mono" onClick={() => onOpen?.(problem)} disabled={!onOpen}>
          {where}
          {problem.field ? ` · ${problem.field}` : ''}
        </button>
      )}
      {problem.hint && <div className="problem-hint">
          Fix: <Ticked text={problem.hint} />
        </div>}
      {problem.causes && problem.causes.length > 0 && (
        <div className="problem-causes">
          Possible causes:
          <ul>
            {problem.causes.map((cause) => (
              <li key={cause}>
                <Ticked text={cause} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem.detail && (
        <>
          <button className="link-button" onClick={() => setOpen(!open)}>
            {open ? 'Hide details' : 'Show details'}
          </button>
          {open && <pre className="log problem-detail">{problem.detail}</pre>}
        </>
      )}
    </li>
  )
}
