// JSON schemas as the UI reads them: one walker for every view of a component's schema (the
// form, the YAML completion). Imports nothing of the UI.
export type { JSONSchema } from './types'
export { alternatives, asSchema, propertiesOf, resolve, type Branch, type Property } from './walk'
