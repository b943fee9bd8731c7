// The subset of reStructuredText and Markdown that Dagster's docstrings and messages use, read
// into blocks and inline spans that ui/Docs.tsx renders as React elements. Pure.

export type Span =
  | { kind: 'text' | 'code' | 'strong' | 'em'; text: string }
  | { kind: 'link'; text: string; href: string }

export interface Entry {
  name: string
  type: string | null
  text: Span[]
}

export type Block =
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'heading'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; items: Span[][] }
  | { kind: 'code'; language: string | null; text: string }
  | { kind: 'entries'; title: string; entries: Entry[] }
  | { kind: 'note'; title: string; blocks: Block[] }
  | { kind: 'indented'; blocks: Block[] }

const INLINE = new RegExp(
  [
    '``(?<literal>.+?)``',
    ':[\\w:.-]+:`(?<role>[^`]+)`', // :py:class:`~dagster.Foo`
    '`(?<rstText>[^`<]+?)\\s*<(?<rstHref>https?://[^>\\s]+)>`__?', // `text <url>`_
    '`(?<reference>[^`]+)`__?', // `name`_
    '`(?<code>[^`]+)`',
    '\\[(?<mdText>[^\\]]+)\\]\\((?<mdHref>https?://[^)\\s]+)\\)',
    '\\*\\*(?<strong>\\S(?:.*?\\S)?)\\*\\*',
    '(?<![\\w*])\\*(?<em>[^*\\s](?:[^*]*[^*\\s])?)\\*(?![\\w*])',
    '(?<url>https?://[^\\s<>()]+[^\\s<>().,;:!?\'"])',
  ].join('|'),
  'g',
)

/** A role's text as it reads: `~dagster.AssetSpec` -> "AssetSpec", `the spec <AssetSpec>` -> "the spec". */
function roleText(raw: string): string {
  const titled = /^(.+?)\s*<[^>]+>$/.exec(raw)
  if (titled) return titled[1]
  return raw.startsWith('~') ? (raw.slice(1).split('.').pop() ?? raw) : raw
}

export function parseInline(text: string): Span[] {
  const spans: Span[] = []
  const push = (span: Span) => {
    const last = spans[spans.length - 1]
    if (span.kind === 'text' && last?.kind === 'text') last.text += span.text
    else if (span.text) spans.push(span)
  }
  let at = 0
  for (const match of text.matchAll(INLINE)) {
    const g = match.groups ?? {}
    push({ kind: 'text', text: text.slice(at, match.index) })
    at = (match.index ?? 0) + match[0].length
    if (g.literal !== undefined) push({ kind: 'code', text: g.literal })
    else if (g.role !== undefined) push({ kind: 'code', text: roleText(g.role) })
    else if (g.rstHref !== undefined) push({ kind: 'link', text: g.rstText, href: g.rstHref })
    else if (g.reference !== undefined) push({ kind: 'text', text: g.reference })
    else if (g.code !== undefined) push({ kind: 'code', text: g.code })
    else if (g.mdHref !== undefined) push({ kind: 'link', text: g.mdText, href: g.mdHref })
    else if (g.strong !== undefined) push({ kind: 'strong', text: g.strong })
    else if (g.em !== undefined) push({ kind: 'em', text: g.em })
    else push({ kind: 'link', text: g.url, href: g.url })
  }
  push({ kind: 'text', text: text.slice(at) })
  return spans
}

const indentOf = (line: string) => line.length - line.trimStart().length
const blank = (line: string) => line.trim() === ''

/** Lines without their common indentation; the first line of a docstring often has none. */
function dedent(lines: string[]): string[] {
  const indents = lines.filter((line, i) => !blank(line) && (i > 0 || indentOf(line) > 0)).map(indentOf)
  const common = indents.length ? Math.min(...indents) : 0
  return lines.map((line, i) => (i === 0 && indentOf(line) === 0 ? line : line.slice(Math.min(common, indentOf(line)))))
}

