// The top bar's way into the review: its counts by severity, opening the Review panel.
import { countBySeverity, countLabel, SEVERITIES, type Finding } from './review'

interface ReviewButtonProps {
  findings: Finding[] | undefined
  open: boolean
  onToggle: () => void
}

export function ReviewButton({ findings, open, onToggle }: ReviewButtonProps) {
  const counts = findings ? countBySeverity(findings) : null
  const said = counts ? SEVERITIES.map((s) => countLabel(s, counts[s])).join(', ') : 'not read yet'
  return (
    <button
      className="button review-button"
      onClick={onToggle}
      aria-expanded={open}
      aria-controls="review-panel"
      title="The project's review against Dagster's best practices"
    >
      Review<span className="review-said">: {said}</span>
      {counts &&
        SEVERITIES.map((s) => (
          <span key={s} className={`review-count review-${s}`} aria-hidden>
            {counts[s]}
          </span>
        ))}
    </button>
  )
}
