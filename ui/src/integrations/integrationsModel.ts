// The integration catalogue as the dialog shows it: searched, filtered by category, grouped in
// a fixed order of categories, and each entry's state from the project's last change. Pure.
import type { Integration, IntegrationActivity } from '../api/integrations'
import { plural } from '../ui/names'

/** The order of the categories; any other (`Third-party`, for example) follows. */
export const CATEGORY_ORDER = ['Data platforms', 'Cloud', 'ELT', 'Compute', 'Monitoring', 'BI', 'AI', 'Data quality', 'Other']

export interface IntegrationGroup {
  category: string
  entries: Integration[]
}

const rank = (category: string) => {
  const index = CATEGORY_ORDER.indexOf(category)
  return index === -1 ? CATEGORY_ORDER.length : index
}

const byCategory = (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b)

/** Every category of the catalogue, in display order, with how many entries it has. */
export function categories(entries: Integration[]): Array<{ category: string; count: number }> {
  const counts = new Map<string, number>()
  for (const entry of entries) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1)
  return [...counts.keys()].sort(byCategory).map((category) => ({ category, count: counts.get(category) ?? 0 }))
}

const haystack = (entry: Integration) =>
  [
    entry.title,
    entry.package,
    entry.summary,
    entry.category,
    ...entry.provides.components,
    ...entry.provides.resources,
    ...entry.provides.io_managers,
  ]
    .join(' ')
    .toLowerCase()

/** The entries that match every word of `query` in `category` (null: all), grouped by category
 * in display order, installed ones first within a group, then by title. */
export function groupIntegrations(entries: Integration[], query: string, category: string | null): IntegrationGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const groups = new Map<string, Integration[]>()
  for (const entry of entries) {
    if (category !== null && entry.category !== category) continue
    const text = haystack(entry)
    if (!words.every((word) => text.includes(word))) continue
    groups.set(entry.category, [...(groups.get(entry.category) ?? []), entry])
  }
  return [...groups.keys()].sort(byCategory).map((name) => ({
    category: name,
    entries: (groups.get(name) ?? []).sort(
      (a, b) => Number(b.installed) - Number(a.installed) || a.title.localeCompare(b.title),
    ),
  }))
}

/** The package a change names: `dagster-sling==0.29.27` is `dagster-sling`. */
export const changedPackage = (activity: IntegrationActivity) => activity.package.split(/[=<>~!;\s]/)[0]

export type EntryState = 'idle' | 'installing' | 'removing' | 'failed'

/** What the project's last change means for one entry. */
export function entryState(entry: Integration, activity: IntegrationActivity | null | undefined): EntryState {
  if (!activity || changedPackage(activity) !== entry.package) return 'idle'
  if (activity.state === 'running') return activity.action === 'add' ? 'installing' : 'removing'
  return activity.state === 'failed' ? 'failed' : 'idle'
}

/** "2 components, 1 resource, 1 IO manager"; empty when nothing was found. */
export function providesSummary(entry: Integration): string {
  const parts: Array<[number, string]> = [
    [entry.provides.components.length, 'component'],
    [entry.provides.resources.length, 'resource'],
    [entry.provides.io_managers.length, 'IO manager'],
  ]
  return parts
    .filter(([count]) => count > 0)
    .map(([count, one]) => plural(count, one))
    .join(', ')
}

/** The output of the project's latest command: its progress from the last `$ command` line on
 * (the progress keeps earlier commands' lines too), at most `lines` of it. */
export function latestOutput(progress: string[], lines = 6): string[] {
  const start = progress.findLastIndex((line) => line.startsWith('$ '))
  return progress.slice(Math.max(start, 0)).slice(-lines)
}
