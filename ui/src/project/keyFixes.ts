// The fixes of a dependency or check on a key nothing produces, as undoable canvas edits. Both
// are file edits through the API: the server makes the fix (and undoes one Dagster refuses);
// undoing it renames the producer back, or writes the references' files back as they were,
// over the version the fix wrote only (a file changed since is refused, never overwritten).
import { alignKey } from '../api/hooks'
import type { KeyFix, WarningItem } from '../api/types'
import { readFile, writeFile } from '../code'
import type { HistoryEntry } from './useHistory'

export function keyFixLabel(fix: KeyFix): string {
  return fix.fix === 'producer'
    ? `rename ${fix.candidate} to ${fix.missing}`
    : `change the references to ${fix.missing} into ${fix.candidate}`
}

function producerFix(projectId: string, fix: KeyFix): HistoryEntry {
  return {
    label: keyFixLabel(fix),
    redo: () => alignKey(projectId, { missing: fix.missing, candidate: fix.candidate, fix: 'producer' }),
    undo: () => alignKey(projectId, { missing: fix.candidate, candidate: fix.missing, fix: 'producer' }),
  }
}

/** `warnings`: every warning of the project now; the fix edits the files of those on its key. */
function referenceFix(projectId: string, fix: KeyFix, warnings: WarningItem[]): HistoryEntry {
  const files = [...new Set(warnings.filter((w) => w.missing === fix.missing && w.file).map((w) => w.file!))]
  const before = new Map<string, string>()
  const after = new Map<string, string>()
  const written = new Map<string, string>() // path -> the ETag of the version the designer wrote last
  const restore = async (texts: Map<string, string>) => {
    for (const [path, text] of texts) written.set(path, await writeFile(projectId, path, text, written.get(path)!))
  }
  return {
    label: keyFixLabel(fix),
    redo: async () => {
      if (after.size) return restore(after)
      for (const path of files) before.set(path, (await readFile(projectId, path)).text)
      const result = await alignKey(projectId, { missing: fix.missing, candidate: fix.candidate, fix: 'reference' })
      for (const path of result.files) {
        const now = await readFile(projectId, path)
        after.set(path, now.text)
        written.set(path, now.etag)
      }
    },
    undo: async () => {
      const unknown = [...after.keys()].filter((path) => !before.has(path))
      if (unknown.length) throw new Error(`the fix also changed ${unknown.join(', ')}, which the designer cannot put back: undo it there.`)
      await restore(new Map([...after.keys()].map((path) => [path, before.get(path)!])))
    },
  }
}

export function keyFixEntry(projectId: string, fix: KeyFix, warnings: WarningItem[]): HistoryEntry {
  return fix.fix === 'producer' ? producerFix(projectId, fix) : referenceFix(projectId, fix, warnings)
}
