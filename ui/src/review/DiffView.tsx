// A fix's unified diff, read-only: removed lines red, added green, one line per row.
import { diffLines } from './review'

export function DiffView({ diff, label }: { diff: string; label: string }) {
  return (
    <pre className="review-diff" aria-label={label} tabIndex={0}>
      {diffLines(diff).map((line, i) => (
        <div key={i} className={`review-diff-${line.kind}`}>
          {line.text || ' '}
        </div>
      ))}
    </pre>
  )
}
