// Project-relative paths ("src/pkg/defs/x.py"): no leading slash, "/" separators, "" is the root.

/** A path for a URL: each segment encoded, the separators kept. */
export const encodePath = (path: string): string => path.split('/').map(encodeURIComponent).join('/')

export const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1)

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

export const joinPath = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name)

/** `path` is `folder` itself or inside it. */
export const isWithin = (path: string, folder: string): boolean =>
  folder === '' || path === folder || path.startsWith(`${folder}/`)

/** Where `path` is after `from` moved to `to` (itself or something inside it); null when unaffected. */
export function movedPath(path: string, from: string, to: string): string | null {
  if (path === from) return to
  return path.startsWith(`${from}/`) ? to + path.slice(from.length) : null
}

/** The folders that contain `path`, outermost first: "a/b/c.py" -> ["a", "a/b"]. */
export function ancestors(path: string): string[] {
  const parts = path.split('/')
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'))
}

/** A path as the user typed it, cleaned, or the reason it cannot be one. */
export function parseInputPath(input: string): { path: string } | { error: string } {
  const path = input.trim().replace(/\\/g, '/').replace(/\/+$/, '')
  if (!path) return { error: 'Enter a path.' }
  if (path.startsWith('/')) return { error: 'Use a path relative to the project folder.' }
  const segments = path.split('/')
  if (segments.some((s) => s === '')) return { error: 'The path has an empty folder name (//).' }
  if (segments.some((s) => s === '.' || s === '..')) return { error: 'The path may not contain . or .. segments.' }
  return { path }
}

export const isPython = (path: string): boolean => path.endsWith('.py') || path.endsWith('.pyi')

/** A component instance file: Dagster reads `defs.yaml` files under the defs folder. */
export const isComponentYaml = (path: string, defsFolder: string): boolean =>
  basename(path) === 'defs.yaml' && defsFolder !== '' && isWithin(path, defsFolder)
