export { CodeWorkspace, type CodeWorkspaceProps, type OpenRequest } from './CodeWorkspace'
