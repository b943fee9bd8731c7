import { useServerEvents } from '../api/events'
import { ProjectPage } from '../project/ProjectPage'
import { ProjectsPage } from '../projects/ProjectsPage'
import { projectIdFromPath, usePath } from './router'

export function App() {
  const path = usePath()
  const { notice } = useServerEvents()
  const projectId = projectIdFromPath(path)
  return projectId ? <ProjectPage key={projectId} id={projectId} notice={notice} /> : <ProjectsPage />
}
