import { Fragment } from 'react'
import { problemSummary } from './status'

/** "⚠ 1 problem, 1 warning": problems in red, warnings in amber; null when there are none. */
export function ProblemCount({ problems, warnings }: { problems: number; warnings: number }) {
  const parts = problemSummary(problems, warnings)
  if (parts.length === 0) return null
  return (
    <span className="problem-count">
      {parts.map((part, i) => (
        <Fragment key={part.tone}>
          {i > 0 && ', '}
          <span className={`problems-count ${part.tone}`}>
            {part.tone === 'error' && '⚠ '}
            {part.text}
          </span>
        </Fragment>
      ))}
    </span>
  )
}
