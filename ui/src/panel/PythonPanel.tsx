import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { readFile } from '../api/code'
import type { GraphNode } from '../canvas/graphModel'
import { CodeView } from '../ui/CodeView'
import { Tabs } from '../ui/Tabs'
import { AssetList } from './AssetList'
import { ProblemList } from './ProblemList'

type Tab = 'assets' | 'source'

/** A Python file of definitions: what Dagster loads from it, and its source. */
interface PythonPanelProps {
  projectId: string
  node: GraphNode
  asset: string | null
  defsFolder: string
}

export function PythonPanel({ projectId, node, asset, defsFolder }: PythonPanelProps) {
  const [tab, setTab] = useState<Tab>('assets')
  const file = `${defsFolder}/${node.instance.file}`
  const source = useQuery({ queryKey: ['file', projectId, file], queryFn: async () => (await readFile(projectId, file)).text, enabled: tab === 'source' })
  return (
    <div className="component-panel">
      <Tabs<Tab>
        tabs={[
          { id: 'assets', label: 'Assets', badge: node.assets.length },
          { id: 'source', label: 'Source' },
        ]}
        active={tab}
        onChange={setTab}
      />
      <div className="panel-scroll">
        <ProblemList problems={node.problems} />
        {tab === 'assets' && <AssetList assets={node.assets} checks={node.checks} automations={node.automations} highlight={asset} />}
        {tab === 'source' && source.data !== undefined && (
          <div className="source-view">
            <CodeView value={source.data} language="python" readOnly problemLines={node.problems.flatMap((p) => (p.line ? [p.line] : []))} />
          </div>
        )}
        {tab === 'source' && source.error && <div className="notice error">{source.error.message}</div>}
      </div>
      <footer className="panel-footer">
        <span className="muted mono panel-file">{file}</span>
      </footer>
    </div>
  )
}
