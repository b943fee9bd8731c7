export { CodeWorkspace, type CodeWorkspaceProps, type OpenRequest } from './CodeWorkspace'
export { ConflictView } from './ConflictView'
export { Editor } from './Editor'
export { useOpenFiles, type OpenFilesHandle } from './useOpenFiles'
