import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Dialog } from './Dialog'

// happy-dom's <dialog> has showModal; what it focuses is what the component chose
describe('Dialog', () => {
  it('focuses its first field, not the close button', () => {
    render(
      <Dialog title="New project" onClose={() => {}} footer={<button>Create</button>}>
        <p>Where it goes</p>
        <input aria-label="Name" />
      </Dialog>,
    )
    expect(document.activeElement).toBe(screen.getByLabelText('Name'))
  })

  it('focuses its first control when it has no field', () => {
    render(
      <Dialog title="Delete?" onClose={() => {}} footer={<button>Delete</button>}>
        <p>These files will be deleted.</p>
      </Dialog>,
    )
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete' }))
  })
})
