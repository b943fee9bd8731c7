export type { JSONSchema } from '../schema'

export interface FieldError {
  /** Dotted path such as "execution.path" or "assets.0.key"; null when not tied to a field. */
  field: string | null
  message: string
  /** a warning is shown on its field but does not make the value invalid */
  severity?: 'error' | 'warning'
}
