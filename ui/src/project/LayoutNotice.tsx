import { useState } from 'react'
import { useFailedLayoutSave } from '../api/hooks'

/** Tells the user on the canvas when positions cannot be saved or read (a layout file the
 * server will not overwrite, for one), in the server's words. */
export function LayoutNotice({ projectId, loadError }: { projectId: string; loadError: string | null }) {
  const failedSave = useFailedLayoutSave(projectId)
  const [dismissed, setDismissed] = useState<string | null>(null)
  const problem = failedSave
    ? { text: `Canvas positions were not saved: ${failedSave.message}`, id: `save:${failedSave.at}` }
    : loadError
      ? { text: `Canvas positions could not be read: ${loadError}`, id: `load:${loadError}` }
      : null
  if (!problem || problem.id === dismissed) return null
  return (
    <div className="notice error layout-error" role="alert">
      {problem.text}{' '}
      <button className="link-button" onClick={() => setDismissed(problem.id)}>
        Dismiss
      </button>
    </div>
  )
}
