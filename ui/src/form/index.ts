export { SchemaForm, type SchemaFormProps } from './SchemaForm'
export type { FieldError, JSONSchema } from './types'
export type { FieldActions } from './context'
export {
  normalizeSchema,
  inferVariant,
  isTemplateString,
  holdsTemplate,
  UNSET_DEFAULT,
  type Field,
  type FieldKind,
  type Property,
  type Variant,
} from './schema'
export { splitErrors } from './errors'
export { missingRequired, requiredDefaults, requiredSchema } from './required'
