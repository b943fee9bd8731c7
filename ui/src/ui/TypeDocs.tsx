// A component type's documentation: its docstring and the fields of its attributes.
import type { ComponentType } from '../api/types'
import { alternatives, asSchema, propertiesOf, resolve, type JSONSchema } from '../schema'
import { Docs } from './Docs'
import { humanizeTypeName } from './names'

/** "string", "list of AssetSpec", "integer or string": what a field takes, in short. */
function typeWords(schema: JSONSchema, root: JSONSchema, depth = 0): string {
  const words = alternatives(schema, root)
    .filter((branch) => branch.schema.type !== 'null')
    .map(({ schema: s, refName }) => {
      if (s.type === 'array' && depth < 2) return `list of ${typeWords(asSchema(s.items), root, depth + 1)}`
      if (refName) return refName
      if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
      return typeof s.type === 'string' ? s.type : 'any'
    })
  return [...new Set(words)].join(' or ') || 'any'
}

export function TypeDocs({ type }: { type: ComponentType }) {
  const root = type.schema as JSONSchema | null
  const fields = root ? propertiesOf(resolve(root, root).schema) : []
  const text = type.description ?? type.summary
  return (
    <article className="type-docs" aria-label={`${humanizeTypeName(type.name)} documentation`}>
      <p className="type-docs-key">
        <code>{type.key}</code> <span className="muted">from {type.package}</span>
      </p>
      {text ? <Docs text={text} /> : <p className="muted">Its package gives no description.</p>}
      {fields.length > 0 && (
        <section aria-label="Fields">
          <h3 className="type-docs-head">Fields</h3>
          <dl className="type-docs-fields">
            {fields.map((field) => (
              <div key={field.key}>
                <dt>
                  <code>{field.key}</code> <span className="muted">{typeWords(field.schema, root!)}</span>
                  {field.required && <span className="badge badge-warn">required</span>}
                </dt>
                <dd>{field.schema.description ? <Docs text={field.schema.description} /> : <span className="muted">No description.</span>}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </article>
  )
}
