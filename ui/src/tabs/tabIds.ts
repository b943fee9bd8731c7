// The definition tabs the project screen offers beside Graph, Code and Runs.
export type DefinitionTab = 'assets' | 'schedules' | 'jobs' | 'sensors' | 'checks'

export const DEFINITION_TABS: ReadonlyArray<{ id: DefinitionTab; label: string }> = [
  { id: 'assets', label: 'Assets' },
  { id: 'schedules', label: 'Schedules' },
  { id: 'jobs', label: 'Jobs' },
  { id: 'sensors', label: 'Sensors' },
  { id: 'checks', label: 'Checks' },
]

export const isDefinitionTab = (mode: string): mode is DefinitionTab => DEFINITION_TABS.some((tab) => tab.id === mode)
