import { isInvalid, joinPath } from '../errors'
import { preview } from '../text'
import type { FieldError } from '../types'
import { ErrorList } from './ErrorList'

/** Keys the schema does not declare: shown read-only and left in the output untouched. */
export function OtherAttributes(props: {
  path: string
  entries: [string, unknown][]
  errorsByKey: Map<string, FieldError[]>
}) {
  return (
    <section className="sf-other" aria-label="Other attributes">
      <div className="sf-section-title">Other attributes</div>
      <p className="sf-help">Not in this component's schema. They are kept in the file as they are; edit them in the YAML.</p>
      {props.entries.map(([key, value]) => {
        const path = joinPath(props.path, key)
        const errors = props.errorsByKey.get(key) ?? []
        return (
          <div key={key} className="sf-other-row" data-field={path} data-invalid={isInvalid(errors) ? 'true' : undefined}>
            <code className="sf-other-key">{key}</code>
            <code className="sf-other-value" title={preview(value)}>
              {preview(value)}
            </code>
            <ErrorList errors={errors} path={path} />
          </div>
        )
      })}
    </section>
  )
}
