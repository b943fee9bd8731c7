/** A JSON Schema node as pydantic emits it; only the keywords the UI reads are typed. */
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
