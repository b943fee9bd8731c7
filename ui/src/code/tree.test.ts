import { describe, expect, test } from 'vitest'
import { ancestors, isComponentYaml, movedPath, parseInputPath } from './paths'
import { buildTree, changedFolders, countDescendants, filterTree, findNode, normalizeGitFiles, visibleRows, type TreeNode } from './tree'
import type { FileEntry } from './types'

const ENTRIES: FileEntry[] = [
  { path: 'README.md', type: 'file' },
  { path: 'pyproject.toml', type: 'file' },
  { path: 'src', type: 'dir' },
  { path: 'src/sales', type: 'dir' },
  { path: 'src/sales/definitions.py', type: 'file' },
  { path: 'src/sales/defs', type: 'dir' },
  { path: 'src/sales/defs/orders', type: 'dir' },
  { path: 'src/sales/defs/orders/defs.yaml', type: 'file' },
  { path: 'src/sales/defs/orders/orders.sql', type: 'file' },
  { path: 'src/sales/defs/assets10.py', type: 'file' },
  { path: 'src/sales/defs/assets2.py', type: 'file' },
  { path: 'src/sales/defs/Zeta', type: 'dir' },
  { path: 'tests', type: 'dir' },
]

/** The tree as indented lines, "/" after folders. */
const outline = (nodes: readonly TreeNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.name}${n.type === 'dir' ? '/' : ''}`, ...outline(n.children, depth + 1)])

describe('buildTree', () => {
  test('folders first, then files, in natural order', () => {
    expect(outline(buildTree(ENTRIES))).toEqual([
      'src/',
      '  sales/',
      '    defs/',
      '      orders/',
      '        defs.yaml',
      '        orders.sql',
      '      Zeta/',
      '      assets2.py',
      '      assets10.py',
      '    definitions.py',
      'tests/',
      'pyproject.toml',
      'README.md',
    ])
  })

  test('folders missing from the list are made up from the paths of their files', () => {
    const tree = buildTree([{ path: 'a/b/c.py', type: 'file' }])
    expect(outline(tree)).toEqual(['a/', '  b/', '    c.py'])
    expect(findNode(tree, 'a/b')?.type).toBe('dir')
  })

  test('counts what a folder contains, at any depth', () => {
    const tree = buildTree(ENTRIES)
    expect(countDescendants(findNode(tree, 'src/sales/defs')!)).toBe(6)
    expect(countDescendants(findNode(tree, 'tests')!)).toBe(0)
  })
})

describe('filterTree', () => {
  const tree = buildTree(ENTRIES)

  test('keeps matching files and the folders leading to them, case-insensitively', () => {
    expect(outline(filterTree(tree, 'ORDERS.s'))).toEqual(['src/', '  sales/', '    defs/', '      orders/', '        orders.sql'])
  })

  test('a matching folder keeps all its content', () => {
    expect(outline(filterTree(tree, 'orders'))).toEqual([
      'src/',
      '  sales/',
      '    defs/',
      '      orders/',
      '        defs.yaml',
      '        orders.sql',
    ])
  })

  test('a query with a slash matches the whole path', () => {
    expect(outline(filterTree(tree, 'defs/assets'))).toEqual(['src/', '  sales/', '    defs/', '      assets2.py', '      assets10.py'])
  })

  test('an empty query keeps everything, a query nothing matches keeps nothing', () => {
    expect(filterTree(tree, '  ')).toEqual(tree)
    expect(filterTree(tree, 'nothing-like-this')).toEqual([])
  })
})

test('visibleRows shows the content of expanded folders only, with depths', () => {
  const rows = visibleRows(buildTree(ENTRIES), (path) => path === 'src' || path === 'src/sales')
  expect(rows.map((r) => `${r.depth} ${r.node.path}${r.expanded ? ' (open)' : ''}`)).toEqual([
    '0 src (open)',
    '1 src/sales (open)',
    '2 src/sales/defs',
    '2 src/sales/definitions.py',
    '0 tests',
    '0 pyproject.toml',
    '0 README.md',
  ])
})

test('git: statuses by path without the trailing slash of untracked folders, and the folders with changes', () => {
  const files = normalizeGitFiles({ 'src/sales/defs/orders/defs.yaml': 'modified', 'scratch/': 'untracked' })
  expect(files.get('scratch')).toBe('untracked')
  expect([...changedFolders(files)].sort()).toEqual(['src', 'src/sales', 'src/sales/defs', 'src/sales/defs/orders'])
})

describe('paths', () => {
  test('ancestors and moves', () => {
    expect(ancestors('a/b/c.py')).toEqual(['a', 'a/b'])
    expect(ancestors('c.py')).toEqual([])
    expect(movedPath('a/b/c.py', 'a/b', 'x')).toBe('x/c.py')
    expect(movedPath('a/b', 'a/b', 'x/y')).toBe('x/y')
    expect(movedPath('a/bc/d.py', 'a/b', 'x')).toBeNull()
  })

  test('typed paths are cleaned or refused with a reason', () => {
    expect(parseInputPath(' src/new.py ')).toEqual({ path: 'src/new.py' })
    expect(parseInputPath('src\\pkg\\')).toEqual({ path: 'src/pkg' })
    expect(parseInputPath('/etc/passwd')).toHaveProperty('error')
    expect(parseInputPath('a/../b')).toHaveProperty('error')
    expect(parseInputPath('a//b')).toHaveProperty('error')
    expect(parseInputPath('')).toHaveProperty('error')
  })

  test('component files are the defs.yaml files under the defs folder', () => {
    expect(isComponentYaml('src/p/defs/orders/defs.yaml', 'src/p/defs')).toBe(true)
    expect(isComponentYaml('other/defs.yaml', 'src/p/defs')).toBe(false)
    expect(isComponentYaml('src/p/defs/orders/config.yaml', 'src/p/defs')).toBe(false)
  })
})
