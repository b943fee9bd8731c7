// The open files (editor tabs, and the file the property panel's YAML tab edits) and their life
// with the disk: loading, saving with If-Match, conflicts, and changes made elsewhere (the
// graph's forms, a terminal, git). A plain store so its async flows always read the current
// state; React reads it with useSyncExternalStore.
import type { Text } from '@codemirror/state'
import { errorMessage, isStatus } from '../api/client'
import type { BufferStore } from './buffers'
import { isPython, isWithin, movedPath } from './paths'
import type { FileText } from './types'

export interface Conflict {
  /** `save`: a save was refused because the file changed since it was opened; `disk`: the file
   * changed on disk under unsaved edits (or was deleted). */
  reason: 'save' | 'disk'
  /** the disk's text, null when the file no longer exists */
  disk: string | null
  etag: string | null
}

export interface Notice {
  tone: 'warn' | 'error'
  text: string
}

export interface OpenFile {
  path: string
  /** shown as a tab of the code editor; a file only the property panel holds is not, until it
   * has unsaved edits */
  tab: boolean
  /** `refused`: too large or not text, as the server said */
  status: 'loading' | 'ready' | 'refused' | 'failed'
  message: string | null
  /** the disk version the buffer is based on, and its text */
  etag: string | null
  saved: string
  dirty: boolean
  saving: boolean
  conflict: Conflict | null
  notice: Notice | null
}

export interface Reveal {
  path: string
  line: number
  /** a new value for every request, so the same line can be revealed again */
  seq: number
}

export interface OpenFilesSnapshot {
  files: readonly OpenFile[]
  active: string | null
  reveal: Reveal | null
}

export interface FileIO {
  read(path: string): Promise<FileText>
  /** overwrites version `etag`; 412 when the file changed since */
  write(path: string, text: string, etag: string): Promise<string>
  /** writes a file that must not exist */
  create(path: string, text: string): Promise<string>
  format(path: string, source: string): Promise<string>
  /** called after every successful write */
  written(path: string): void
}

const NOTICE_MS = 6000

export class OpenFiles {
  private snapshot: OpenFilesSnapshot = { files: [], active: null, reveal: null }
  private readonly listeners = new Set<() => void>()
  private readonly io: FileIO
  private readonly buffers: BufferStore
  /** disk versions the user chose to ignore ("cancel" on the changed-on-disk bar), by path */
  private readonly ignored = new Map<string, string | null>()
  /** how many views outside the tabs (the property panel) hold each file open */
  private readonly holders = new Map<string, number>()
  private seq = 0

  constructor(io: FileIO, buffers: BufferStore) {
    this.io = io
    this.buffers = buffers
  }

  // -- store plumbing (arrow functions: React calls them unbound) ------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): OpenFilesSnapshot => this.snapshot

