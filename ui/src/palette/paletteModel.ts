// Grouping and search for the component palette. Pure.
import type { ComponentType } from '../api/types'
import { humanizeTypeName } from '../ui/names'

export interface PaletteGroup {
  id: string
  label: string
  types: ComponentType[]
}

export const PYTHON_GROUP = 'Python definitions'

export function displayName(type: ComponentType): string {
  return humanizeTypeName(type.name)
}

function score(type: ComponentType, query: string): number {
  const name = displayName(type).toLowerCase()
  const raw = type.name.toLowerCase()
  if (name.startsWith(query) || raw.startsWith(query)) return 3
  if (name.includes(query) || raw.includes(query) || type.key.toLowerCase().includes(query)) return 2
  const text = `${type.package} ${type.summary ?? ''} ${type.description ?? ''}`.toLowerCase()
  return text.includes(query) ? 1 : 0
}

/** Groups by package (Python scaffold targets first), filtered and ranked by the query. */
export function groupTypes(types: ComponentType[], query: string): PaletteGroup[] {
  const q = query.trim().toLowerCase()
  const matching = types
    .map((type) => ({ type, score: q ? score(type, q) : 1 }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || displayName(a.type).localeCompare(displayName(b.type)))
    .map((entry) => entry.type)
  const groups = new Map<string, ComponentType[]>()
  for (const type of matching) {
    const label = type.kind === 'scaffold_target' ? PYTHON_GROUP : type.package
    groups.set(label, [...(groups.get(label) ?? []), type])
  }
  const order = (label: string) => (label === PYTHON_GROUP ? 0 : label === 'dagster' ? 1 : 2)
  return [...groups]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([label, grouped]) => ({ id: label, label, types: grouped }))
}
