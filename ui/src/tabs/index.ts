// The definition tabs of the project screen: Assets, Schedules, Jobs, Sensors, Checks.
export { DefinitionsView } from './DefinitionsView'
export { DEFINITION_TABS, isDefinitionTab, type DefinitionTab } from './tabIds'
