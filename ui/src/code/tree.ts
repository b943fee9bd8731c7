// The file list as a tree: building, filtering by name, the rows a tree view shows, git markers.
import { ancestors, basename, dirname } from './paths'
import type { FileEntry, GitFileStatus } from './types'

export interface TreeNode {
  name: string
  path: string
  type: 'file' | 'dir'
  children: TreeNode[]
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Folders first, then by name, numbers in numeric order. */
function compareNodes(a: TreeNode, b: TreeNode): number {
  if (a.type !== b.type) return a.type === 'dir' ? -1 : 1
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
}

/** The top-level nodes of the project. Folders missing from the list are made up from paths. */
export function buildTree(entries: readonly FileEntry[]): TreeNode[] {
  const root: TreeNode = { name: '', path: '', type: 'dir', children: [] }
  const folders = new Map<string, TreeNode>([['', root]])
  const folder = (path: string): TreeNode => {
    const existing = folders.get(path)
    if (existing) return existing
    const node: TreeNode = { name: basename(path), path, type: 'dir', children: [] }
    folders.set(path, node)
    folder(dirname(path)).children.push(node)
    return node
  }
  for (const entry of entries) {
    if (entry.type === 'dir') folder(entry.path)
    else folder(dirname(entry.path)).children.push({ name: basename(entry.path), path: entry.path, type: 'file', children: [] })
  }
  const sort = (node: TreeNode) => {
    node.children.sort(compareNodes)
    node.children.forEach(sort)
  }
  sort(root)
  return root.children
}

/**
 * The nodes whose name contains `query` (case-insensitive; the whole path when the query has a
 * "/"), with the folders that lead to them. A matching folder keeps all its content.
 */
export function filterTree(nodes: readonly TreeNode[], query: string): TreeNode[] {
  const needle = query.trim().toLowerCase()
  if (!needle) return [...nodes]
  const matches = (node: TreeNode) => (needle.includes('/') ? node.path : node.name).toLowerCase().includes(needle)
  const visit = (list: readonly TreeNode[]): TreeNode[] =>
    list.flatMap((node) => {
      if (matches(node)) return [node]
      const children = visit(node.children)
      return children.length ? [{ ...node, children }] : []
    })
  return visit(nodes)
}

export interface TreeRow {
  node: TreeNode
  depth: number
  expanded: boolean
}

/** The rows a tree view shows, top to bottom: the children of expanded folders only. */
export function visibleRows(nodes: readonly TreeNode[], isExpanded: (path: string) => boolean, depth = 0): TreeRow[] {
  return nodes.flatMap((node) => {
    const expanded = node.type === 'dir' && isExpanded(node.path)
    const row: TreeRow = { node, depth, expanded }
    return expanded ? [row, ...visibleRows(node.children, isExpanded, depth + 1)] : [row]
  })
}

export function findNode(nodes: readonly TreeNode[], path: string): TreeNode | undefined {
  for (const node of nodes) {
    if (node.path === path) return node
    if (path.startsWith(`${node.path}/`)) return findNode(node.children, path)
  }
  return undefined
}

/** Files and folders inside a folder, at any depth. */
export const countDescendants = (node: TreeNode): number =>
  node.children.reduce((total, child) => total + 1 + countDescendants(child), 0)

/** Git's statuses by path, with git's trailing "/" of an untracked folder removed. */
export function normalizeGitFiles(files: Record<string, GitFileStatus>): Map<string, GitFileStatus> {
  return new Map(Object.entries(files).map(([path, status]) => [path.replace(/\/+$/, ''), status]))
}

/** The folders that contain a changed path, at any depth. */
export function changedFolders(files: ReadonlyMap<string, GitFileStatus>): Set<string> {
  return new Set([...files.keys()].flatMap(ancestors))
}
