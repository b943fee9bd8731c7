// The left side: the file tree, the content search or source control (all stay mounted to keep
// their state); source control's tab counts the changed files.
import { useState } from 'react'
import { Tabs } from '../ui/Tabs'
import { Explorer } from './Explorer'
import { useGitStatus } from './queries'
import { SearchPanel } from './SearchPanel'
import { SourceControl } from './SourceControl'
import { changeCount } from './sourceControl'

type View = 'files' | 'search' | 'git'

interface SidebarProps {
  projectId: string
  projectName: string
  activePath: string | null
  dirtyPaths: readonly string[]
  onOpen: (path: string, line?: number) => void
  /** a file's staged or unstaged changes */
  onOpenDiff: (path: string, staged: boolean) => void
  /** git rewrote working files */
  onFilesChanged: () => void
  onMoved: (from: string, to: string) => void
  onDeleted: (path: string) => void
}

export function Sidebar(props: SidebarProps) {
  const { projectId, projectName, activePath, dirtyPaths, onOpen, onOpenDiff, onFilesChanged, onMoved, onDeleted } = props
  const [view, setView] = useState<View>('files')
  const git = useGitStatus(projectId)
  return (
    <div className="ws-sidebar-inner">
      <Tabs<View>
        tabs={[
          { id: 'files', label: 'Files' },
          { id: 'search', label: 'Search' },
          { id: 'git', label: 'Git', badge: changeCount(git.data) },
        ]}
        active={view}
        onChange={setView}
        label="Sidebar"
      />
      <div className="ws-sidebar-view" hidden={view !== 'files'}>
        <Explorer
          projectId={projectId}
          projectName={projectName}
          activePath={activePath}
          dirtyPaths={dirtyPaths}
          onOpen={onOpen}
          onMoved={onMoved}
          onDeleted={onDeleted}
        />
      </div>
      <div className="ws-sidebar-view" hidden={view !== 'search'}>
        <SearchPanel projectId={projectId} active={view === 'search'} onOpen={onOpen} />
      </div>
      <div className="ws-sidebar-view" hidden={view !== 'git'}>
        <SourceControl projectId={projectId} active={view === 'git'} onOpen={onOpen} onOpenDiff={onOpenDiff} onFilesChanged={onFilesChanged} />
      </div>
    </div>
  )
}
