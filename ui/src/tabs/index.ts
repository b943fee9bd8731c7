// The definition tabs of the project screen: Assets, Schedules, Jobs, Sensors, Checks.
export { DEFINITION_TABS, DefinitionsView, type DefinitionTab } from './DefinitionsView'
