// The component view of a project, derived from the files (`/defs`) and what Dagster loads
// (`/definitions`): one node per instance or definitions file, one edge per pair of nodes
// whose assets depend on each other. Pure: no React, no DOM.
import type { Asset, AssetCheck, Definitions, DefsInstance, ProblemItem, WarningItem } from '../api/types'

// A type alias, not an interface: React Flow needs node data to be a plain record type.
export type GraphNode = {
  id: string
  instance: DefsInstance
  assets: Asset[]
  checks: AssetCheck[]
  /** jobs, schedules and sensors it defines */
  automations: Automation[]
  problems: ProblemItem[]
  warnings: WarningItem[]
}

export type Automation = { kind: 'job' | 'schedule' | 'sensor'; name: string; detail: string | null }

export interface GraphEdge {
  id: string
  source: string
  target: string
  /** how many asset dependencies this edge stands for */
  count: number
}

export interface ComponentGraph {
  nodes: GraphNode[]
  edges: GraphEdge[]
  /** problems that belong to no node (the project as a whole) */
  unplaced: ProblemItem[]
}

/** The node a warning shows on: where it is written, else the node of its asset or check. */
function warningNode(warning: WarningItem, definitions: Definitions): string | null {
  const written = originKey(warning.defs_path ?? null, warning.defs_index ?? null)
  if (written) return written
  const holder = [...definitions.assets, ...definitions.asset_checks].find((d) => d.key === warning.key)
  return holder ? originKey(holder.defs_path, holder.defs_index) : null
}

/** Stable node id: the defs path, plus the document index for later documents of a file. */
export function nodeId(instance: Pick<DefsInstance, 'path' | 'index'>): string {
  return instance.index ? `${instance.path}[${instance.index}]` : instance.path
}

function originKey(path: string | null, index: number | null): string | null {
  return path === null ? null : nodeId({ path, index: index ?? null })
}

export function buildGraph(
  instances: DefsInstance[],
  definitions: Definitions | undefined,
  defsFolder: string,
): ComponentGraph {
  const nodes = new Map<string, GraphNode>()
  const byFile = new Map<string, GraphNode[]>()
  for (const instance of instances) {
    const node: GraphNode = { id: nodeId(instance), instance, assets: [], checks: [], automations: [], problems: [], warnings: [] }
    nodes.set(node.id, node)
    for (const file of instance.files) {
      const key = `${defsFolder}/${file}`
      byFile.set(key, [...(byFile.get(key) ?? []), node])
    }
  }
  const assetNode = new Map<string, string>()
  for (const asset of definitions?.assets ?? []) {
    const node = nodes.get(originKey(asset.defs_path, asset.defs_index) ?? '')
    if (!node) continue
    node.assets.push(asset)
    assetNode.set(asset.key, node.id)
  }
  for (const check of definitions?.asset_checks ?? []) {
    nodes.get(originKey(check.defs_path, check.defs_index) ?? '')?.checks.push(check)
  }
  const automations: Array<[Automation, string | null, number | null]> = [
    ...(definitions?.jobs ?? []).map((j): [Automation, string | null, number | null] => [
      { kind: 'job', name: j.name, detail: j.description }, j.defs_path, j.defs_index]),
    ...(definitions?.schedules ?? []).map((s): [Automation, string | null, number | null] => [
      { kind: 'schedule', name: s.name, detail: s.cron_schedule }, s.defs_path, s.defs_index]),
    ...(definitions?.sensors ?? []).map((s): [Automation, string | null, number | null] => [
      { kind: 'sensor', name: s.name, detail: null }, s.defs_path, s.defs_index]),
  ]
  for (const [automation, path, index] of automations) {
    nodes.get(originKey(path, index) ?? '')?.automations.push(automation)
  }
  const unplaced: ProblemItem[] = []
  for (const problem of definitions?.errors ?? []) {
    const byOrigin = problem.defs_path ? nodes.get(originKey(problem.defs_path, problem.defs_index ?? null) ?? '') : undefined
    const candidates = byOrigin ? [byOrigin] : (byFile.get(problem.file ?? '') ?? [])
    const matching = candidates.filter((n) => problem.defs_index == null || (n.instance.index ?? 0) === problem.defs_index)
    if (matching.length) matching.forEach((n) => n.problems.push(problem))
    else unplaced.push(problem)
  }
  for (const warning of definitions?.warnings ?? []) {
    nodes.get(warningNode(warning, definitions!) ?? '')?.warnings.push(warning)
  }
  const counts = new Map<string, number>()
  for (const asset of definitions?.assets ?? []) {
    const target = assetNode.get(asset.key)
    if (!target) continue
    for (const dep of asset.deps) {
      const source = assetNode.get(dep)
      if (!source || source === target) continue
      const id = `${source}->${target}`
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  }
  const edges = [...counts].map(([id, count]) => {
    const [source, target] = id.split('->')
    return { id, source, target, count }
  })
  return { nodes: [...nodes.values()], edges, unplaced }
}

/** Problems of one node that Dagster tied to a form field or a line. */
export function problemsForInstance(problems: ProblemItem[], file: string, index: number): ProblemItem[] {
  return problems.filter((p) => p.file?.endsWith(file) && (p.defs_index == null || p.defs_index === index))
}
