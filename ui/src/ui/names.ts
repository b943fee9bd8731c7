/** "PythonScriptComponent" -> "Python Script", "asset_check" -> "Asset check". */
export function humanizeTypeName(name: string): string {
  const base = name.replace(/Component$/, '')
  const spaced = base.includes('_')
    ? base.replace(/_/g, ' ')
    : base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
  return spaced.charAt(0).toUpperCase() + spaced.slice(1)
}

/** A class attribute from the names that apply. */
export function classes(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ')
}

/** "1 asset", "2 assets", "0 assets"; `many` for nouns that do not just take an s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
