// The review's findings as the panel shows them: counted and grouped by severity, errors first,
// each group in the order of its files and lines. Pure: no React, no DOM.
import type { components } from '../api/schema.gen'
import type { GraphNode } from '../canvas/graphModel'

export type Finding = components['schemas']['Finding']
export type Severity = Finding['severity']

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']

const TITLES: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['suggestion', 'suggestions'],
}

export type Counts = Record<Severity, number>

export function countBySeverity(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.severity] += 1
  return counts
}

/** "2 errors", "1 suggestion". */
export const countLabel = (severity: Severity, n: number): string => `${n} ${TITLES[severity][n === 1 ? 0 : 1]}`

/** The group's heading: "Errors", "Warnings", "Suggestions". */
export const groupTitle = (severity: Severity): string => {
  const word = TITLES[severity][1]
  return word[0].toUpperCase() + word.slice(1)
}

/** The order within a group: by file (findings without one last), then line, then rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if ((a.file === null) !== (b.file === null)) return a.file === null ? 1 : -1
  return (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule)
}

export interface FindingGroup {
  severity: Severity
  findings: Finding[]
}

/** The non-empty groups, errors first. */
export function groupBySeverity(findings: readonly Finding[]): FindingGroup[] {
  return SEVERITIES.map((severity) => ({
    severity,
    findings: findings.filter((f) => f.severity === severity).sort(compareFindings),
  })).filter((group) => group.findings.length > 0)
}

/** `file:line`, or the file alone, or null when the finding has no place. */
export const placeOf = (finding: Finding): string | null =>
  finding.file === null ? null : finding.line === null ? finding.file : `${finding.file}:${finding.line}`

/** One finding among the others, stable across refreshes: its rule and place (and target). */
export const findingId = (finding: Finding): string =>
  [finding.rule, finding.file ?? '', finding.line ?? '', finding.target ?? '', finding.message].join('|')

export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'file' | 'context'

/** A unified diff's lines, each with what it is. */
export function diffLines(diff: string): { kind: DiffLineKind; text: string }[] {
  const lines = diff.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((text) => ({
    text,
    kind: text.startsWith('+++') || text.startsWith('---')
      ? 'file'
      : text.startsWith('@@')
        ? 'hunk'
        : text.startsWith('+')
          ? 'add'
          : text.startsWith('-')
            ? 'remove'
            : 'context',
  }))
}

/** Where the graph shows a finding's target: the node of the asset (picked in it) or of the job,
 * schedule or sensor; null when no node holds it. */
export function targetNode(finding: Finding, nodes: readonly GraphNode[]): { component: string; asset: string | null } | null {
  const target = finding.target
  if (target === null) return null
  const holder = nodes.find((n) => n.assets.some((a) => a.key === target))
  if (holder) return { component: holder.id, asset: target }
  const automation = nodes.find((n) => n.automations.some((a) => a.name === target))
  return automation ? { component: automation.id, asset: null } : null
}
