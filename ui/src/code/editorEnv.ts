// What the open files' editors ask the code view: diagnostics and completions for a path, read
// from the code view's current props at the moment they are needed.
import type { Diagnostic } from '@codemirror/lint'
import type { Text } from '@codemirror/state'
import type { ComponentType, Definitions } from '../api/types'
import type { JSONSchema } from '../form'
import { checkDefs, completePython, lintPython, preparePython } from '../api/code'
import { componentYamlCompletions, pythonCompletions } from './completion'
import { definitionDiagnostics, defsCheckDiagnostics, ruffDiagnostics } from './diagnostics'
import type { EditorEnv } from './extensions'
import { isComponentYaml, isPython } from './paths'
import type { ComponentTypeInfo } from './yamlSchemaCompletion'

export interface WorkspaceContext {
  projectId: string
  defsFolder: string
  definitions: Definitions | undefined
  componentTypes: ComponentType[] | undefined
}

const typeInfos = (types: ComponentType[] | undefined): ComponentTypeInfo[] =>
  (types ?? [])
    .filter((type) => type.kind === 'component')
    .map((type) => ({ key: type.key, summary: type.summary, schema: type.schema as JSONSchema | null }))

async function serverDiagnostics(context: WorkspaceContext, path: string, doc: Text): Promise<Diagnostic[]> {
  const { projectId, defsFolder } = context
  try {
    if (isPython(path)) return ruffDiagnostics(doc, await lintPython(projectId, path, doc.toString()))
    if (isComponentYaml(path, defsFolder)) return defsCheckDiagnostics(doc, await checkDefs(projectId, path, doc.toString()))
  } catch {
    // linting is advisory: when it fails, its markers are left out and the editor keeps working
  }
  return []
}

export function createEditorEnv(context: () => WorkspaceContext, changed: (path: string, doc: Text) => void): EditorEnv {
  return {
    changed,
    async diagnostics(path, doc) {
      const fromLoad = definitionDiagnostics(doc, path, context().definitions?.errors ?? [])
      return [...fromLoad, ...(await serverDiagnostics(context(), path, doc))]
    },
    completion(path) {
      if (isPython(path)) {
        preparePython(context().projectId).catch(() => {}) // a convenience: completion starts it too
        return pythonCompletions((source, line, column, signal) =>
          completePython(context().projectId, { path, source, line, column }, signal),
        )
      }
      if (isComponentYaml(path, context().defsFolder)) return componentYamlCompletions(() => typeInfos(context().componentTypes))
      return null
    },
  }
}
