// Where a newly dropped definition goes in the defs folder, before the user renames it. Pure.
import type { ComponentType } from '../api/types'

const FOLDER_FOR_TARGET: Record<string, string> = {
  asset: 'assets',
  multi_asset: 'assets',
  asset_check: 'checks',
  schedule: 'schedules',
  sensor: 'sensors',
  job: 'jobs',
}

export function snakeCase(name: string): string {
  return name
    .replace(/Component$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
}

export function isPythonTarget(type: ComponentType): boolean {
  return type.kind === 'scaffold_target'
}

/** A free path: `assets/new_asset.py`, `python_script`, `python_script_2`... */
export function suggestPath(type: ComponentType, taken: ReadonlySet<string>): string {
  const candidate = (n: number) => {
    const suffix = n > 1 ? `_${n}` : ''
    if (!isPythonTarget(type)) return `${snakeCase(type.name) || 'component'}${suffix}`
    if (type.name === 'resources') return `resources${suffix}.py`
    const folder = FOLDER_FOR_TARGET[type.name]
    const stem = `new_${type.name}${suffix}.py`
    return folder ? `${folder}/${stem}` : stem
  }
  let n = 1
  while (taken.has(candidate(n))) n += 1
  return candidate(n)
}

/** A quick local check; the server has the last word. */
export function pathProblem(path: string, pythonFile: boolean): string | null {
  if (!path) return 'Enter a path.'
  if (/\s/.test(path)) return 'Use underscores instead of spaces.'
  if (path.startsWith('/') || path.split('/').some((p) => p === '..' || p === '.' || p === '')) {
    return 'A path inside the defs folder, like ingest/orders.'
  }
  if (pythonFile && !path.endsWith('.py')) return 'This creates a Python file: end the path in .py.'
  const parts = path.split('/').map((p, i, all) => (pythonFile && i === all.length - 1 ? p.slice(0, -3) : p))
  if (parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return 'Each part must be a Python module name (letters, digits, _).'
  return null
}
