import { useThemeChoice, type ThemeChoice } from './theme'

const CHOICES: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

/** Light, dark or the system's setting. */
export function ThemeSwitch() {
  const [choice, choose] = useThemeChoice()
  return (
    <select
      className="text theme-switch"
      aria-label="Theme"
      value={choice}
      onChange={(event) => choose(event.target.value as ThemeChoice)}
    >
      {CHOICES.map(({ id, label }) => (
        <option key={id} value={id}>
          {label}
        </option>
      ))}
    </select>
  )
}
