// The form's unsaved attributes and their life with the disk: a save goes over the version of
// defs.yaml the edits started from (If-Match), and a newer file is never overwritten silently.
// A plain store (its I/O passed in), read by React with useSyncExternalStore, like the open files.
import { errorMessage, isStatus } from '../api/client'
import type { AttributesChanged, Validation } from '../api/types'
import { asObject, jsonEqual } from '../form/value'

export type Attributes = Record<string, unknown>

/** A version of the component as the server read it: attributes null when the file has none. */
export interface Version {
  attributes: Attributes | null
  etag: string
}

export interface FormConflict {
  /** `save`: a save was refused because the file changed since the edits started; `disk`: the
   * file's attributes changed under unsaved edits. */
  reason: 'save' | 'disk'
  /** the attributes on disk; null when the file does not read as a component now */
  disk: Attributes | null
  etag: string
}

export interface FormState {
  /** the last version read from the server */
  base: Version | null
  /** the user's unsaved attributes, null when there are none */
  draft: Attributes | null
  /** the version the draft was started from: it is saved over that one only */
  start: Version | null
  conflict: FormConflict | null
  saving: boolean
  /** Dagster's verdict on the last save, for the version of the file it wrote */
  result: { validation: Validation; etag: string } | null
  error: string | null
}

export interface FormIO {
  /** writes over version `etag`: Dagster's verdict and the new ETag; a 412 ApiError (with
   * `current.attributes` and `current_etag` in its body) when the file changed since */
  save(attributes: Attributes, etag: string): Promise<{ validation: Validation; etag: string }>
  /** called after every successful save */
  saved(): void
}

export const isDirty = (state: FormState): boolean =>
  state.draft !== null && !jsonEqual(state.draft, asObject(state.base?.attributes))

/** What the form shows: the unsaved attributes, or the file's. */
export const shownAttributes = (state: FormState): Attributes => state.draft ?? asObject(state.base?.attributes)

function refusal(error: unknown): FormConflict | null {
  if (!isStatus(error, 412)) return null
  const body = (error.body ?? {}) as Partial<AttributesChanged>
  return { reason: 'save', disk: body.current?.attributes ?? null, etag: body.current_etag ?? '' }
}

export class AttributesForm {
  private state: FormState = { base: null, draft: null, start: null, conflict: null, saving: false, result: null, error: null }
  private readonly listeners = new Set<() => void>()
  private readonly io: FormIO

  constructor(io: FormIO) {
    this.io = io
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): FormState => this.state

  private set(next: Partial<FormState>): void {
    this.state = { ...this.state, ...next }
    this.listeners.forEach((listener) => listener())
  }

  /** A version read from the server. Under unsaved edits, a change of the file that leaves the
   * attributes as the edits started (a comment, the YAML's layout) moves the edits onto it; a
   * change of the attributes asks the user. */
  loaded(version: Version): void {
    const { base, draft, start, saving, conflict } = this.state
    if (base?.etag === version.etag) return
    // the conflict shown is about this version already (a refused save told of it first)
    if (draft === null || start === null || saving || conflict?.etag === version.etag) {
      this.set({ base: version })
      return
    }
    const disk = asObject(version.attributes)
    if (jsonEqual(disk, asObject(start.attributes)) || jsonEqual(disk, draft)) {
      this.set({ base: version, start: version })
      return
    }
    this.set({ base: version, conflict: { reason: 'disk', disk: version.attributes, etag: version.etag } })
  }

  edit(next: Attributes): void {
    this.set({ draft: next, start: this.state.start ?? this.state.base, error: null })
  }

  revert(): void {
    this.set({ draft: null, start: null, conflict: null, error: null })
  }

  /** Saves the edits over the version they started from; a newer file is shown as a conflict. */
  async save(): Promise<boolean> {
    const { start, saving } = this.state
    if (!isDirty(this.state) || saving || start === null) return false
    return this.write(start.etag)
  }

  /** Resolves a conflict with the edits: written over the disk version the user has seen (the
   * file keeps its comments and layout, only the attributes change). */
  async keepMine(): Promise<boolean> {
    const { conflict, saving } = this.state
    if (!conflict || saving || this.state.draft === null) return false
    return this.write(conflict.etag)
  }

  /** Resolves a conflict with the disk: the edits are dropped. */
  takeDisk(): void {
    const { conflict } = this.state
    if (!conflict) return
    const base = conflict.etag ? { attributes: conflict.disk, etag: conflict.etag } : this.state.base
    this.set({ base, draft: null, start: null, conflict: null })
  }

  /** Keeps editing; a save then still goes over the version the edits started from only. */
  dismissConflict(): void {
    this.set({ conflict: null })
  }

  private async write(etag: string): Promise<boolean> {
    const attributes = this.state.draft
    if (attributes === null) return false
    this.set({ saving: true, error: null })
    try {
      const written = await this.io.save(attributes, etag)
      // edits typed while the request was on its way stay unsaved
      const draft = this.state.draft === attributes ? null : this.state.draft
      const version = { attributes, etag: written.etag }
      this.set({ base: version, draft, start: draft === null ? null : version, conflict: null, result: written })
      this.io.saved()
      return true
    } catch (error) {
      const conflict = refusal(error)
      if (!conflict) {
        this.set({ error: `Not saved: ${errorMessage(error)}` })
        return false
      }
      const start = this.state.start
      // only the file's layout or comments changed: the edits go over the new version
      if (start && conflict.etag && jsonEqual(asObject(conflict.disk), asObject(start.attributes)) && etag === start.etag) {
        this.set({ start: { attributes: conflict.disk, etag: conflict.etag }, saving: false })
        return await this.write(conflict.etag)
      }
      this.set({ conflict })
      return false
    } finally {
      this.set({ saving: false })
    }
  }
}
