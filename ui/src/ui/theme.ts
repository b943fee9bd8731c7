// Light or dark: the system's setting unless the user chose one, which is kept in the browser.
// The theme shown is `data-theme` on <html>; global.css defines the colors of each.
import { useEffect, useState } from 'react'

export type ThemeChoice = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

const KEY = 'dagster-designer.theme'
const CHANGED = 'dagster-designer:theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

export function storedChoice(): ThemeChoice {
  const stored = window.localStorage.getItem(KEY)
  return stored === 'light' || stored === 'dark' ? stored : 'system'
}

/** The theme a choice shows, given whether the system prefers dark. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice !== 'system') return choice
  return systemDark ? 'dark' : 'light'
}

function systemDark(): boolean {
  return window.matchMedia?.(DARK_QUERY).matches ?? true
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'
}

/** Shows the stored choice now and follows the system's setting while it is "system". */
export function startTheming(): void {
  const show = () => {
    document.documentElement.dataset.theme = resolveTheme(storedChoice(), systemDark())
  }
  show()
  window.matchMedia?.(DARK_QUERY).addEventListener('change', show)
  window.addEventListener(CHANGED, show)
}

export function chooseTheme(choice: ThemeChoice): void {
  if (choice === 'system') window.localStorage.removeItem(KEY)
  else window.localStorage.setItem(KEY, choice)
  window.dispatchEvent(new Event(CHANGED))
}

/** The stored choice, kept in step with every other switch on the page. */
export function useThemeChoice(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState(storedChoice)
  useEffect(() => {
    const update = () => setChoice(storedChoice())
    window.addEventListener(CHANGED, update)
    return () => window.removeEventListener(CHANGED, update)
  }, [])
  return [choice, chooseTheme]
}
