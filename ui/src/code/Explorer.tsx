// The Files side bar: filter by name, the tree with git badges, and the file operations
// (create, rename or move, delete), each written through the server.
import { useCallback, useMemo, useState } from 'react'
import { errorMessage, isStatus } from '../api/client'
import { createFile, createFolder, deletePath, movePath } from '../api/code'
import { ContextMenu, type MenuItem } from './ContextMenu'
import { DeleteDialog, PathDialog } from './FileDialogs'
import { FileTree } from './FileTree'
import { basename, dirname, isWithin, joinPath } from './paths'
import { useFileList, useGitStatus, useRefreshWorkspace } from './queries'
import { buildTree, changedFolders, countDescendants, filterTree, findNode, normalizeGitFiles, type TreeNode } from './tree'

interface ExplorerProps {
  projectId: string
  projectName: string
  activePath: string | null
  /** open files with unsaved changes, to warn before deleting them */
  dirtyPaths: readonly string[]
  onOpen: (path: string) => void
  onMoved: (from: string, to: string) => void
  onDeleted: (path: string) => void
}

type Pending =
  | { kind: 'new-file' | 'new-folder'; folder: string }
  | { kind: 'rename' | 'delete'; node: TreeNode }
  | { kind: 'menu'; node: TreeNode | null; x: number; y: number }

export function Explorer({ projectId, projectName, activePath, dirtyPaths, onOpen, onMoved, onDeleted }: ExplorerProps) {
  const files = useFileList(projectId)
  const git = useGitStatus(projectId)
  const refresh = useRefreshWorkspace(projectId)
  const [filter, setFilter] = useState('')
  const [selected, setSelected] = useState<TreeNode | null>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [error, setError] = useState<string | null>(null)

  const tree = useMemo(() => buildTree(files.data ?? []), [files.data])
  const shown = useMemo(() => filterTree(tree, filter), [tree, filter])
  const gitFiles = useMemo(() => normalizeGitFiles(git.data?.files ?? {}), [git.data])
  const folders = useMemo(() => changedFolders(gitFiles), [gitFiles])
  // the folder new entries go to: the selected folder, or the selected file's
  const target = selected ? (selected.type === 'dir' ? selected.path : dirname(selected.path)) : ''
  const close = useCallback(() => setPending(null), [])

  const create = async (kind: 'new-file' | 'new-folder', path: string) => {
    try {
      if (kind === 'new-file') await createFile(projectId, path)
      else await createFolder(projectId, path)
    } catch (err) {
      if (isStatus(err, 409, 412)) throw new Error(`${path} already exists.`, { cause: err })
      throw err
    }
    refresh()
    setSelected({ name: basename(path), path, type: kind === 'new-file' ? 'file' : 'dir', children: [] })
    if (kind === 'new-file') onOpen(path)
  }

  const move = async (from: string, to: string) => {
    await movePath(projectId, from, to)
    refresh()
    onMoved(from, to)
    if (selected && isWithin(selected.path, from)) setSelected({ ...selected, path: to, name: basename(to) })
  }

  const remove = async (node: TreeNode) => {
    await deletePath(projectId, node.path, node.type === 'dir' && countDescendants(node) > 0)
    refresh()
    onDeleted(node.path)
    setSelected(null)
  }

  const menuItems = (node: TreeNode | null): MenuItem[] => {
    const folder = node ? (node.type === 'dir' ? node.path : dirname(node.path)) : ''
    const items: MenuItem[] = [
      { label: 'New file…', onSelect: () => setPending({ kind: 'new-file', folder }) },
      { label: 'New folder…', onSelect: () => setPending({ kind: 'new-folder', folder }) },
    ]
    if (!node) return items
    return [
      ...(node.type === 'file' ? [{ label: 'Open', onSelect: () => onOpen(node.path) }] : []),
      ...items,
      { label: 'Rename or move…', onSelect: () => setPending({ kind: 'rename', node }) },
      { label: 'Delete…', onSelect: () => setPending({ kind: 'delete', node }), danger: true },
    ]
  }

  return (
    <div className="ws-explorer">
      <div className="ws-explorer-header">
        <span className="ws-explorer-title" title={projectName}>
          {projectName}
          {git.data?.branch && <span className="ws-branch"> · {git.data.branch}</span>}
        </span>
        <button className="ws-icon-button" aria-label="New file" title="New file" onClick={() => setPending({ kind: 'new-file', folder: target })}>
          +
        </button>
        <button className="ws-icon-button" aria-label="New folder" title="New folder" onClick={() => setPending({ kind: 'new-folder', folder: target })}>
          ⊞
        </button>
        <button className="ws-icon-button" aria-label="Refresh the file list" title="Refresh" onClick={refresh}>
          ↻
        </button>
      </div>
      <input
        className="text ws-filter"
        type="search"
        placeholder="Filter files by name"
        aria-label="Filter files by name"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      {error && (
        <div className="notice error ws-explorer-error" role="alert">
          {error}{' '}
          <button className="ws-link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {files.error && <div className="notice error ws-explorer-error">{files.error.message}</div>}
      {files.data && shown.length === 0 && <div className="muted ws-explorer-empty">{filter ? 'No file matches.' : 'No files.'}</div>}
      <FileTree
        nodes={shown}
        expandAll={filter.trim() !== ''}
        git={gitFiles}
        changedFolders={folders}
        activePath={activePath}
        selected={selected?.path ?? null}
        onSelect={setSelected}
        onOpen={onOpen}
        onMove={(from, folder) => move(from, joinPath(folder, basename(from))).catch((err) => setError(errorMessage(err)))}
        onRename={(node) => setPending({ kind: 'rename', node })}
        onDelete={(node) => setPending({ kind: 'delete', node })}
        onContextMenu={(node, x, y) => setPending({ kind: 'menu', node, x, y })}
      />
      {pending?.kind === 'menu' && (
        <ContextMenu x={pending.x} y={pending.y} label={pending.node?.path ?? projectName} items={menuItems(pending.node)} onClose={close} />
      )}
      {(pending?.kind === 'new-file' || pending?.kind === 'new-folder') && (
        <PathDialog
          title={pending.kind === 'new-file' ? 'New file' : 'New folder'}
          label="Path"
          initial={pending.folder ? `${pending.folder}/` : ''}
          submitLabel="Create"
          onSubmit={(path) => create(pending.kind, path)}
          onClose={close}
        />
      )}
      {pending?.kind === 'rename' && (
        <PathDialog
          title={`Rename or move ${pending.node.name}`}
          label="New path"
          initial={pending.node.path}
          submitLabel="Rename"
          onSubmit={(path) => (path === pending.node.path ? Promise.resolve() : move(pending.node.path, path))}
          onClose={close}
        />
      )}
      {pending?.kind === 'delete' && (
        <DeleteDialog
          path={pending.node.path}
          type={pending.node.type}
          contents={countDescendants(findNode(tree, pending.node.path) ?? pending.node)}
          unsaved={dirtyPaths.filter((path) => isWithin(path, pending.node.path))}
          onConfirm={() => remove(findNode(tree, pending.node.path) ?? pending.node)}
          onClose={close}
        />
      )}
    </div>
  )
}
