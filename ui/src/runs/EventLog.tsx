import { useEffect, useRef, useState } from 'react'
import type { RunEvent } from '../api/types'
import { MetadataTable } from './MetadataTable'

type Shown = 'all' | 'events' | 'output' | 'errors'

const SHOWN: Record<Shown, { label: string; keep: (e: RunEvent) => boolean }> = {
  all: { label: 'All', keep: () => true },
  events: { label: 'Dagster events', keep: (e) => e.event_type !== 'STDOUT' && e.event_type !== 'STDERR' },
  output: { label: 'Step output', keep: (e) => e.event_type === 'STDOUT' || e.event_type === 'STDERR' },
  errors: { label: 'Errors', keep: (e) => e.level === 'ERROR' || e.level === 'CRITICAL' || e.event_type.endsWith('FAILURE') },
}

const clock = (seconds: number) => {
  const date = new Date(seconds * 1000)
  return `${date.toLocaleTimeString([], { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`
}

/** The run's events as they arrive, step output included; follows the end while at the end. */
export function EventLog({ events }: { events: readonly RunEvent[] }) {
  const [shown, setShown] = useState<Shown>('all')
  const [text, setText] = useState('')
  const box = useRef<HTMLDivElement>(null)
  const following = useRef(true)
  const needle = text.trim().toLowerCase()
  // a run's output shares the cursor of the event that ends the run: rows are keyed by place
  const rows = events
    .map((e, place) => ({ e, place }))
    .filter(
      ({ e }) => SHOWN[shown].keep(e) && (!needle || `${e.event_type} ${e.step_key ?? ''} ${e.message}`.toLowerCase().includes(needle)),
    )
  useEffect(() => {
    if (following.current && box.current) box.current.scrollTop = box.current.scrollHeight
  }, [rows.length])
  return (
    <section className="event-log" aria-label="Event log">
      <div className="event-log-bar">
        <select className="text" value={shown} aria-label="Show" onChange={(e) => setShown(e.target.value as Shown)}>
          {Object.entries(SHOWN).map(([id, { label }]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
        <input className="text" type="search" placeholder="Filter the log" value={text} onChange={(e) => setText(e.target.value)} />
        <span className="muted">
          {rows.length} of {events.length}
        </span>
      </div>
      <div
        className="event-rows"
        ref={box}
        // a scrolled region the keyboard reaches: its arrows and Page keys scroll the log
        tabIndex={0}
        role="group"
        aria-label="Events"
        onScroll={(event) => {
          const el = event.currentTarget
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24
        }}
      >
        <table>
          <tbody>
            {rows.map(({ e, place }) => (
              <tr key={place} className={`event level-${e.level.toLowerCase()} type-${e.event_type}`} data-event-type={e.event_type}>
                <td className="mono muted event-time">{clock(e.timestamp)}</td>
                <td className="mono event-type">{e.event_type}</td>
                <td className="mono muted event-step">{e.step_key ?? ''}</td>
                <td className={e.event_type === 'STDOUT' || e.event_type === 'STDERR' ? 'mono event-message output' : 'event-message'}>
                  {e.message}
                  {e.metadata && <MetadataTable entries={e.metadata} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
