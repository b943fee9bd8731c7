// Editing the text of an asset selection one asset at a time, as picking on the graph does: the
// smallest readable change that adds or removes one key. Pure; Dagster checks the result (an
// explicit term may not be the only one that matches an asset, see `excludeKey`).

// words of Dagster's selection grammar: a key spelled like one must be quoted
const RESERVED = new Set([
  ...['and', 'or', 'not', 'key', 'owner', 'group', 'tag', 'kind', 'is', 'code_location', 'status', 'column'],
  ...['table_name', 'column_tag', 'changed_in_branch', 'partitions', 'automation_type', 'sensor', 'schedule', 'job'],
  ...['sinks', 'roots'],
])

/** `key:orders`, or `key:"raw/orders"` when the key needs quotes (a slash, a grammar word). */
export function keyTerm(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !RESERVED.has(key.toLowerCase()) ? `key:${key}` : `key:"${key}"`
}

/** An older-style clause (`*orders`, `raw/orders+`, `orders`), which the grammar cannot combine
 * with anything, in the grammar's own terms (`+key:orders`, `key:"raw/orders"+1`, `key:orders`:
 * the same assets); any other text as it is. */
export function modernClause(text: string): string {
  const found = /^(\*|\+*)([A-Za-z0-9_/]+)(\*|\+*)$/.exec(text.trim())
  if (!found) return text.trim()
  const [, up, key, down] = found
  const upstream = up === '*' ? '+' : up ? `${up.length}+` : ''
  const downstream = down === '*' ? '+' : down ? `+${down.length}` : ''
  return `${upstream}${keyTerm(key)}${downstream}`
}

/** The parts of `text` joined by `word` (`and`, `or`) outside parentheses and quotes. */
function splitTop(text: string, word: 'and' | 'or'): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '"') quoted = !quoted
    if (quoted) continue
    if (char === '(') depth++
    else if (char === ')') depth--
    else if (depth === 0 && /[\s)]/.test(text[i - 1] ?? ' ')) {
      const after = text.slice(i, i + word.length + 1)
      if (after.slice(0, word.length).toLowerCase() === word && /^[\s(]$/.test(after.slice(word.length))) {
        parts.push(text.slice(start, i).trim())
        start = i + word.length
        i += word.length - 1
      }
    }
  }
  parts.push(text.slice(start).trim())
  return parts
}

/** The key a term names exactly (`key:orders`, `key:"raw/orders"`), wildcards aside. */
function termKey(term: string): string | null {
  const found = /^key:(?:"([^"*]*)"|([A-Za-z0-9_/]+))$/i.exec(term.trim())
  return found ? (found[1] ?? found[2]) : null
}

/** `text` without parentheses that enclose all of it (`(a or b)`, not `(a) or (b)`). */
function unwrap(text: string): string {
  let inner = text.trim()
  while (inner.startsWith('(') && closingOf(inner) === inner.length - 1) inner = inner.slice(1, -1).trim()
  return inner
}

/** Where the parenthesis that opens `text` closes, quotes skipped. */
function closingOf(text: string): number {
  let depth = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted
    else if (quoted) continue
    else if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return i
  }
  return -1
}

const isOr = (text: string) => splitTop(text, 'or').length > 1

/** Adds `key`: drops an exclusion of it (`… and not key:x`) when there is one, otherwise
 * appends ` or key:x`. */
export function addKey(text: string, key: string): string {
  const trimmed = modernClause(text)
  if (!trimmed) return keyTerm(key)
  const ands = splitTop(trimmed, 'and')
  const kept = ands.filter((part) => !/^not\s/i.test(part) || termKey(part.slice(3)) !== key)
  if (kept.length < ands.length && kept.length > 0) return unwrap(kept.length === 1 ? kept[0] : kept.join(' and '))
  return orKey(trimmed, key)
}

/** `text` or `key`, always selecting `key`. */
export function orKey(text: string, key: string): string {
  const trimmed = modernClause(text)
  return trimmed ? `${trimmed} or ${keyTerm(key)}` : keyTerm(key)
}

/** Removes `key`: drops its own term (`key:x or …`) when there is one, otherwise excludes it.
 * Another term may still match it: then `excludeKey` the result. */
export function removeKey(text: string, key: string): string {
  const trimmed = modernClause(text)
  const ors = splitTop(trimmed, 'or')
  const kept = ors.filter((part) => termKey(unwrap(part)) !== key)
  if (kept.length < ors.length) return kept.join(' or ')
  return excludeKey(trimmed, key)
}

/** `text` and not `key`, never selecting `key`. */
export function excludeKey(text: string, key: string): string {
  const trimmed = modernClause(text)
  if (!trimmed) return ''
  return `${isOr(trimmed) ? `(${trimmed})` : trimmed} and not ${keyTerm(key)}`
}
