import { useEffect, useMemo, useState } from 'react'
import { useInstance, useSaveAttributes } from '../api/hooks'
import type { ComponentType, Validation } from '../api/types'
import type { GraphNode } from '../canvas/graphModel'
import { SchemaForm, type FieldError, type JSONSchema } from '../form'
import { Spinner } from '../ui/bits'
import { Tabs } from '../ui/Tabs'
import { AssetList } from './AssetList'
import { ProblemList } from './ProblemList'
import { YamlEditor } from './YamlEditor'

type Tab = 'form' | 'yaml' | 'assets'

interface ComponentPanelProps {
  projectId: string
  node: GraphNode
  asset: string | null
  types: ComponentType[] | undefined
  defsFolder: string
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export function ComponentPanel({ projectId, node, asset, types, defsFolder }: ComponentPanelProps) {
  const { instance } = node
  const index = instance.index ?? 0
  const detail = useInstance(projectId, instance.path, index, true)
  const save = useSaveAttributes(projectId)
  const [tab, setTab] = useState<Tab>(asset ? 'assets' : 'form')
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null)
  // the file's attributes when the draft started: if the file changes under it, the user decides
  const [draftBase, setDraftBase] = useState<unknown>(null)
  const [result, setResult] = useState<Validation | null>(null)

  const typeKey = detail.data?.type ?? instance.type
  const type = types?.find((t) => t.key === typeKey)
  const base = detail.data?.attributes ?? {}
  const current = draft ?? base
  const dirty = draft !== null && !same(draft, base)
  const changedOnDisk = dirty && draftBase !== null && !same(draftBase, base)
  const edit = (next: Record<string, unknown>) => {
    if (draft === null) setDraftBase(base)
    setDraft(next)
  }
  const discard = () => {
    setDraft(null)
    setDraftBase(null)
  }
  const file = `${defsFolder}/${instance.file}`

  // After a save, the save's own verdict is the freshest; otherwise the last load's.
  const problems = useMemo(() => {
    const all = result ? result.errors : node.problems
    return all.filter((p) => p.file === file && (p.defs_index == null || p.defs_index === index))
  }, [result, node.problems, file, index])
  const elsewhere = result ? result.errors.filter((p) => p.file !== file) : []
  const fieldErrors: FieldError[] = problems.map((p) => ({ field: p.field ?? null, message: p.message }))
  const problemLines = problems.flatMap((p) => (p.line ? [p.line] : []))

  const submit = () =>
    save.mutate(
      { path: instance.path, index, attributes: current },
      {
        onSuccess: async (validation) => {
          setResult(validation)
          await detail.refetch()
          discard()
        },
      },
    )

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // the code workspace saves its own files; the form saves only what is left
      if (event.defaultPrevented) return
      if ((event.metaKey || event.ctrlKey) && event.key === 's') {
        event.preventDefault()
        if (dirty && !save.isPending) submit()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  if (detail.isPending) return <Spinner label="Reading the component file…" />
  if (detail.error) return <div className="notice error">{detail.error.message}</div>

  return (
    <div className="component-panel">
      <Tabs<Tab>
        tabs={[
          { id: 'form', label: 'Form', badge: problems.length },
          { id: 'yaml', label: 'YAML' },
          { id: 'assets', label: 'Assets', badge: node.assets.length },
        ]}
        active={tab}
        onChange={setTab}
      />
      <div className="panel-scroll">
        {result && (
          <div className={`notice ${result.ok ? 'ok' : 'error'} save-result`} role="status">
            {result.ok
              ? 'Saved. Dagster validated the component and loaded the project.'
              : `Saved. Dagster reports ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}.`}
          </div>
        )}
        {changedOnDisk && (
          <div className="notice warn" role="alert">
            The file changed on disk while you were editing.{' '}
            <button className="link-button" onClick={discard}>
              Load the file's version
            </button>{' '}
            or{' '}
            <button className="link-button" onClick={() => setDraftBase(base)}>
              keep my edits
            </button>{' '}
            (saving then writes them over the new version, keeping its comments).
          </div>
        )}
        {tab !== 'assets' && problems.length > 0 && <ProblemList problems={problems.filter((p) => !p.field)} />}
        {tab === 'form' &&
          (type?.schema ? (
            <SchemaForm
              schema={type.schema as JSONSchema}
              value={current}
              onChange={edit}
              errors={fieldErrors}
              idPrefix="attr"
            />
          ) : (
            <p className="muted">
              {type ? 'This component has no attributes schema.' : `The type ${typeKey ?? '(none)'} is not in this project's registry.`}{' '}
              Edit its attributes as YAML.
            </p>
          ))}
        {tab === 'yaml' && <YamlEditor value={current} onChange={edit} problemLines={problemLines} />}
        {tab === 'assets' && <AssetList assets={node.assets} checks={node.checks} automations={node.automations} highlight={asset} />}
        {elsewhere.length > 0 && (
          <>
            <h4 className="panel-subhead">Other problems in the project</h4>
            <ProblemList problems={elsewhere} />
          </>
        )}
      </div>
      <footer className="panel-footer">
        <span className="muted mono panel-file" title={file}>
          {file}
        </span>
        {dirty && (
          <button className="button small" onClick={discard} disabled={save.isPending}>
            Revert
          </button>
        )}
        <button className="button primary" onClick={submit} disabled={!dirty || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </footer>
      {save.error && <div className="notice error">{save.error.message}</div>}
    </div>
  )
}