const BULLET = /^([-*+]|\d+[.)])\s+/
const DIRECTIVE = /^\.\.\s+([\w-]+)::\s*(.*)$/
const FENCE = /^(```|~~~)\s*([\w+-]*)/
const ENTRY_SECTIONS = /^(args|arguments|attributes|parameters|params|fields|keyword args|kwargs|raises|returns|yields)$/i
const NOTES = new Set(['note', 'warning', 'tip', 'important', 'caution', 'attention', 'danger', 'hint', 'seealso', 'deprecated'])
const CODE_DIRECTIVES = new Set(['code-block', 'code', 'sourcecode'])
const HEADING = /^(?:#{1,6}\s+(.+?)\s*#*|([A-Z][\w -]{0,40}?)\s*:)$/

/** From `start`, the lines that are blank or indented deeper than `indent` (trailing blanks left out). */
function blockAfter(lines: string[], start: number, indent: number): number {
  let end = start
  let last = start
  while (end < lines.length && (blank(lines[end]) || indentOf(lines[end]) > indent)) {
    end += 1
    if (!blank(lines[end - 1])) last = end
  }
  return last
}

function words(lines: string[]): string {
  return lines.map((line) => line.trim()).join(' ')
}

function parseEntries(lines: string[]): Entry[] {
  const entries: Entry[] = []
  let current: { head: string; rest: string[] } | null = null
  const flush = () => {
    if (!current) return
    const head = /^\*{0,2}([\w.]+)\*{0,2}\s*(?:\(([^)]*)\))?\s*:\s*(.*)$/.exec(current.head)
    const text = words([head ? head[3] : current.head, ...current.rest])
    entries.push({ name: head ? head[1] : '', type: head?.[2] ?? null, text: parseInline(text) })
  }
  for (const line of dedent(lines)) {
    if (blank(line)) continue
    if (indentOf(line) === 0) {
      flush()
      current = { head: line.trim(), rest: [] }
    } else current?.rest.push(line)
  }
  flush()
  return entries
}

export function parseBlocks(source: string): Block[] {
  const lines = dedent(source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'))
  const blocks: Block[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]
    if (blank(line)) {
      i += 1
      continue
    }
    const text = line.trim()
    if (indentOf(line) > 0) {
      const end = blockAfter(lines, i, 0)
      blocks.push({ kind: 'indented', blocks: parseBlocks(lines.slice(i, end).join('\n')) })
      i = end
      continue
    }
    const fence = FENCE.exec(text)
    if (fence) {
      let end = i + 1
      while (end < lines.length && !lines[end].trim().startsWith(fence[1])) end += 1
      blocks.push({ kind: 'code', language: fence[2] || null, text: lines.slice(i + 1, end).join('\n') })
      i = end + 1
      continue
    }
    const directive = DIRECTIVE.exec(text)
    if (directive) {
      const end = blockAfter(lines, i + 1, 0)
      const body = lines.slice(i + 1, end)
      const name = directive[1].toLowerCase()
      if (CODE_DIRECTIVES.has(name)) {
        // options such as ":linenos:" come first
        const content = body.filter((l, k) => !(k < body.findIndex(blank) && /^\s*:\w+:/.test(l)))
        blocks.push({ kind: 'code', language: directive[2] || null, text: dedent(content).join('\n').replace(/^\n+/, '') })
      } else if (NOTES.has(name)) {
        const title = name === 'seealso' ? 'See also' : name.charAt(0).toUpperCase() + name.slice(1)
        blocks.push({ kind: 'note', title, blocks: parseBlocks([directive[2], ...dedent(body)].join('\n')) })
      } else if (body.some((l) => !blank(l))) {
        blocks.push({ kind: 'indented', blocks: parseBlocks(body.join('\n')) })
      }
      i = end
      continue
    }
    if (BULLET.test(text)) {
      const ordered = /^\d/.test(text)
      const items: Span[][] = []
      while (i < lines.length && indentOf(lines[i]) === 0 && BULLET.test(lines[i])) {
        const end = blockAfter(lines, i + 1, 0)
        items.push(parseInline(words([lines[i].replace(BULLET, ''), ...lines.slice(i + 1, end)])))
        i = end
        while (i < lines.length && blank(lines[i]) && i + 1 < lines.length && BULLET.test(lines[i + 1])) i += 1
      }
      blocks.push({ kind: 'list', ordered, items })
      continue
    }
    const heading = HEADING.exec(text)
    const next = lines[i + 1]
    const short = !!heading && (heading[1] ?? heading[2]).split(' ').length <= 4
    if (heading && short && (heading[1] || next === undefined || blank(next) || indentOf(next) > 0 || BULLET.test(next))) {
      const title = heading[1] ?? heading[2]
      if (ENTRY_SECTIONS.test(title) && next !== undefined && indentOf(next) > 0) {
        const end = blockAfter(lines, i + 1, 0)
        blocks.push({ kind: 'entries', title, entries: parseEntries(lines.slice(i + 1, end)) })
        i = end
      } else {
        blocks.push({ kind: 'heading', spans: parseInline(title) })
        i += 1
      }
      continue
    }
    // a paragraph: up to a blank line or the start of a list, directive or fence
    let end = i + 1
    while (end < lines.length && !blank(lines[end]) && !BULLET.test(lines[end]) && !DIRECTIVE.test(lines[end].trim()) && !FENCE.test(lines[end].trim())) {
      end += 1
    }
    let paragraph = words(lines.slice(i, end))
    const literal = paragraph.endsWith('::')
    if (literal) paragraph = paragraph === '::' ? '' : paragraph.replace(/\s*::$/, paragraph.endsWith(' ::') ? '' : ':')
    if (paragraph) blocks.push({ kind: 'paragraph', spans: parseInline(paragraph) })
    i = end
    if (literal) {
      while (i < lines.length && blank(lines[i])) i += 1
      const codeEnd = blockAfter(lines, i, 0)
      if (codeEnd > i) blocks.push({ kind: 'code', language: null, text: dedent(lines.slice(i, codeEnd)).join('\n') })
      i = Math.max(i, codeEnd)
    }
  }
  return blocks
}

function spansText(spans: Span[]): string {
  return spans.map((span) => span.text).join('')
}

function blocksText(blocks: Block[]): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        return [spansText(block.spans)]
      case 'list':
        return [block.items.map((item) => `• ${spansText(item)}`).join('\n')]
      case 'code':
        return [block.text]
      case 'entries':
        return [`${block.title}:\n${block.entries.map((e) => `  ${e.name}${e.name ? ': ' : ''}${spansText(e.text)}`).join('\n')}`]
      case 'note':
        return [`${block.title}: ${blocksText(block.blocks).join('\n\n')}`]
      case 'indented':
        return blocksText(block.blocks)
    }
  })
}

/** The text as it reads, without markup: for tooltips and other plain-text places. */
export function plainText(source: string): string {
  return blocksText(parseBlocks(source)).join('\n\n')
}
