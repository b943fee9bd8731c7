import { useState } from 'react'
import { Docs, InlineDocs } from '../../ui/Docs'

/** Help text: the first paragraph, with the rest (often a whole docstring) behind "More". */
export function Description({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false)
  const trimmed = text.trim()
  const first = trimmed.split(/\n\s*\n/)[0]
  const rest = trimmed.slice(first.length).trim()
  return (
    <div className="sf-help">
      <InlineDocs text={first.replace(/\s*\n\s*/g, ' ')} />
      {rest && (
        <>
          {' '}
          <button type="button" className="sf-link" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
            {expanded ? 'Less' : 'More'}
          </button>
          {expanded && <Docs className="sf-help-more" text={rest} />}
        </>
      )}
    </div>
  )
}
