// A line diff (longest common subsequence), its unified-style hunks, and the smallest text edit
// between two versions (so reloading a file keeps the cursor where the text did not change).

export interface DiffLine {
  kind: 'same' | 'add' | 'remove'
  text: string
  /** 1-based line in the old text (same, remove) */
  oldLine?: number
  /** 1-based line in the new text (same, add) */
  newLine?: number
}

/** Beyond this many cells the LCS table is not built: the changed middle is shown as replaced. */
const MAX_CELLS = 4_000_000

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'))

/** The lines of `before` and `after` in order, each kept, removed or added. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = splitLines(before)
  const b = splitLines(after)
  // the common start and end are cheap to find and usually most of a file
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const out: DiffLine[] = []
  const same = (i: number, j: number) => out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: j + 1 })
  const remove = (i: number) => out.push({ kind: 'remove', text: a[i], oldLine: i + 1 })
  const add = (j: number) => out.push({ kind: 'add', text: b[j], newLine: j + 1 })

  for (let i = 0; i < start; i++) same(i, i)
  const n = endA - start
  const m = endB - start
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    for (let i = start; i < endA; i++) remove(i)
    for (let j = start; j < endB; j++) add(j)
  } else {
    // lcs[i][j]: length of the LCS of a[start+i..endA) and b[start+j..endB)
    const width = m + 1
    const lcs = new Uint32Array((n + 1) * width)
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          a[start + i] === b[start + j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
      }
    }
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        same(start + i++, start + j++)
      } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
        remove(start + i++)
      } else {
        add(start + j++)
      }
    }
    while (i < n) remove(start + i++)
    while (j < m) add(start + j++)
  }
  for (let i = endA, j = endB; i < a.length; i++, j++) same(i, j)
  return out
}

export interface Hunk {
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  lines: DiffLine[]
}

/** The changes with `context` unchanged lines around them, as `diff -u` groups them. */
export function hunks(diff: readonly DiffLine[], context = 3): Hunk[] {
  const changed = diff.flatMap((line, index) => (line.kind === 'same' ? [] : [index]))
  const groups: Array<[number, number]> = []
  for (const index of changed) {
    const from = Math.max(0, index - context)
    const to = Math.min(diff.length, index + context + 1)
    const last = groups.at(-1)
    if (last && from <= last[1]) last[1] = to
    else groups.push([from, to])
  }
  return groups.map(([from, to]) => {
    const lines = diff.slice(from, to)
    // where the hunk starts in each text, also when it starts with lines of the other side
    const oldBefore = diff.slice(0, from).filter((l) => l.kind !== 'add').length
    const newBefore = diff.slice(0, from).filter((l) => l.kind !== 'remove').length
    const oldLines = lines.filter((l) => l.kind !== 'add').length
    const newLines = lines.filter((l) => l.kind !== 'remove').length
    return {
      oldStart: oldLines ? oldBefore + 1 : oldBefore,
      oldLines,
      newStart: newLines ? newBefore + 1 : newBefore,
      newLines,
      lines,
    }
  })
}

/** The single replacement that turns `before` into `after`: the middle between their common
 * start and end. Null when they are equal. */
export function minimalChange(before: string, after: string): { from: number; to: number; insert: string } | null {
  if (before === after) return null
  let start = 0
  const shorter = Math.min(before.length, after.length)
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let end = 0
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++
  }
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) }
}
