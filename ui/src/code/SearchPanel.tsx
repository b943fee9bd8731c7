// Search in the files' content; a result opens its file at its line.
import { useEffect, useMemo, useRef, useState } from 'react'
import { Spinner } from '../ui/bits'
import { useContentSearch } from './queries'
import type { SearchHit } from './types'

const MAX_RESULTS = 500 // the server's cap
const DEBOUNCE_MS = 300

interface SearchPanelProps {
  projectId: string
  /** shown: the query field takes the focus */
  active: boolean
  onOpen: (path: string, line?: number) => void
}

/** The line with the first occurrence of the query marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const at = text.toLowerCase().indexOf(query.toLowerCase())
  if (at < 0 || !query) return <>{text}</>
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + query.length)}</mark>
      {text.slice(at + query.length)}
    </>
  )
}

export function SearchPanel({ projectId, active, onOpen }: SearchPanelProps) {
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (active) field.current?.focus()
  }, [active])
  const [input, setInput] = useState('')
  const [query, setQuery] = useState('')
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(input.trim()), DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [input])
  const search = useContentSearch(projectId, query)
  const groups = useMemo(() => {
    const byPath = new Map<string, SearchHit[]>()
    for (const hit of search.data ?? []) byPath.set(hit.path, [...(byPath.get(hit.path) ?? []), hit])
    return [...byPath]
  }, [search.data])
  const count = search.data?.length ?? 0
  return (
    <div className="ws-search">
      <input
        className="text ws-filter"
        type="search"
        placeholder="Search in files"
        aria-label="Search in files"
        value={input}
        ref={field}
        onChange={(event) => setInput(event.target.value)}
      />
      {search.isFetching && <Spinner label="Searching…" />}
      {search.error && <div className="notice error">{search.error.message}</div>}
      {search.data && (
        <div className="muted ws-search-summary" role="status">
          {count === 0
            ? 'No results.'
            : `${count >= MAX_RESULTS ? `The first ${count}` : count} result${count === 1 ? '' : 's'} in ${groups.length} file${groups.length === 1 ? '' : 's'}`}
        </div>
      )}
      <ul className="ws-search-results" aria-label="Search results">
        {groups.map(([path, hits]) => (
          <li key={path}>
            <div className="ws-search-file mono" title={path}>
              {path}
            </div>
            <ul>
              {hits.map((hit) => (
                <li key={`${hit.line}:${hit.column}`}>
                  <button
                    className="ws-search-hit"
                    onClick={() => onOpen(hit.path, hit.line ?? undefined)}
                    title={hit.line === null ? path : `${path}:${hit.line}`}
                  >
                    <span className="ws-search-line">{hit.line}</span>
                    <span className="ws-search-text mono">
                      <Highlighted text={hit.text.trim()} query={query} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  )
}
