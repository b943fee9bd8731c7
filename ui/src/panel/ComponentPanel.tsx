import { useEffect, useMemo, useState } from 'react'
import { useInstance } from '../api/hooks'
import type { ComponentType } from '../api/types'
import type { GraphNode } from '../canvas/graphModel'
import { Spinner } from '../ui/bits'
import { Tabs } from '../ui/Tabs'
import { TypeDocs } from '../ui/TypeDocs'
import type { OpenFilesHandle } from '../code'
import { isDirty } from './attributesForm'
import { AssetList } from './AssetList'
import { FormTab } from './FormTab'
import { ProblemList } from './ProblemList'
import { useAttributesForm } from './useAttributesForm'
import { YamlTab } from './YamlTab'
import { plural } from '../ui/names'

type Tab = 'form' | 'yaml' | 'assets' | 'docs'

interface ComponentPanelProps {
  projectId: string
  node: GraphNode
  asset: string | null
  types: ComponentType[] | undefined
  defsFolder: string
  /** the project's open files: the YAML tab edits the file's buffer the code editor shares */
  files: OpenFilesHandle
  /** on screen (the Code mode hides it) */
  visible: boolean
}

export function ComponentPanel({ projectId, node, asset, types, defsFolder, files, visible }: ComponentPanelProps) {
  const { instance } = node
  const index = instance.index ?? 0
  const path = `${defsFolder}/${instance.file}`
  const detail = useInstance(projectId, instance.path, index, true)
  const form = useAttributesForm(projectId, instance.path, index)
  const [tab, setTab] = useState<Tab>(asset ? 'assets' : 'form')
  const componentType = types?.find((t) => t.key === (detail.data?.type ?? instance.type))

  useEffect(() => {
    if (detail.data) form.store.loaded({ attributes: detail.data.attributes, etag: detail.data.etag })
  }, [detail.data, form.store])

  // the file's text, in the buffer the code editor uses for it
  const { store } = files
  useEffect(() => {
    void store.hold(path)
    return () => store.release(path)
  }, [store, path])
  const file = files.snapshot.files.find((f) => f.path === path)
  const yamlDirty = !!file?.dirty
  const formDirty = isDirty(form.state)

  // After a form save, the save's own verdict is the freshest, as long as the file is the one
  // it wrote; otherwise the last load's.
  const { result, base } = form.state
  const verdict = result && result.etag === base?.etag ? result.validation : null
  const problems = useMemo(() => {
    const all = verdict ? verdict.errors : node.problems
    return all.filter((p) => p.file === path && (p.defs_index == null || p.defs_index === index))
  }, [verdict, node.problems, path, index])
  const elsewhere = verdict ? verdict.errors.filter((p) => p.file !== path) : []
  // a warning written at a field of this document shows there too (the list above has its fixes)
  const fieldWarnings = useMemo(
    () => node.warnings.filter((w) => w.field && w.file === path && (w.defs_index == null || w.defs_index === index)),
    [node.warnings, path, index],
  )

  const saveForm = () => void form.store.save()
  const saveYaml = () => void store.save(path)
  // Save and Revert act on the editor of the tab shown; the Assets tab shows the form's state
  const onYaml = tab === 'yaml'
  const dirty = onYaml ? yamlDirty : formDirty
  const saving = onYaml ? !!file?.saving : form.state.saving
  const save = onYaml ? saveYaml : saveForm
  const revert = onYaml ? () => store.revert(path) : () => form.store.revert()

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // the code view saves its own files; the panel saves only while it is on screen
      if (event.defaultPrevented || !visible) return
      if ((event.metaKey || event.ctrlKey) && event.key === 's') {
        event.preventDefault()
        if (dirty && !saving) save()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  return (
    <div className="component-panel">
      <Tabs<Tab>
        tabs={[
          { id: 'form', label: 'Form', badge: problems.length },
          { id: 'yaml', label: 'YAML' },
          { id: 'assets', label: 'Assets', badge: node.assets.length },
          { id: 'docs', label: 'Docs' },
        ]}
        active={tab}
        onChange={setTab}
      />
      <div className="panel-scroll">
        {verdict && (
          <div className={`notice ${verdict.ok ? 'ok' : 'error'} save-result`} role="status">
            {verdict.ok
              ? 'Saved. Dagster validated the component and loaded the project.'
              : `Saved. Dagster reports ${plural(verdict.errors.length, 'problem')}.`}
          </div>
        )}
        {tab === 'form' && (
          <FormTab
            projectId={projectId}
            form={form}
            type={componentType}
            typeKey={detail.data?.type ?? instance.type}
            path={path}
            problems={problems}
            warnings={fieldWarnings}
            unreadable={detail.error?.message ?? null}
            yamlDirty={yamlDirty}
            onSaveYaml={saveYaml}
            onRevertYaml={() => store.revert(path)}
          />
        )}
        {tab === 'yaml' && (
          <YamlTab
            files={files}
            path={path}
            problems={problems}
            visible={visible}
            formDirty={formDirty}
            onSaveForm={saveForm}
            onRevertForm={() => form.store.revert()}
          />
        )}
        {tab === 'docs' &&
          (componentType ? (
            <TypeDocs type={componentType} />
          ) : types ? (
            <p className="muted">This type is not in the project's registry.</p>
          ) : (
            <Spinner label="Reading the project's component registry…" />
          ))}
        {tab === 'assets' && <AssetList assets={node.assets} checks={node.checks} automations={node.automations} highlight={asset} />}
        {elsewhere.length > 0 && (
          <>
            <h4 className="panel-subhead">Other problems in the project</h4>
            <ProblemList problems={elsewhere} />
          </>
        )}
      </div>
      <footer className="panel-footer">
        <span className="muted mono panel-file" title={path}>
          {path}
        </span>
        {dirty && (
          <button className="button small" onClick={revert} disabled={saving}>
            Revert
          </button>
        )}
        <button className="button primary" onClick={save} disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </footer>
    </div>
  )
}
