import { useState } from 'react'
import './defsdiff.css'

interface DiffToggleProps {
  /** the ref compared with, null when the overlay is off */
  gitRef: string | null
  onChange: (ref: string | null) => void
}

/** "Changes since HEAD" on the graph, with the ref to compare with (a branch, tag or commit). */
export function DiffToggle({ gitRef, onChange }: DiffToggleProps) {
  const [text, setText] = useState(gitRef ?? 'HEAD')
  const on = gitRef !== null
  const apply = () => onChange(text.trim() || 'HEAD')
  return (
    <div className="diff-toggle">
      <button
        className={`button small${on ? ' primary' : ''}`}
        aria-pressed={on}
        onClick={() => (on ? onChange(null) : apply())}
        title="Colour the assets the working tree adds or changes, and show the removed ones"
      >
        Changes since
      </button>
      <input
        className="text diff-ref"
        value={text}
        aria-label="Compare with (branch, tag or commit)"
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply()
        }}
        onBlur={() => on && apply()}
      />
    </div>
  )
}
