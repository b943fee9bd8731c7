// What a fill of an object attribute asks before it can be picked. Pure.
import type { FieldFill } from '../api/types'

export type FillStep =
  /** an instance of the project provides it: pick and done */
  | { kind: 'ready' }
  /** scaffold a component of an installed type first, then pick */
  | { kind: 'scaffold'; componentType: string; path: string }
  /** its package is not installed: the designer cannot pick it */
  | { kind: 'install'; package: string }

export function fillStep(fill: FieldFill): FillStep {
  const requires = fill.requires
  if (!requires) return { kind: 'ready' }
  if (requires.package) return { kind: 'install', package: requires.package }
  return { kind: 'scaffold', componentType: requires.component_type, path: requires.path }
}

/** `dagster.components.lib.sql_component.sql_client.SQLClient` -> `SQLClient`. */
export const interfaceName = (expects: string): string => expects.split('.').pop() ?? expects

/** What the field says when nothing in the project or its environment can fill it. */
export function nothingToFill(expects: string): string {
  return `Takes a ${interfaceName(expects)}: add a component that provides one first, then pick it here.`
}

/** The fill the field holds now, if its value is one of them. */
export const currentFill = (fills: FieldFill[], value: unknown): FieldFill | undefined =>
  typeof value === 'string' ? fills.find((f) => f.value.replace(/\s+/g, '') === value.replace(/\s+/g, '')) : undefined
