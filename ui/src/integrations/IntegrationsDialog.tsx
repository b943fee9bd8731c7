// The integration library: Dagster's integrations by category, searchable, each with what it
// provides, its version for the project's Dagster and its docs; Install and Remove run `uv add`
// and `uv remove` in the project, whose status shows their progress.
import { useMemo, useState } from 'react'
import { useChangeIntegration, useProjectIntegrations, type Integration } from '../api/integrations'
import { useProject } from '../api/hooks'
import { Badge, Spinner } from '../ui/bits'
import { Dialog } from '../ui/Dialog'
import { categories, entryState, groupIntegrations, latestOutput, providesSummary } from './integrationsModel'
import './integrations.css'

export function IntegrationsDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const listing = useProjectIntegrations(projectId)
  const project = useProject(projectId).data
  const change = useChangeIntegration(projectId)
  const [query, setQuery] = useState('')
  const [category, setCategory] = useState<string | null>(null)
  const entries = useMemo(() => listing.data ?? [], [listing.data])
  const groups = useMemo(() => groupIntegrations(entries, query, category), [entries, query, category])
  const activity = project?.integration ?? null
  const running = activity?.state === 'running'

  return (
    <Dialog title="Integrations" onClose={onClose} width={760}>
      <div className="integrations">
        <input
          className="text"
          type="search"
          placeholder="Search integrations, components, resources…"
          aria-label="Search integrations"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoFocus
        />
        <div className="integrations-categories" role="group" aria-label="Categories">
          <button className="chip" aria-pressed={category === null} onClick={() => setCategory(null)}>
            All <Badge>{entries.length}</Badge>
          </button>
          {categories(entries).map(({ category: name, count }) => (
            <button key={name} className="chip" aria-pressed={category === name} onClick={() => setCategory(name)}>
              {name} <Badge>{count}</Badge>
            </button>
          ))}
        </div>
        {activity && (
          <div className={`integrations-activity ${activity.state}`} role="status" aria-label="Environment change">
            {activity.state === 'running' && (
              <Spinner label={`${activity.action === 'add' ? 'Adding' : 'Removing'} ${activity.package}…`} />
            )}
            {activity.state === 'done' && (
              <span>
                {activity.action === 'add' ? 'Added' : 'Removed'} {activity.package}.
              </span>
            )}
            {activity.state === 'failed' && <div className="notice error">{activity.error}</div>}
            {activity.state === 'running' && project && project.progress.length > 0 && (
              <pre className="integrations-progress">{latestOutput(project.progress).join('\n')}</pre>
            )}
          </div>
        )}
        {change.error && <div className="notice error">{change.error.message}</div>}
        <div className="integrations-list">
          {listing.isPending && <Spinner label="Reading the project's environment…" />}
          {listing.error && <div className="notice error">{listing.error.message}</div>}
          {listing.data && groups.length === 0 && <p className="muted">Nothing matches “{query}”.</p>}
          {groups.map((group) => (
            <section key={group.category} className="integrations-group" aria-label={group.category}>
              <h3>{group.category}</h3>
              <ul>
                {group.entries.map((entry) => (
                  <Entry
                    key={entry.package}
                    entry={entry}
                    state={entryState(entry, activity)}
                    busy={running || change.isPending}
                    onChange={(remove) => change.mutate({ package: entry.package, remove })}
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </Dialog>
  )
}

interface EntryProps {
  entry: Integration
  state: ReturnType<typeof entryState>
  busy: boolean
  onChange: (remove: boolean) => void
}

function Entry({ entry, state, busy, onChange }: EntryProps) {
  const provides = providesSummary(entry)
  return (
    <li className="integration" data-package={entry.package} aria-label={entry.title}>
      <div className="integration-main">
        <div className="integration-title">
          <strong>{entry.title}</strong>
          {entry.installed && <Badge tone="ok">installed</Badge>}
          {entry.community && <Badge title="Maintained by Dagster's community">community</Badge>}
        </div>
        <div className="integration-package muted">
          {entry.package}
          {entry.version && ` ${entry.version}`}
        </div>
        <div className="integration-summary">{entry.summary}</div>
        <div className="integration-meta muted">
          {provides && <span title={providesTitle(entry)}>{provides}</span>}
          <a href={entry.docs} target="_blank" rel="noreferrer noopener">
            Docs
          </a>
        </div>
      </div>
      <div className="integration-action">
        {state === 'installing' || state === 'removing' ? (
          <Spinner label={state === 'installing' ? 'Installing…' : 'Removing…'} />
        ) : entry.installed ? (
          <button className="button small" disabled={busy} onClick={() => onChange(true)}>
            Remove
          </button>
        ) : (
          <button className="button small primary" disabled={busy} onClick={() => onChange(false)}>
            Install
          </button>
        )}
      </div>
    </li>
  )
}

const providesTitle = (entry: Integration) =>
  [...entry.provides.components, ...entry.provides.resources, ...entry.provides.io_managers].join('\n')
