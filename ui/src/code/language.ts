// Syntax highlighting by file name; anything unknown is plain text.
import { markdown } from '@codemirror/lang-markdown'
import { python } from '@codemirror/lang-python'
import { sql } from '@codemirror/lang-sql'
import { yaml } from '@codemirror/lang-yaml'
import { StreamLanguage } from '@codemirror/language'
import { toml } from '@codemirror/legacy-modes/mode/toml'
import type { Extension } from '@codemirror/state'
import { basename } from './paths'

const byExtension: Record<string, () => Extension> = {
  py: python,
  pyi: python,
  yaml: yaml,
  yml: yaml,
  sql: sql,
  toml: () => StreamLanguage.define(toml),
  md: markdown,
  markdown: markdown,
}

export function languageFor(path: string): Extension {
  const name = basename(path)
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : ''
  return byExtension[extension]?.() ?? []
}
