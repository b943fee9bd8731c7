import { useCallback } from 'react'
import { useFieldFills } from '../api/hooks'
import type { FieldActions } from '../form'
import { FillPicker } from './FillPicker'

/** The fill pickers of a component type's object attributes, for its forms. */
export function useFillActions(projectId: string, typeKey: string | null): FieldActions | undefined {
  const fills = useFieldFills(projectId, typeKey)
  const fields = fills.data?.fields
  const actions = useCallback<FieldActions>(
    ({ path, label, value, onChange }) => {
      const field = fields?.[path]
      if (!field) return null
      return (
        <FillPicker
          projectId={projectId}
          label={label}
          expects={field.expects}
          fills={field.fills}
          value={value}
          onChange={onChange}
        />
      )
    },
    [projectId, fields],
  )
  return fields && Object.keys(fields).length > 0 ? actions : undefined
}
