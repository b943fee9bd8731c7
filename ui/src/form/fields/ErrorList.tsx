import { relativeLabel } from '../errors'
import type { FieldError } from '../types'

export function ErrorList({ errors, path, className }: { errors: readonly FieldError[]; path: string; className?: string }) {
  if (errors.length === 0) return null
  return (
    <ul className={className ? `sf-errors ${className}` : 'sf-errors'}>
      {errors.map((error, i) => {
        const where = relativeLabel(error, path)
        return (
          <li key={i} className={error.severity === 'warning' ? 'sf-warning' : undefined}>
            {where && <code className="sf-error-path">{where}</code>}
            {error.message}
          </li>
        )
      })}
    </ul>
  )
}
