import { Text } from '@codemirror/state'
import { expect, test } from 'vitest'
import { definitionDiagnostics, defsCheckDiagnostics, ruffDiagnostics } from './diagnostics'

const doc = Text.of(['import os', 'x = 1', 'def f():', '    return y'])

test('ruff: 1-based lines and columns become offsets, clamped to the buffer', () => {
  const [unused, past] = ruffDiagnostics(doc, [
    { line: 1, column: 8, end_line: 1, end_column: 10, message: '`os` imported but unused', code: 'F401', severity: 'warning' },
    { line: 9, column: 1, end_line: 9, end_column: 5, message: 'gone', code: null, severity: 'error' },
  ])
  expect(unused).toMatchObject({ from: 7, to: 9, severity: 'warning', message: 'F401 `os` imported but unused' })
  expect(doc.sliceString(unused.from, unused.to)).toBe('os')
  expect(past).toMatchObject({ from: doc.line(4).from, message: 'gone' })
})

test("Dagster's errors mark whole lines of their own file only, with the hint", () => {
  const marks = definitionDiagnostics(doc, 'src/p/defs/a.py', [
    { message: "NameError: name 'y' is not defined", file: 'src/p/defs/a.py', line: 4, hint: 'Define y.' },
    { message: 'elsewhere', file: 'src/p/defs/b.py', line: 1 },
  ])
  expect(marks).toHaveLength(1)
  expect(marks[0]).toMatchObject({ from: doc.line(4).from, to: doc.line(4).to, severity: 'error' })
  expect(marks[0].message).toBe("NameError: name 'y' is not defined\nDefine y.")
})

test('schema check errors name their field; without a line they mark the first', () => {
  const [withField, noLine] = defsCheckDiagnostics(doc, [
    { message: 'Field required', line: 2, field: 'attributes.execution' },
    { message: 'Invalid document', line: null, field: null },
  ])
  expect(withField).toMatchObject({ from: doc.line(2).from, message: 'attributes.execution: Field required' })
  expect(noLine).toMatchObject({ from: 0, to: doc.line(1).to })
})
