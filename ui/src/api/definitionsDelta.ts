// The live channel's deltas (services/definitions_delta.py on the server): per kind, the items
// added or modified whole and the identities removed, with the new order only when applying in
// place would not give it; other fields whole. Applied to the definitions of version `base`
// they give the new version exactly.
import type { Definitions, DefinitionsChange } from './types'

type Item = Record<string, unknown>

// Each kind's identity fields; components are identified by where they are written.
const IDENTITY: Record<string, string[]> = {
  assets: ['key'],
  asset_checks: ['key'],
  jobs: ['name'],
  schedules: ['name'],
  sensors: ['name'],
  resources: ['name'],
  components: ['defs_path', 'defs_index'],
}

const itemId = (fields: string[], item: Item): string => JSON.stringify(fields.map((f) => item[f] ?? null))
// an identity as sent: the value of a one-field identity, the list of a longer one
const sentId = (fields: string[], value: unknown): string => JSON.stringify(fields.length > 1 ? value : [value])

function applyKind(fields: string[], old: Item[], upsert: Item[], remove: unknown[], order: unknown[] | null | undefined): Item[] {
  const items = new Map(old.map((item) => [itemId(fields, item), item]))
  const upserts = new Map(upsert.map((item) => [itemId(fields, item), item]))
  let ids: string[]
  if (order) {
    ids = order.map((value) => sentId(fields, value))
  } else {
    const removed = new Set(remove.map((value) => sentId(fields, value)))
    const kept = old.map((item) => itemId(fields, item)).filter((id) => !removed.has(id))
    ids = [...kept, ...[...upserts.keys()].filter((id) => !items.has(id))]
  }
  return ids.map((id) => {
    const item = upserts.get(id) ?? items.get(id)
    if (item === undefined) throw new Error(`the delta names an item the definitions do not have: ${id}`)
    return item
  })
}

export function applyDelta(old: Definitions, change: DefinitionsChange): Definitions {
  const next: Record<string, unknown> = { ...old }
  for (const field of change.drop) delete next[field]
  for (const [field, kindChange] of Object.entries(change.changes)) {
    if ('replace' in kindChange) {
      next[field] = kindChange.replace
      continue
    }
    const fields = IDENTITY[field]
    if (fields === undefined) throw new Error(`a delta of \`${field}\`, which has no identity`)
    next[field] = applyKind(fields, (old as unknown as Record<string, Item[]>)[field] ?? [], kindChange.upsert ?? [], kindChange.remove ?? [], kindChange.order)
  }
  return next as unknown as Definitions
}
