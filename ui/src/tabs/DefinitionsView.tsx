// The definition tabs (Assets, Schedules, Jobs, Sensors, Checks): what the loaded definitions
// hold, whoever wrote them, with New, Edit and Delete through the builders. A definition the
// designer did not write opens in the Code view at its line instead of a form.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { readParams, useDeleteBuilder, type BuilderKind, type BuildResult } from '../api/builders'
import { isStatus } from '../api/client'
import { readFile } from '../api/code'
import { useAssetStatus, useLaunchRun } from '../api/runs'
import type { Definitions, RunLaunch } from '../api/types'
import { BuilderForm, codeLine, type OpenedForm } from '../builders'
import { RunBanner } from '../runs/RunBanner'
import { Spinner } from '../ui/bits'
import { ConfirmDialog } from '../ui/ConfirmDialog'
import { Ticked } from '../ui/Ticked'
import { AssetsTab } from './AssetsTab'
import { ChecksTab } from './ChecksTab'
import { JobsTab } from './JobsTab'
import { SchedulesTab } from './SchedulesTab'
import { SensorsTab } from './SensorsTab'
import { TabHeader, type DefinitionRef, type RowActions } from './parts'
import { sourceLocation } from './rows'
import type { DefinitionTab } from './tabIds'
import './tabs.css'

/** The New buttons of each tab: the builders it offers. */
const NEW: Record<DefinitionTab, ReadonlyArray<{ kind: BuilderKind; label: string }>> = {
  assets: [
    { kind: 'asset', label: 'New asset' },
    { kind: 'sql_asset', label: 'New SQL asset' },
  ],
  schedules: [{ kind: 'schedule', label: 'New schedule' }],
  jobs: [{ kind: 'job', label: 'New job' }],
  sensors: [{ kind: 'sensor', label: 'New sensor' }],
  checks: [{ kind: 'asset_check', label: 'New check' }],
}

const TITLES: Record<DefinitionTab, string> = { assets: 'Assets', schedules: 'Schedules', jobs: 'Jobs', sensors: 'Sensors', checks: 'Asset checks' }

interface DefinitionsViewProps {
  projectId: string
  tab: DefinitionTab
  definitions: Definitions | undefined
  onOpenFile: (path: string, line?: number) => void
  onOpenRun: (runId: string) => void
}

