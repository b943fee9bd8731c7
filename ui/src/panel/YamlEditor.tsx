import { useState } from 'react'
import { parse, stringify } from 'yaml'
import { CodeView } from '../ui/CodeView'

interface YamlEditorProps {
  value: Record<string, unknown>
  onChange: (value: Record<string, unknown>) => void
  problemLines: number[]
}

/** The same attributes as the form, as YAML text. Edits that parse update the form too;
 * text that does not parse stays as typed, with the parser's message. */
export function YamlEditor({ value, onChange, problemLines }: YamlEditorProps) {
  const [text, setText] = useState(() => (Object.keys(value).length ? stringify(value) : ''))
  const [error, setError] = useState<string | null>(null)
  const update = (next: string) => {
    setText(next)
    try {
      const parsed: unknown = parse(next)
      if (parsed === null || parsed === undefined) {
        onChange({})
        setError(null)
      } else if (typeof parsed === 'object' && !Array.isArray(parsed)) {
        onChange(parsed as Record<string, unknown>)
        setError(null)
      } else {
        setError('The attributes must be a mapping (key: value lines).')
      }
    } catch (err) {
      setError(err instanceof Error ? err.message.split('\n')[0] : String(err))
    }
  }
  return (
    <div className="yaml-editor">
      <div className="field-help">
        The <code>attributes:</code> of this component. The file itself keeps its comments and
        layout: only what you change is rewritten.
      </div>
      <div className="yaml-editor-code">
        <CodeView value={text} language="yaml" onChange={update} problemLines={problemLines} label="attributes YAML" />
      </div>
      {error && <div className="field-error">YAML: {error}</div>}
    </div>
  )
}
