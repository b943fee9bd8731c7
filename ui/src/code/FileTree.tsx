// The project's files as a tree: folders first, git badges, keyboard navigation, and drag and
// drop onto a folder to move.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react'
import { classes } from '../ui/names'
import { ancestors, dirname, isWithin } from './paths'
import { GIT_LETTERS } from './sourceControl'
import { visibleRows, type TreeNode } from './tree'
import type { GitFileStatus } from './types'

const DRAG_TYPE = 'application/x-dagster-designer-path'

interface FileTreeProps {
  nodes: readonly TreeNode[]
  /** while filtering, every folder shows its (matching) content */
  expandAll: boolean
  git: ReadonlyMap<string, GitFileStatus>
  changedFolders: ReadonlySet<string>
  activePath: string | null
  selected: string | null
  onSelect: (node: TreeNode) => void
  onOpen: (path: string) => void
  /** move `from` into `folder` ("" is the project's root) */
  onMove: (from: string, folder: string) => void
  onRename: (node: TreeNode) => void
  onDelete: (node: TreeNode) => void
  onContextMenu: (node: TreeNode | null, x: number, y: number) => void
}

/** A short, colored label of the file's kind. */
function fileGlyph(name: string): { text: string; kind: string } {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : ''
  const known: Record<string, string> = { py: 'py', yaml: 'yml', yml: 'yml', sql: 'sql', toml: 'tml', md: 'md', json: '{}', lock: 'lck' }
  return { text: known[extension] ?? '·', kind: known[extension] ? extension : 'other' }
}

export function FileTree(props: FileTreeProps) {
  const { nodes, expandAll, git, changedFolders, activePath, selected, onSelect, onOpen, onMove } = props
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set())
  const [dropTarget, setDropTarget] = useState<string | null>(null)
  const tree = useRef<HTMLDivElement>(null)

  // the folders of the active and the selected file open when they change
  const [shownFor, setShownFor] = useState<string>('')
  const want = `${activePath ?? ''}\n${selected ?? ''}`
  if (want !== shownFor) {
    setShownFor(want)
    const open = [activePath, selected].flatMap((path) => (path ? ancestors(path) : []))
    if (open.some((path) => !expanded.has(path))) setExpanded(new Set([...expanded, ...open]))
  }

  const isExpanded = (path: string) => expandAll || expanded.has(path)
  const rows = visibleRows(nodes, isExpanded)
  const focusPath = rows.some((row) => row.node.path === selected) ? selected : (rows[0]?.node.path ?? null)

  useEffect(() => {
    if (!activePath) return
    const row = tree.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(activePath)}"]`)
    row?.scrollIntoView?.({ block: 'nearest' })
  }, [activePath])

  const toggle = (path: string, open?: boolean) => {
    const next = new Set(expanded)
    if (open ?? !next.has(path)) next.add(path)
    else next.delete(path)
    setExpanded(next)
  }

  const activate = (node: TreeNode) => {
    onSelect(node)
    if (node.type === 'dir') toggle(node.path)
    else onOpen(node.path)
  }

  const focusRow = (node: TreeNode) => {
    onSelect(node)
    tree.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(node.path)}"]`)?.focus()
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const index = rows.findIndex((row) => row.node.path === focusPath)
    const row = rows[index]
    if (!row) return
    const { node } = row
    const handled = () => event.preventDefault()
    switch (event.key) {
      case 'ArrowDown':
        if (rows[index + 1]) focusRow(rows[index + 1].node)
        return handled()
      case 'ArrowUp':
        if (rows[index - 1]) focusRow(rows[index - 1].node)
        return handled()
      case 'ArrowRight':
        if (node.type === 'dir' && !row.expanded) toggle(node.path, true)
        else if (row.expanded && node.children[0]) focusRow(node.children[0])
        return handled()
      case 'ArrowLeft': {
        if (row.expanded && !expandAll) toggle(node.path, false)
        else {
          const parent = rows.find((r) => r.node.path === dirname(node.path))
          if (parent) focusRow(parent.node)
        }
        return handled()
      }
      case 'Enter':
        activate(node)
        return handled()
      case 'F2':
        props.onRename(node)
        return handled()
      case 'Delete':
        props.onDelete(node)
        return handled()
    }
  }

  // -- drag and drop ------------------------------------------------------------------------------
  const folderOf = (node: TreeNode | null) => (node === null ? '' : node.type === 'dir' ? node.path : dirname(node.path))
  const onDragOver = (event: DragEvent, node: TreeNode | null) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return
    event.preventDefault()
    event.stopPropagation()
    event.dataTransfer.dropEffect = 'move'
    setDropTarget(folderOf(node))
  }
  const onDrop = (event: DragEvent, node: TreeNode | null) => {
    const from = event.dataTransfer.getData(DRAG_TYPE)
    event.preventDefault()
    event.stopPropagation()
    setDropTarget(null)
    const folder = folderOf(node)
    // into itself, or where it already is: nothing to do
    if (from && !isWithin(folder, from) && dirname(from) !== folder) onMove(from, folder)
  }

  return (
    <div
      ref={tree}
      className={classes('ws-tree', dropTarget === '' && 'drop-target')}
      role="tree"
      aria-label="Files"
      onKeyDown={onKeyDown}
      onDragOver={(event) => onDragOver(event, null)}
      onDragLeave={(event) => {
        if (!tree.current?.contains(event.relatedTarget as Node | null)) setDropTarget(null)
      }}
      onDrop={(event) => onDrop(event, null)}
      onContextMenu={(event) => {
        event.preventDefault()
        props.onContextMenu(null, event.clientX, event.clientY)
      }}
    >
      {rows.map(({ node, depth, expanded: open }) => {
        const status = git.get(node.path)
        const glyph = fileGlyph(node.name)
        return (
          <div
            key={node.path}
            role="treeitem"
            data-path={node.path}
            aria-level={depth + 1}
            aria-expanded={node.type === 'dir' ? open : undefined}
            aria-selected={node.path === selected}
            tabIndex={node.path === focusPath ? 0 : -1}
            className={classes(
              'ws-tree-row',
              node.path === activePath && 'active',
              node.path === selected && 'selected',
              node.type === 'dir' && dropTarget === node.path && 'drop-target',
              status && `git-${status}`,
            )}
            style={{ paddingLeft: 6 + depth * 12 }}
            title={node.path}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(DRAG_TYPE, node.path)
              event.dataTransfer.effectAllowed = 'move'
            }}
            onDragEnd={() => setDropTarget(null)}
            onDragOver={(event) => onDragOver(event, node)}
            onDrop={(event) => onDrop(event, node)}
            onClick={() => activate(node)}
            onContextMenu={(event) => {
              event.preventDefault()
              event.stopPropagation()
              onSelect(node)
              props.onContextMenu(node, event.clientX, event.clientY)
            }}
          >
            <span className="ws-tree-twisty" aria-hidden>
              {node.type === 'dir' ? (open ? '▾' : '▸') : ''}
            </span>
            {node.type === 'file' && (
              <span className={`ws-file-glyph ws-file-${glyph.kind}`} aria-hidden>
                {glyph.text}
              </span>
            )}
            <span className="ws-tree-name">{node.name}</span>
            {status ? (
              <span className={`ws-git ws-git-${status}`} title={status}>
                {GIT_LETTERS[status]}
              </span>
            ) : (
              node.type === 'dir' &&
              changedFolders.has(node.path) && <span className="ws-git-dot" title="Contains changes" aria-label="contains changes" />
            )}
          </div>
        )
      })}
    </div>
  )
}