interface Deleting {
  target: DefinitionRef
  /** the server's refusal: something still references it (409), or it is not the designer's */
  refused: { detail: string; references: boolean } | null
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The first of `kinds` whose builder wrote `name`, with its parameters; null when none did. */
async function reopen(projectId: string, kinds: readonly BuilderKind[], name: string): Promise<OpenedForm | null> {
  for (const kind of kinds) {
    const params = await readParams(projectId, kind, name)
    if (!params) continue
    return { kind, editing: { name, params } } as OpenedForm
  }
  return null
}

export function DefinitionsView({ projectId, tab, definitions, onOpenFile, onOpenRun }: DefinitionsViewProps) {
  const statuses = useAssetStatus(projectId, true)
  const launch = useLaunchRun(projectId)
  const remove = useDeleteBuilder(projectId)
  const [launched, setLaunched] = useState<{ runId: string; label: string } | null>(null)
  const [opened, setOpened] = useState<OpenedForm | null>(null)
  const [opening, setOpening] = useState<string | null>(null)
  const [deleting, setDeleting] = useState<Deleting | null>(null)
  const [saved, setSaved] = useState<BuildResult | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  // the instance's schedules and sensors follow the definitions
  const client = useQueryClient()
  useEffect(() => {
    void client.invalidateQueries({ queryKey: ['automations', projectId] })
  }, [client, projectId, definitions])

  const openCode = (target: DefinitionRef) => {
    const at = sourceLocation(target.source)
    if (at) onOpenFile(at.path, at.line)
    else setNotice(`Dagster does not say which file the ${target.label} comes from: find it in the Code view.`)
  }

  const actions: RowActions = {
    edit: async (target) => {
      setNotice(null)
      setOpening(target.name)
      try {
        const found = await reopen(projectId, target.kinds, target.name)
        if (found) setOpened(found)
        else openCode(target) // not written by a builder: its code is the form
      } catch (error) {
        setNotice(`The ${target.label} could not be opened: ${messageOf(error)}`)
      } finally {
        setOpening(null)
      }
    },
    remove: (target) => {
      setNotice(null)
      remove.reset()
      setDeleting({ target, refused: null })
    },
    run: (body: RunLaunch, label: string) => {
      setLaunched(null)
      launch.mutate(body, { onSuccess: (answer) => setLaunched({ runId: answer.run_id, label }) })
    },
    openFile: onOpenFile,
    openRun: onOpenRun,
    launching: launch.isPending,
  }

  const confirmDelete = async (force: boolean) => {
    if (!deleting) return
    const { target } = deleting
    for (const kind of target.kinds) {
      try {
        await remove.mutateAsync({ kind, name: target.name, force })
        setDeleting(null)
        setSaved(null)
        setNotice(`Deleted the ${target.label}.`)
        return
      } catch (error) {
        if (isStatus(error, 404)) continue
        if (isStatus(error, 409)) {
          setDeleting({ target, refused: { detail: messageOf(error), references: true } })
          return
        }
        setDeleting({ target, refused: { detail: messageOf(error), references: false } })
        return
      }
    }
    setDeleting({ target, refused: { detail: `The ${target.label} was not written by a builder: remove it in its file.`, references: false } })
  }

  const editCode = async (result: BuildResult) => {
    const path = result.files[0]
    if (!path) return
    let line: number | undefined
    try {
      line = codeLine((await readFile(projectId, path)).text, result.name) ?? undefined
    } catch {
      line = undefined // the file opens at its top
    }
    onOpenFile(path, line)
  }

  const items = definitions
    ? { assets: definitions.assets, schedules: definitions.schedules, jobs: definitions.jobs, sensors: definitions.sensors, checks: definitions.asset_checks }[tab]
    : null

  return (
    <div className="definitions-view" aria-label={TITLES[tab]} role="region">
      <TabHeader title={TITLES[tab]} count={items?.length ?? null}>
        {NEW[tab].map(({ kind, label }) => (
          <button key={kind} className="button primary" onClick={() => setOpened({ kind, editing: null } as OpenedForm)}>
            + {label}
          </button>
        ))}
      </TabHeader>
      <div className="def-notices">
        {opening && <Spinner label={`Opening ${opening}…`} />}
        {notice && (
          <div className="notice" role="status">
            <Ticked text={notice} />{' '}
            <button className="link-button" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        {saved && <SavedNotice result={saved} onEditCode={() => void editCode(saved)} onOpenFile={onOpenFile} onDismiss={() => setSaved(null)} />}
        {launch.error && (
          <div className="notice error" role="alert">
            The run was not launched: {launch.error.message}{' '}
            <button className="link-button" onClick={() => launch.reset()}>
              Dismiss
            </button>
          </div>
        )}
        {launched && (
          <RunBanner projectId={projectId} runId={launched.runId} label={launched.label} onView={() => onOpenRun(launched.runId)} onDismiss={() => setLaunched(null)} />
        )}
      </div>
      <div className="def-body">
        {!definitions ? (
          <Spinner label="Loading the definitions…" />
        ) : tab === 'assets' ? (
          <AssetsTab assets={definitions.assets} statuses={statuses.data} actions={actions} />
        ) : tab === 'schedules' ? (
          <SchedulesTab projectId={projectId} schedules={definitions.schedules} actions={actions} />
        ) : tab === 'jobs' ? (
          <JobsTab projectId={projectId} jobs={definitions.jobs} actions={actions} />
        ) : tab === 'sensors' ? (
          <SensorsTab projectId={projectId} sensors={definitions.sensors} actions={actions} />
        ) : (
          <ChecksTab checks={definitions.asset_checks} statuses={statuses.data} actions={actions} />
        )}
      </div>
      {opened && (
        <BuilderForm
          key={`${opened.kind}:${opened.editing?.name ?? ''}`}
          opened={opened}
          projectId={projectId}
          definitions={definitions}
          onClose={() => setOpened(null)}
          onSaved={(result) => {
            setSaved(result)
            setNotice(null)
            setOpened(null)
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete the ${deleting.target.label}?`}
          onClose={() => setDeleting(null)}
          error={deleting.refused?.detail ?? null}
          actions={
            deleting.refused?.references
              ? [{ label: 'Delete anyway', danger: true, onClick: () => void confirmDelete(true) }]
              : deleting.refused
                ? [
                    {
                      label: 'Open its code',
                      onClick: () => {
                        setDeleting(null)
                        openCode(deleting.target)
                      },
                    },
                  ]
                : [{ label: remove.isPending ? 'Deleting…' : 'Delete', danger: true, onClick: () => void confirmDelete(false) }]
          }
        >
          <p>
            Removes <code>{deleting.target.name}</code> from its file, leaving the rest of the file as it was.
          </p>
        </ConfirmDialog>
      )}
    </div>
  )
}

interface SavedNoticeProps {
  result: BuildResult
  onEditCode: () => void
  onOpenFile: (path: string, line?: number) => void
  onDismiss: () => void
}

/** What a save wrote, what Dagster says of it, and the way to its code. */
function SavedNotice({ result, onEditCode, onOpenFile, onDismiss }: SavedNoticeProps) {
  return (
    <div className={`notice ${result.ok && result.warnings.length === 0 ? 'ok' : 'warn'}`} role="status" aria-label="Saved">
      Saved <code>{result.name}</code> in {result.files.map((file) => <code key={file}>{file} </code>)}
      {!result.ok && (
        <>
          but Dagster reports problems:
          <ul>
            {result.errors.map((error, index) => (
              <li key={index}>
                <Ticked text={error.message} />
                {error.file && (
                  <button className="link-button" onClick={() => onOpenFile(error.file!, error.line ?? undefined)}>
                    {error.file}
                    {error.line ? `:${error.line}` : ''}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.warnings.map((warning) => (
        <div key={warning}>
          <Ticked text={warning} />
        </div>
      ))}{' '}
      {result.files.length > 0 && (
        <button className="button small" onClick={onEditCode}>
          Edit code
        </button>
      )}
      <button className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  )
}
