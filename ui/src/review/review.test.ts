import { describe, expect, it } from 'vitest'
import { anAsset } from '../api/definitions.testing'
import type { GraphNode } from '../canvas/graphModel'
import { countBySeverity, countLabel, diffLines, findingId, groupBySeverity, groupTitle, placeOf, targetNode, type Finding } from './review'

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'owners',
  severity: 'warning',
  message: 'Asset a has no owners.',
  file: 'src/p/defs/a.py',
  line: 3,
  target: 'a',
  fix: null,
  ...over,
})

describe('the review panel logic', () => {
  it('counts the findings by severity, zero for a severity without any', () => {
    const counts = countBySeverity([finding({ severity: 'error' }), finding({}), finding({ severity: 'error' })])
    expect(counts).toEqual({ error: 2, warning: 1, info: 0 })
  })

  it('names counts and groups in words', () => {
    expect(countLabel('error', 1)).toBe('1 error')
    expect(countLabel('warning', 2)).toBe('2 warnings')
    expect(countLabel('info', 0)).toBe('0 suggestions')
    expect(groupTitle('info')).toBe('Suggestions')
  })

  it('groups errors first and leaves out empty groups', () => {
    const groups = groupBySeverity([finding({ severity: 'info' }), finding({ severity: 'error' })])
    expect(groups.map((g) => g.severity)).toEqual(['error', 'info'])
  })

  it('orders a group by file and line, findings without a file last', () => {
    const groups = groupBySeverity([
      finding({ file: null, line: null, rule: 'loads' }),
      finding({ file: 'b.py', line: 1 }),
      finding({ file: 'a.py', line: 10 }),
      finding({ file: 'a.py', line: 2 }),
    ])
    expect(groups[0].findings.map(placeOf)).toEqual(['a.py:2', 'a.py:10', 'b.py:1', null])
  })

  it('does not reorder the list it was given', () => {
    const given = [finding({ file: 'b.py' }), finding({ file: 'a.py' })]
    groupBySeverity(given)
    expect(given.map((f) => f.file)).toEqual(['b.py', 'a.py'])
  })

  it('writes a place as file:line, or the file alone', () => {
    expect(placeOf(finding({ line: null }))).toBe('src/p/defs/a.py')
  })

  it('tells two findings of one rule apart by their place', () => {
    expect(findingId(finding({ line: 1 }))).not.toBe(findingId(finding({ line: 2 })))
  })

  it('reads a unified diff line by line', () => {
    const diff = '--- a/x.yaml\n+++ b/x.yaml\n@@ -1,2 +1,2 @@\n key: 1\n-token: abc\n+token: "{{ env.TOKEN }}"\n'
    expect(diffLines(diff).map((l) => l.kind)).toEqual(['file', 'file', 'hunk', 'context', 'remove', 'add'])
  })

  it('finds the node of a target asset or job, and none for a finding without a target', () => {
    const node = (id: string, extra: Partial<GraphNode>): GraphNode =>
      ({ id, instance: {} as GraphNode['instance'], assets: [], checks: [], automations: [], problems: [], warnings: [], ...extra }) as GraphNode
    const nodes = [
      node('sling', { assets: [anAsset('raw/orders')] }),
      node('jobs', { automations: [{ kind: 'job', name: 'nightly', detail: null }] }),
    ]
    expect(targetNode(finding({ target: 'raw/orders' }), nodes)).toEqual({ component: 'sling', asset: 'raw/orders' })
    expect(targetNode(finding({ target: 'nightly' }), nodes)).toEqual({ component: 'jobs', asset: null })
    expect(targetNode(finding({ target: 'gone' }), nodes)).toBeNull()
    expect(targetNode(finding({ target: null }), nodes)).toBeNull()
  })
})
