// A small menu at the pointer (the file tree's right click); closes on Escape, outside or a choice.
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { classes } from '../ui/names'

export interface MenuItem {
  label: string
  onSelect: () => void
  danger?: boolean
}

interface ContextMenuProps {
  x: number
  y: number
  label: string
  items: readonly MenuItem[]
  onClose: () => void
}

export function ContextMenu({ x, y, label, items, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null)
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus()
    const outside = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose()
    }
    const key = (event: KeyboardEvent) => event.key === 'Escape' && onClose()
    window.addEventListener('pointerdown', outside, true)
    window.addEventListener('keydown', key)
    window.addEventListener('blur', onClose)
    return () => {
      window.removeEventListener('pointerdown', outside, true)
      window.removeEventListener('keydown', key)
      window.removeEventListener('blur', onClose)
    }
  }, [onClose])
  const move = (event: ReactKeyboardEvent, step: number) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    buttons[(index + step + buttons.length) % buttons.length]?.focus()
    event.preventDefault()
  }
  return (
    <div
      ref={menu}
      className="ws-menu"
      role="menu"
      aria-label={label}
      style={{ left: x, top: y }}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown') move(event, 1)
        if (event.key === 'ArrowUp') move(event, -1)
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          role="menuitem"
          className={classes('ws-menu-item', item.danger && 'danger')}
          onClick={() => {
            onClose()
            item.onSelect()
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  )
}
