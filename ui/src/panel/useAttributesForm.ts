// The form store of one component instance, saving through the API and refreshing what an edit
// changes (the instance list, what Dagster loads).
import { useState, useSyncExternalStore } from 'react'
import { saveAttributes, useRefreshProject } from '../api/hooks'
import { AttributesForm, type FormState } from './attributesForm'

export function useAttributesForm(projectId: string, path: string, index: number): { store: AttributesForm; state: FormState } {
  const refresh = useRefreshProject(projectId)
  // the panel is keyed by its node: project, path and index never change for one store
  const [store] = useState(
    () =>
      new AttributesForm({
        save: (attributes, etag) => saveAttributes(projectId, path, index, attributes, etag),
        saved: refresh,
      }),
  )
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot)
  return { store, state }
}
