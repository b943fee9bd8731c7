// The left side: the file tree or the content search (both stay mounted to keep their state).
import { useState } from 'react'
import { Tabs } from '../ui/Tabs'
import { Explorer } from './Explorer'
import { SearchPanel } from './SearchPanel'

type View = 'files' | 'search'

interface SidebarProps {
  projectId: string
  projectName: string
  activePath: string | null
  dirtyPaths: readonly string[]
  onOpen: (path: string, line?: number) => void
  onMoved: (from: string, to: string) => void
  onDeleted: (path: string) => void
}

export function Sidebar({ projectId, projectName, activePath, dirtyPaths, onOpen, onMoved, onDeleted }: SidebarProps) {
  const [view, setView] = useState<View>('files')
  return (
    <div className="ws-sidebar-inner">
      <Tabs<View>
        tabs={[
          { id: 'files', label: 'Files' },
          { id: 'search', label: 'Search' },
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
    </div>
  )
}
