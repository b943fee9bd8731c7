// The review's tests: Run tests runs the project's pytest and lists each test with its outcome,
// name, duration, place and (unfolded on demand) its message; a project without pytest is
// offered to add it. Generate tests shows the module for the selected assets first, then writes
// it into `tests/` (an existing file only when asked to overwrite it).
import { useEffect, useState } from 'react'
import { ApiError, errorMessage, isStatus } from '../../api/client'
import { useProject } from '../../api/hooks'
import { useAddPytest, useGenerateTests, useRunTests, type TestResult, type TestRun } from './api'
import './reviewTests.css'

const ICONS: Record<TestResult['outcome'], string> = { passed: '✓', failed: '✗', error: '!', skipped: '○' }

const seconds = (value: number) => (value < 0.01 ? '<0.01 s' : `${value.toFixed(2)} s`)

/** The test's own name: the last part of pytest's node id. */
const testName = (id: string) => id.split('::').slice(1).join(' › ') || id

/** Whole seconds since `since` (ms), counted while `running`. */
function useElapsed(running: boolean, since: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [running])
  return Math.max(0, Math.floor((now - since) / 1000))
}

function Summary({ run }: { run: TestRun }) {
  const parts = [`${run.passed} passed`, `${run.failed} failed`, `${run.errors} errors`, `${run.skipped} skipped`]
  return (
    <p className="review-tests-summary" data-ok={run.failed + run.errors === 0}>
      {parts.join(', ')} in {seconds(run.duration)}
    </p>
  )
}

function TestRow({ test }: { test: TestResult }) {
  const place = test.file ? `${test.file}${test.line ? `:${test.line}` : ''}` : null
  return (
    <li className={`review-test ${test.outcome}`}>
      <div className="review-test-head">
        <span className="review-test-icon" aria-label={test.outcome} title={test.outcome}>
          {ICONS[test.outcome]}
        </span>
        <span className="review-test-name" title={test.id}>
          {testName(test.id)}
        </span>
        <span className="muted">{seconds(test.duration)}</span>
      </div>
      {place && <div className="muted mono review-test-place">{place}</div>}
      {test.message && (
        <details>
          <summary>{test.message.split('\n', 1)[0]}</summary>
          <pre className="log">{test.message}</pre>
        </details>
      )}
    </li>
  )
}

function AddPytest({ projectId }: { projectId: string }) {
  const add = useAddPytest(projectId)
  const project = useProject(projectId)
  const activity = project.data?.integration
  const ours = activity?.package === 'pytest' ? activity : add.data
  const adding = add.isPending || ours?.state === 'running'
  return (
    <div className="notice warn">
      <button className="button small" disabled={adding} onClick={() => add.mutate()}>
        {adding ? 'Adding pytest…' : 'Add pytest'}
      </button>{' '}
      {ours?.state === 'done' && <span>pytest was added: run the tests again.</span>}
      {ours?.state === 'failed' && <pre className="log">{ours.error}</pre>}
      {add.error && <span>{errorMessage(add.error)}</span>}
    </div>
  )
}

function GenerateTests({ projectId, assets }: { projectId: string; assets: string[] }) {
  const generate = useGenerateTests(projectId)
  const [shown, setShown] = useState<{ file: string; text: string } | null>(null)
  const [written, setWritten] = useState<string | null>(null)
  const exists = isStatus(generate.error, 409)

  const show = () => {
    setWritten(null)
    generate.mutate({ assets, preview: true, overwrite: true }, { onSuccess: (answer) => setShown(answer) })
  }
  const write = (overwrite: boolean) =>
    generate.mutate(
      { assets, preview: false, overwrite },
      {
        onSuccess: (answer) => {
          setShown(null)
          setWritten(answer.file)
        },
      },
    )

  return (
    <section className="review-tests-generate">
      <button
        className="button"
        disabled={assets.length === 0 || generate.isPending}
        title={assets.length ? assets.join(', ') : 'Select assets first'}
        onClick={show}
      >
        Generate tests for selection{assets.length ? ` (${assets.length})` : ''}
      </button>
      {shown && (
        <div className="review-tests-preview">
          <div className="mono">{shown.file}</div>
          <pre className="log">{shown.text}</pre>
          <button className="button primary small" disabled={generate.isPending} onClick={() => write(false)}>
            Write {shown.file}
          </button>{' '}
          {exists && (
            <button className="button danger small" disabled={generate.isPending} onClick={() => write(true)}>
              Overwrite it
            </button>
          )}
        </div>
      )}
      {written && <p className="notice ok">Written to {written}: run the tests to see them pass.</p>}
      {generate.error && <p className="notice error">{errorMessage(generate.error)}</p>}
    </section>
  )
}

/** The project's tests, run on request, and tests generated for the selected `assets`. */
export function ReviewTests({ projectId, assets = [] }: { projectId: string; assets?: string[] }) {
  const run = useRunTests(projectId)
  const elapsed = useElapsed(run.isPending, run.submittedAt)
  const missingPytest = run.error instanceof ApiError && run.error.body?.reason === 'pytest-missing'
  return (
    <div className="review-tests">
      <div className="review-tests-bar">
        <button className="button primary" disabled={run.isPending} onClick={() => run.mutate()}>
          Run tests
        </button>
        {run.isPending && (
          <span className="review-tests-progress" role="status">
            <progress /> Running pytest… {elapsed} s
          </span>
        )}
      </div>
      {run.error && <p className={`notice ${missingPytest ? 'warn' : 'error'}`}>{errorMessage(run.error)}</p>}
      {missingPytest && <AddPytest projectId={projectId} />}
      {run.data && !run.isPending && (
        <>
          {run.data.warning && <p className="notice warn">{run.data.warning}</p>}
          {run.data.tests.length > 0 && <Summary run={run.data} />}
          <ul className="review-tests-list">
            {run.data.tests.map((test) => (
              <TestRow key={test.id} test={test} />
            ))}
          </ul>
        </>
      )}
      <GenerateTests projectId={projectId} assets={assets} />
    </div>
  )
}
