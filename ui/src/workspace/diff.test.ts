import { describe, expect, test } from 'vitest'
import { hunks, lineDiff, minimalChange, type DiffLine } from './diff'

const signs = (lines: readonly DiffLine[]) => lines.map((l) => `${{ same: ' ', add: '+', remove: '-' }[l.kind]}${l.text}`)

describe('lineDiff', () => {
  test('equal texts are all the same lines', () => {
    expect(signs(lineDiff('a\nb\n', 'a\nb\n'))).toEqual([' a', ' b'])
  })

  test('a changed line is removed then added, the rest kept, with line numbers on both sides', () => {
    const diff = lineDiff('a\nb\nc\n', 'a\nB\nc\n')
    expect(signs(diff)).toEqual([' a', '-b', '+B', ' c'])
    expect(diff[1]).toMatchObject({ oldLine: 2 })
    expect(diff[2]).toMatchObject({ newLine: 2 })
    expect(diff[3]).toMatchObject({ oldLine: 3, newLine: 3 })
  })

  test('finds the longest common subsequence, not just the common ends', () => {
    expect(signs(lineDiff('x\na\nb\nc\ny', 'a\nz\nb\nc'))).toEqual(['-x', ' a', '+z', ' b', ' c', '-y'])
  })

  test('from and to empty', () => {
    expect(signs(lineDiff('', 'a\nb'))).toEqual(['+a', '+b'])
    expect(signs(lineDiff('a', ''))).toEqual(['-a'])
  })
})

describe('hunks', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')
  const after = before.replace('line 3', 'LINE 3').replace('line 18', 'LINE 18')

  test('changes far apart make separate hunks with their context and headers', () => {
    const result = hunks(lineDiff(before, after), 2)
    expect(result).toHaveLength(2)
    expect(result[0]).toMatchObject({ oldStart: 1, oldLines: 5, newStart: 1, newLines: 5 })
    expect(signs(result[0].lines)).toEqual([' line 1', ' line 2', '-line 3', '+LINE 3', ' line 4', ' line 5'])
    expect(result[1]).toMatchObject({ oldStart: 16, oldLines: 5, newStart: 16, newLines: 5 })
  })

  test('changes close together share a hunk', () => {
    expect(hunks(lineDiff(before, after), 8)).toHaveLength(1)
  })

  test('no change, no hunk', () => {
    expect(hunks(lineDiff(before, before))).toEqual([])
  })
})

describe('minimalChange', () => {
  test('replaces only the middle that differs', () => {
    expect(minimalChange('hello world', 'hello brave world')).toEqual({ from: 6, to: 6, insert: 'brave ' })
    expect(minimalChange('abcdef', 'abXYef')).toEqual({ from: 2, to: 4, insert: 'XY' })
    expect(minimalChange('aaa', 'aa')).toEqual({ from: 2, to: 3, insert: '' })
    expect(minimalChange('same', 'same')).toBeNull()
  })

  test('applying it gives the new text', () => {
    const before = 'one\ntwo\nthree\n'
    const after = 'one\n2\nthree\nfour\n'
    const change = minimalChange(before, after)!
    expect(before.slice(0, change.from) + change.insert + before.slice(change.to)).toBe(after)
  })
})
