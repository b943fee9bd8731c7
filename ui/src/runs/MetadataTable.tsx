import type { RunEvent } from '../api/types'

type Entry = NonNullable<RunEvent['metadata']>[number]

/** Where a value can be opened: a URL as a link; anything else as text. */
function Value({ entry }: { entry: Entry }) {
  if (entry.kind === 'url' && /^https?:\/\//.test(entry.value)) {
    return (
      <a href={entry.value} target="_blank" rel="noreferrer noopener">
        {entry.value}
      </a>
    )
  }
  const long = entry.value.length > 120 || entry.value.includes('\n')
  return long ? <pre className="metadata-long">{entry.value}</pre> : <span>{entry.value}</span>
}

/** What Dagster recorded with a materialization or a check (row counts, previews, links). */
export function MetadataTable({ entries }: { entries: readonly Entry[] }) {
  if (entries.length === 0) return null
  return (
    <table className="metadata-table">
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.label} data-metadata={entry.label}>
            <th className="mono">{entry.label}</th>
            <td className="muted metadata-kind">{entry.kind}</td>
            <td>
              <Value entry={entry} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
