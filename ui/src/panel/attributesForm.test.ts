import { describe, expect, test, vi } from 'vitest'
import { ApiError } from '../api/client'
import type { Validation } from '../api/types'
import { AttributesForm, isDirty, shownAttributes, type Attributes } from './attributesForm'

const OK: Validation = { ok: true, errors: [], warnings: [], file: null }

/** A component file as the server keeps it: attributes, an ETag, and conditional saves. */
class FakeFile {
  attributes: Attributes = { execution: { path: 'run.py' }, tags: { schedule: 'daily' } }
  etag = '"v1"'
  private version = 1
  saves: Array<{ attributes: Attributes; etag: string }> = []

  change(attributes: Attributes) {
    this.attributes = attributes
    this.etag = `"v${++this.version}"`
  }

  save = vi.fn(async (attributes: Attributes, etag: string) => {
    this.saves.push({ attributes, etag })
    if (etag !== this.etag) {
      throw new ApiError(412, 'The component file changed on disk', {
        detail: 'The component file changed on disk',
        current: { attributes: this.attributes },
        current_etag: this.etag,
      })
    }
    this.change(attributes)
    return { validation: OK, etag: this.etag }
  })
}

function setup() {
  const file = new FakeFile()
  const saved = vi.fn()
  const form = new AttributesForm({ save: file.save, saved })
  form.loaded({ attributes: file.attributes, etag: file.etag })
  return { file, form, saved, state: () => form.getSnapshot() }
}

describe('AttributesForm', () => {
  test('saves the edits over the version they started from, and then is clean', async () => {
    const { file, form, saved, state } = setup()
    form.edit({ ...file.attributes, tags: { schedule: 'hourly' } })
    expect(isDirty(state())).toBe(true)
    expect(await form.save()).toBe(true)
    expect(file.saves).toEqual([{ attributes: { execution: { path: 'run.py' }, tags: { schedule: 'hourly' } }, etag: '"v1"' }])
    expect(isDirty(state())).toBe(false)
    expect(state().result).toEqual({ validation: OK, etag: '"v2"' })
    expect(saved).toHaveBeenCalledOnce()
  })

  test('edits equal to the file are not unsaved edits', () => {
    const { file, form, state } = setup()
    form.edit({ ...file.attributes })
    expect(isDirty(state())).toBe(false)
  })

  test('a file changed since the edits started is never overwritten: the save shows both versions', async () => {
    const { file, form, state } = setup()
    const mine = { ...file.attributes, execution: { path: 'orders.py' } }
    form.edit(mine)
    file.change({ ...file.attributes, tags: { schedule: 'weekly' } })
    expect(await form.save()).toBe(false)
    expect(file.attributes.tags).toEqual({ schedule: 'weekly' })
    expect(state().conflict).toEqual({ reason: 'save', disk: file.attributes, etag: '"v2"' })
    expect(shownAttributes(state())).toEqual(mine) // the edits are kept

    // keeping mine writes over the version just shown, and only that one
    expect(await form.keepMine()).toBe(true)
    expect(file.saves.at(-1)).toEqual({ attributes: mine, etag: '"v2"' })
    expect(state().conflict).toBeNull()
    expect(isDirty(state())).toBe(false)
  })

  test('a refused save stays shown when the news of the same version arrives after it', async () => {
    const { file, form, state } = setup()
    form.edit({ ...file.attributes, execution: { path: 'orders.py' } })
    file.change({ ...file.attributes, tags: { schedule: 'weekly' } })
    expect(await form.save()).toBe(false)
    form.loaded({ attributes: file.attributes, etag: file.etag }) // the file's change, pushed late
    expect(state().conflict).toEqual({ reason: 'save', disk: file.attributes, etag: '"v2"' })
  })

  test('taking the disk version drops the edits', async () => {
    const { file, form, state } = setup()
    form.edit({ ...file.attributes, execution: { path: 'orders.py' } })
    file.change({ ...file.attributes, tags: { schedule: 'weekly' } })
    await form.save()
    form.takeDisk()
    expect(state().draft).toBeNull()
    expect(shownAttributes(state())).toEqual(file.attributes)
    expect(file.save).toHaveBeenCalledOnce()
  })

  test('a change of the attributes on disk under unsaved edits asks; dismissing it keeps the old base for saves', async () => {
    const { file, form, state } = setup()
    form.edit({ ...file.attributes, execution: { path: 'orders.py' } })
    file.change({ ...file.attributes, tags: { schedule: 'weekly' } })
    form.loaded({ attributes: file.attributes, etag: file.etag })
    expect(state().conflict).toEqual({ reason: 'disk', disk: file.attributes, etag: '"v2"' })
    form.dismissConflict()
    form.loaded({ attributes: file.attributes, etag: file.etag }) // the same version again: no new question
    expect(state().conflict).toBeNull()
    expect(await form.save()).toBe(false)
    expect(state().conflict?.reason).toBe('save')
  })

  test('a change of the file that leaves the attributes as they were (a comment) carries the edits over', async () => {
    const { file, form, state } = setup()
    const mine = { ...file.attributes, execution: { path: 'orders.py' } }
    form.edit(mine)
    file.change({ ...file.attributes }) // new bytes, same attributes
    form.loaded({ attributes: file.attributes, etag: file.etag })
    expect(state().conflict).toBeNull()
    expect(await form.save()).toBe(true)
    expect(file.saves).toEqual([{ attributes: mine, etag: '"v2"' }])
  })

  test('a save refused only because the layout changed is made again over the new version', async () => {
    const { file, form } = setup()
    const mine = { ...file.attributes, execution: { path: 'orders.py' } }
    form.edit(mine)
    file.change({ ...file.attributes }) // not seen by the form yet
    expect(await form.save()).toBe(true)
    expect(file.saves.map((s) => s.etag)).toEqual(['"v1"', '"v2"'])
    expect(file.attributes).toEqual(mine)
  })

  test('other errors keep the edits and say why', async () => {
    const { file, form, state } = setup()
    file.save.mockRejectedValueOnce(new ApiError(422, 'The file is not valid YAML: ...', null))
    form.edit({ ...file.attributes, execution: { path: 'orders.py' } })
    expect(await form.save()).toBe(false)
    expect(state().error).toBe('Not saved: The file is not valid YAML: ...')
    expect(isDirty(state())).toBe(true)
    expect(state().saving).toBe(false)
  })
})
