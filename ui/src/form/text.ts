import { spelling } from '../ui/names'

/**
 * Turns a pydantic title, class name or snake_case key into a sentence-case label:
 * "Sql Template" -> "SQL template", "DailyPartitionsDefinitionModel" -> "Daily partitions definition".
 */
export function humanize(raw: string): string {
  const spaced = raw
    .replace(/[_-]+/g, ' ')
    // Split PascalCase class names, keeping runs of capitals ("SQLFile" -> "SQL File").
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
  const words = spaced.split(/\s+/).filter(Boolean)
  // pydantic class names often end in "Model" (sometimes twice); it says nothing to a user.
  while (words.length > 1 && /^model$/i.test(words[words.length - 1])) words.pop()
  return words
    .map((word, i) => {
      const acronym = spelling(word)
      if (acronym) return acronym
      // Only re-case plain capitalised or lowercase words; "MyDB" or "ALL_CAPS" keep their casing.
      if (!/^[A-Z]?[a-z0-9]*$/.test(word)) return word
      return i === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word.toLowerCase()
    })
    .join(' ')
}

/** "Assets" -> "Asset", used to name array items. */
export function singular(label: string): string {
  if (/ss$/i.test(label) || !/s$/i.test(label)) return label
  return label.slice(0, -1)
}

/** Short, single-line rendering of any value, for placeholders and read-only previews. */
export function preview(value: unknown): string {
  if (typeof value === 'string') return value
  return JSON.stringify(value) ?? String(value)
}
