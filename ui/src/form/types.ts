/** A JSON Schema node as pydantic emits it; only the keywords the form reads are typed. */
export interface JSONSchema {
  $ref?: string
  $defs?: Record<string, JSONSchema>
  definitions?: Record<string, JSONSchema>
  type?: string | string[]
  title?: string
  description?: string
  default?: unknown
  examples?: unknown[]
  enum?: unknown[]
  const?: unknown
  format?: string
  properties?: Record<string, JSONSchema | boolean>
  required?: string[]
  additionalProperties?: JSONSchema | boolean
  items?: JSONSchema | boolean
  anyOf?: (JSONSchema | boolean)[]
  oneOf?: (JSONSchema | boolean)[]
  allOf?: (JSONSchema | boolean)[]
  'ui:order'?: string[]
  [keyword: string]: unknown
}

export interface FieldError {
  /** Dotted path such as "execution.path" or "assets.0.key"; null when not tied to a field. */
  field: string | null
  message: string
  /** a warning is shown on its field but does not make the value invalid */
  severity?: 'error' | 'warning'
}
