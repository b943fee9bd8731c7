import { useState } from 'react'
import type { EdgeChange } from '../api/hooks'
import type { GraphNode } from '../canvas/graphModel'
import { Dialog } from '../ui/Dialog'

interface ConnectProps {
  mode: 'connect'
  source: GraphNode
  target: GraphNode
}

interface InspectProps {
  mode: 'inspect'
  source: GraphNode
  target: GraphNode
}

type EdgeDialogProps = (ConnectProps | InspectProps) & {
  busy: boolean
  error: string | null
  onApply: (action: 'add' | 'remove', edges: EdgeChange[]) => void
  onClose: () => void
}

/** Between two components: choose which of their assets depend on which (connect), or see
 * and remove the asset dependencies an edge stands for (inspect). */
export function EdgeDialog(props: EdgeDialogProps) {
  const { source, target } = props
  const [upstream, setUpstream] = useState<string[]>(source.assets.length === 1 ? [source.assets[0].key] : [])
  const [downstream, setDownstream] = useState<string[]>(target.assets.length === 1 ? [target.assets[0].key] : [])
  const toggle = (list: string[], set: (next: string[]) => void, key: string) =>
    set(list.includes(key) ? list.filter((k) => k !== key) : [...list, key])
  const existing: EdgeChange[] = target.assets.flatMap((a) =>
    a.deps.filter((dep) => source.assets.some((s) => s.key === dep)).map((dep) => ({ upstream: dep, downstream: a.key })),
  )
  const pairs: EdgeChange[] = upstream.flatMap((u) => downstream.map((d) => ({ upstream: u, downstream: d })))
  return (
    <Dialog
      title={props.mode === 'connect' ? `Connect ${source.id} → ${target.id}` : `${source.id} → ${target.id}`}
      onClose={props.onClose}
      width={620}
      footer={
        props.mode === 'connect' ? (
          <>
            <button className="button" onClick={props.onClose}>
              Cancel
            </button>
            <button
              className="button primary"
              disabled={pairs.length === 0 || props.busy}
              onClick={() => props.onApply('add', pairs)}
            >
              {props.busy ? 'Editing…' : `Add ${pairs.length} dependenc${pairs.length === 1 ? 'y' : 'ies'}`}
            </button>
          </>
        ) : (
          <button className="button" onClick={props.onClose}>
            Close
          </button>
        )
      }
    >
      {props.mode === 'connect' ? (
        <div className="edge-columns">
          <fieldset>
            <legend>Upstream assets ({source.id})</legend>
            {source.assets.map((a) => (
              <label key={a.key} className="edge-choice">
                <input type="checkbox" checked={upstream.includes(a.key)} onChange={() => toggle(upstream, setUpstream, a.key)} />
                <span className="mono">{a.key}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Depend on them ({target.id})</legend>
            {target.assets.map((a) => (
              <label key={a.key} className="edge-choice">
                <input
                  type="checkbox"
                  checked={downstream.includes(a.key)}
                  onChange={() => toggle(downstream, setDownstream, a.key)}
                />
                <span className="mono">{a.key}</span>
              </label>
            ))}
          </fieldset>
        </div>
      ) : (
        <ul className="edge-list">
          {existing.map((edge) => (
            <li key={`${edge.upstream}->${edge.downstream}`}>
              <span className="mono">
                {edge.upstream} → {edge.downstream}
              </span>
              <button className="button small danger" disabled={props.busy} onClick={() => props.onApply('remove', [edge])}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="field-help">
        The designer edits the file that defines each downstream asset: its <code>deps</code> for a Python
        asset or an asset spec, a <code>post_processing</code> entry for components such as dbt.
      </p>
      {props.error && <div className="notice error">{props.error}</div>}
    </Dialog>
  )
}
