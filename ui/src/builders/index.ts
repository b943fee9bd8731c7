// The builder forms: one per kind of Dagster definition that is not a YAML component.
export { BuilderForm, type OpenedForm } from './BuilderForm'
export { codeLine } from './values'