  private set(next: Partial<OpenFilesSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...next }
    this.listeners.forEach((listener) => listener())
  }

  get(path: string): OpenFile | undefined {
    return this.snapshot.files.find((file) => file.path === path)
  }

  private patch(path: string, patch: Partial<OpenFile>): void {
    if (!this.get(path)) return
    this.set({ files: this.snapshot.files.map((file) => (file.path === path ? { ...file, ...patch } : file)) })
  }

  private notify(path: string, notice: Notice): void {
    this.patch(path, { notice })
    window.setTimeout(() => {
      if (this.get(path)?.notice === notice) this.patch(path, { notice: null })
    }, NOTICE_MS)
  }

  /** The buffer's text, or the disk's when no editor was created for the file yet. */
  private text(file: OpenFile): string {
    return this.buffers.text(file.path) ?? file.saved
  }

  // -- tabs ---------------------------------------------------------------------------------------

  /** Opens (or shows) a file as a tab, optionally at a 1-based line. */
  async open(path: string, line?: number): Promise<void> {
    const reveal = line ? { path, line, seq: ++this.seq } : this.snapshot.reveal
    if (this.get(path)) {
      this.set({ active: path, reveal })
      this.patch(path, { tab: true })
      return
    }
    await this.load(path, true, { active: path, reveal })
  }

  /** Opens a file for a view outside the tabs (the property panel's YAML tab), sharing its
   * buffer with the code editor; `release` gives it back. */
  async hold(path: string): Promise<void> {
    this.holders.set(path, (this.holders.get(path) ?? 0) + 1)
    if (!this.get(path)) await this.load(path, false, {})
  }

  /** A file nothing holds any more and that is no tab is forgotten; unsaved edits stay, as a tab. */
  release(path: string): void {
    const count = (this.holders.get(path) ?? 0) - 1
    if (count > 0) {
      this.holders.set(path, count)
      return
    }
    this.holders.delete(path)
    const file = this.get(path)
    if (file && !file.tab) this.forget(path)
  }

  private async load(path: string, tab: boolean, next: Partial<OpenFilesSnapshot>): Promise<void> {
    const file: OpenFile = {
      path,
      tab,
      status: 'loading',
      message: null,
      etag: null,
      saved: '',
      dirty: false,
      saving: false,
      conflict: null,
      notice: null,
    }
    this.set({ ...next, files: [...this.snapshot.files, file] })
    try {
      const { text, etag } = await this.io.read(path)
      this.patch(path, { status: 'ready', saved: text, etag })
    } catch (error) {
      const refused = isStatus(error, 413, 415)
      this.patch(path, { status: refused ? 'refused' : 'failed', message: errorMessage(error) })
    }
  }

  activate(path: string): void {
    if (this.get(path)) this.set({ active: path })
  }

  /** Closes a tab without asking: the caller confirms first when it is dirty. A file the panel
   * still holds stays open there, as the disk has it. */
  close(path: string): void {
    const file = this.get(path)
    if (!file) return
    if (!this.holders.has(path)) {
      this.forget(path)
      return
    }
    this.buffers.replace(path, file.saved)
    this.patch(path, { tab: false, dirty: false, conflict: null })
    this.set({ active: this.nextActive(path) })
  }

  private forget(path: string): void {
    const active = this.nextActive(path)
    this.buffers.drop(path)
    this.ignored.delete(path)
    this.set({ files: this.snapshot.files.filter((file) => file.path !== path), active })
  }

  /** The tab to show when `path` stops being one: its neighbour. */
  private nextActive(path: string): string | null {
    if (this.snapshot.active !== path) return this.snapshot.active
    const tabs = this.snapshot.files.filter((file) => file.tab)
    const index = tabs.findIndex((file) => file.path === path)
    const rest = tabs.filter((file) => file.path !== path)
    return rest[Math.min(index, rest.length - 1)]?.path ?? null
  }

  /** A file or folder was moved in the tree: its open files follow it. */
  moved(from: string, to: string): void {
    this.buffers.rename(from, to)
    const move = (path: string) => movedPath(path, from, to) ?? path
    for (const [path, etag] of [...this.ignored]) {
      this.ignored.delete(path)
      this.ignored.set(move(path), etag)
    }
    const reveal = this.snapshot.reveal
    this.set({
      files: this.snapshot.files.map((file) => ({ ...file, path: move(file.path) })),
      active: this.snapshot.active === null ? null : move(this.snapshot.active),
      reveal: reveal && { ...reveal, path: move(reveal.path) },
    })
  }

  /** A file or folder was deleted from the tree: its open files close. */
  removed(path: string): void {
    for (const file of this.snapshot.files) {
      if (isWithin(file.path, path)) this.close(file.path)
    }
  }

  /** The editor's buffer changed: only the dirty flag is state, the text stays in the editor.
   * Unsaved edits of a file are always in a tab, wherever they were typed. */
  changed(path: string, doc: Text): void {
    const file = this.get(path)
    if (!file) return
    const dirty = doc.length !== file.saved.length || doc.toString() !== file.saved
    if (dirty !== file.dirty) this.patch(path, dirty ? { dirty, tab: true } : { dirty })
  }

  // -- saving ---------------------------------------------------------------------------------------

  private markSaved(path: string, text: string, etag: string): void {
    const file = this.get(path)
    if (!file) return
    // the user may have typed while the request was on its way
    this.patch(path, { saved: text, etag, conflict: null, dirty: this.text(file) !== text })
    this.ignored.delete(path)
    this.io.written(path)
  }

  /** Saves the buffer over the version it was opened from (Python formatted first). Resolves to
   * whether it was written; a file changed on disk is never overwritten: a conflict is shown. */
  async save(path: string): Promise<boolean> {
    const file = this.get(path)
    if (!file || file.status !== 'ready' || file.saving || file.etag === null) return false
    this.patch(path, { saving: true })
    let text = this.text(file)
    try {
      if (isPython(path)) text = await this.formatted(file, text)
      const etag = await this.io.write(path, text, file.etag)
      this.markSaved(path, text, etag)
      return true
    } catch (error) {
      if (isStatus(error, 412)) await this.showConflict(path, 'save')
      else this.notify(path, { tone: 'error', text: `Not saved: ${errorMessage(error)}` })
      return false
    } finally {
      this.patch(path, { saving: false })
    }
  }

  /** ruff's formatting of `text`, put in the buffer; the text as it is when ruff refuses it. */
  private async formatted(file: OpenFile, text: string): Promise<string> {
    try {
      const formatted = await this.io.format(file.path, text)
      if (formatted === text || this.text(file) !== text) return text // typed meanwhile: keep it
      this.buffers.replace(file.path, formatted)
      return formatted
    } catch (error) {
      this.notify(file.path, { tone: 'warn', text: `Saved without formatting: ${errorMessage(error)}` })
      return text
    }
  }

  private async showConflict(path: string, reason: Conflict['reason']): Promise<void> {
    try {
      const disk = await this.io.read(path)
      this.patch(path, { conflict: { reason, disk: disk.text, etag: disk.etag } })
    } catch (error) {
      if (isStatus(error, 404)) this.patch(path, { conflict: { reason, disk: null, etag: null } })
      else this.notify(path, { tone: 'error', text: errorMessage(error) })
    }
  }

  /** Drops the buffer's unsaved edits: it becomes the disk's version (the newest one it knows). */
  revert(path: string): void {
    const file = this.get(path)
    if (!file || file.saving) return
    if (file.conflict) {
      this.takeDisk(path)
      return
    }
    this.buffers.replace(path, file.saved)
    this.patch(path, { dirty: false })
  }

  /** Resolves a conflict with the buffer: written over the disk version the user has seen. */
  async keepMine(path: string): Promise<boolean> {
    const file = this.get(path)
    const conflict = file?.conflict
    if (!file || !conflict || file.saving) return false
    const text = this.text(file)
    this.patch(path, { saving: true })
    try {
      const etag = conflict.etag === null ? await this.io.create(path, text) : await this.io.write(path, text, conflict.etag)
      this.markSaved(path, text, etag)
      return true
    } catch (error) {
      // changed (or recreated) once more since the user looked: show the new version
      if (isStatus(error, 412)) await this.showConflict(path, conflict.reason)
      else this.notify(path, { tone: 'error', text: `Not saved: ${errorMessage(error)}` })
      return false
    } finally {
      this.patch(path, { saving: false })
    }
  }

  /** Resolves a conflict with the disk: the buffer becomes the disk's version (a deleted file closes). */
  takeDisk(path: string): void {
    const conflict = this.get(path)?.conflict
    if (!conflict) return
    if (conflict.disk === null || conflict.etag === null) {
      this.forget(path)
      return
    }
    this.patch(path, { saved: conflict.disk, etag: conflict.etag, conflict: null, dirty: false })
    this.ignored.delete(path)
    this.buffers.replace(path, conflict.disk)
  }

  /** Leaves the buffer as it is; a disk version the user dismissed is not offered again. */
  dismissConflict(path: string): void {
    const conflict = this.get(path)?.conflict
    if (!conflict) return
    if (conflict.reason === 'disk') this.ignored.set(path, conflict.etag)
    this.patch(path, { conflict: null })
  }

  // -- changes made elsewhere ---------------------------------------------------------------------

  /** Compares every open file with the disk: clean buffers follow the disk, dirty ones (and
   * deleted files) get the changed-on-disk choices. */
  async syncWithDisk(): Promise<void> {
    await Promise.all(this.snapshot.files.map((file) => this.syncFile(file)))
  }

  private async syncFile(file: OpenFile): Promise<void> {
    if (file.status !== 'ready' || file.saving) return
    let disk: FileText | null
    try {
      disk = await this.io.read(file.path)
    } catch (error) {
      if (!isStatus(error, 404)) return // unreadable for now: next time
      disk = null
    }
    const now = this.get(file.path)
    // a save, a reload or a resolution happened meanwhile: this answer is stale
    if (!now || now.saving || now.etag !== file.etag) return
    if (disk && disk.etag === now.etag) {
      if (now.conflict?.reason === 'disk') this.patch(now.path, { conflict: null })
      return
    }
    const buffer = this.text(now)
    if (disk && (disk.text === buffer || !now.dirty)) {
      this.patch(now.path, { saved: disk.text, etag: disk.etag, dirty: false, conflict: null })
      this.buffers.replace(now.path, disk.text)
      return
    }
    const etag = disk?.etag ?? null
    const ignored = this.ignored.has(now.path) && this.ignored.get(now.path) === etag
    if (ignored || (now.conflict && now.conflict.etag === etag)) return
    this.patch(now.path, { conflict: { reason: 'disk', disk: disk?.text ?? null, etag } })
  }
}
