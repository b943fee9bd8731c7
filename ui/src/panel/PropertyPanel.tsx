import { useState } from 'react'
import { useDeleteInstance } from '../api/hooks'
import type { ComponentType } from '../api/types'
import type { GraphNode } from '../canvas/graphModel'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { humanizeTypeName } from '../ui/names'
import type { OpenFilesHandle } from '../code'
import { AssetRuns } from '../runs/AssetRuns'
import type { AssetRunView } from '../runs/runState'
import { ComponentPanel } from './ComponentPanel'
import { PythonPanel } from './PythonPanel'
import { WarningList } from './WarningList'
import type { WarningFixes } from '../project/useWarningFixes'
import './panel.css'

interface PropertyPanelProps {
  projectId: string
  node: GraphNode
  /** an asset picked in the asset view: the panel opens on it */
  asset: string | null
  types: ComponentType[] | undefined
  defsFolder: string
  /** the project's open files, shared with the code editor */
  files: OpenFilesHandle
  fixes: WarningFixes
  /** on screen (the Code mode hides it) */
  visible: boolean
  onClose: () => void
  /** open one of its files (defs-relative) in the code editor */
  onOpenFile: (file: string) => void
  /** each asset's state in the instance, once read */
  runs: ReadonlyMap<string, AssetRunView> | undefined
  onMaterialize: (selection: string, label: string, checksOnly?: boolean) => void
  launching: boolean
  onOpenRun: (runId: string) => void
  onLaunchpad: (selection: string) => void
}

export function PropertyPanel(props: PropertyPanelProps) {
  const { projectId, node, asset, types, defsFolder, files, fixes, visible, onClose, onOpenFile } = props
  const remove = useDeleteInstance(projectId)
  const [confirm, setConfirm] = useState(false)
  const { instance } = node
  const runKeys = node.assets.filter((a) => a.is_executable && (asset === null || a.key === asset)).map((a) => a.key)
  const title = instance.index ? `${instance.path} [${instance.index}]` : instance.path
  const typeName = instance.type ? humanizeTypeName(instance.type.split('.').pop() ?? '') : 'Python definitions'
  return (
    <aside className="property-panel" aria-label="Properties">
      <header className="panel-header">
        <div className="panel-titles">
          <h2 className="panel-title" title={title}>
            {title}
          </h2>
          <div className="muted panel-type" title={`${typeName}${instance.type ? ` ${instance.type}` : ''}`}>
            {typeName} {instance.type && <code>{instance.type}</code>}
          </div>
        </div>
        <button className="button small" title="Open its file in the code editor" onClick={() => onOpenFile(instance.file)}>
          Open in editor
        </button>
        <button className="button small danger" title="Delete its files from the defs folder" onClick={() => setConfirm(true)}>
          Delete…
        </button>
        <button className="icon-button" aria-label="Close panel" onClick={onClose}>
          ×
        </button>
      </header>
      {node.warnings.length > 0 && (
        <section className="panel-warnings" aria-label="Warnings of the component">
          <WarningList warnings={node.warnings} fixes={fixes} />
        </section>
      )}
      <AssetRuns
        projectId={projectId}
        keys={runKeys}
        runs={props.runs}
        launching={props.launching}
        onMaterialize={props.onMaterialize}
        onOpenRun={props.onOpenRun}
        onLaunchpad={props.onLaunchpad}
      />
      {instance.kind === 'python' ? (
        <PythonPanel key={`${node.id}:${asset}`} projectId={projectId} node={node} asset={asset} defsFolder={defsFolder} />
      ) : (
        <ComponentPanel
          key={`${node.id}:${asset}`}
          projectId={projectId}
          node={node}
          asset={asset}
          types={types}
          defsFolder={defsFolder}
          files={files}
          visible={visible}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={`Delete ${instance.path}?`}
          onClose={() => setConfirm(false)}
          error={remove.error?.message ?? null}
          actions={[
            {
              label: 'Delete',
              danger: true,
              onClick: () =>
                remove.mutate(instance.path, {
                  onSuccess: () => {
                    setConfirm(false)
                    onClose()
                  },
                }),
            },
          ]}
        >
          <p>These files will be deleted from the defs folder:</p>
          <ul className="mono">
            {instance.files.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </aside>
  )
}
