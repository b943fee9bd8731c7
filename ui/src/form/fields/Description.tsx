import { useState } from 'react'
import { splitCodeSpans } from '../text'

function Inline({ text }: { text: string }) {
  return (
    <>
      {splitCodeSpans(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : <span key={i}>{part.text}</span>))}
    </>
  )
}

/** Help text: the first paragraph, with the rest (often a whole docstring) behind "More". */
export function Description({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false)
  const [first, ...rest] = text.trim().split(/\n\s*\n/)
  return (
    <div className="sf-help">
      <Inline text={first} />
      {rest.length > 0 && (
        <>
          {' '}
          <button type="button" className="sf-link" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
            {expanded ? 'Less' : 'More'}
          </button>
          {expanded && (
            <div className="sf-help-more">
              {rest.map((paragraph, i) => (
                <p key={i}>
                  <Inline text={paragraph} />
                </p>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  )
}
