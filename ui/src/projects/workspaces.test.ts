import { describe, expect, it } from 'vitest'
import type { Project } from '../api/types'
import { groupByWorkspace, workspaceBlocker, workspaceProjects, workspaceSummary } from './workspaces'

const lake = { path: '/w/lake', name: 'lake' }
const sea = { path: '/w/sea', name: 'sea' }
const project = (id: string, workspace: Project['workspace'] = null): Project => ({
  id,
  name: id,
  path: `/p/${id}`,
  status: 'ready',
  created_here: false,
  progress: [],
  worker: null,
  workspace,
})

describe('groupByWorkspace', () => {
  it('puts single projects first, then one group per workspace in order of appearance', () => {
    const groups = groupByWorkspace([project('a', sea), project('b'), project('c', lake), project('d', sea)])
    expect(groups.map((g) => [g.workspace?.name ?? null, g.projects.map((p) => p.id)])).toEqual([
      [null, ['b']],
      ['sea', ['a', 'd']],
      ['lake', ['c']],
    ])
  })

  it('has no group for single projects when there are none', () => {
    expect(groupByWorkspace([project('a', lake)]).map((g) => g.workspace)).toEqual([lake])
    expect(groupByWorkspace([])).toEqual([])
  })
})

describe('workspaceProjects', () => {
  it('lists the projects of the same workspace only, the project itself included', () => {
    const all = [project('a', lake), project('b', sea), project('c', lake), project('d')]
    expect(workspaceProjects(all, all[2]).map((p) => p.id)).toEqual(['a', 'c'])
    expect(workspaceProjects(all, all[3])).toEqual([])
  })
})

describe('the Open dialog on a workspace', () => {
  const entry = (name: string, reason: string | null = null) => ({
    name,
    path: `/w/lake/projects/${name}`,
    is_project: reason === null,
    reason,
  })
  it('counts its projects', () => {
    expect(workspaceSummary({ ...lake, projects: [entry('a'), entry('b'), entry('c')] })).toBe(
      'dg workspace: 3 projects',
    )
    expect(workspaceSummary({ ...lake, projects: [entry('a')] })).toBe('dg workspace: 1 project')
  })
  it('says which project stops it from opening', () => {
    expect(workspaceBlocker({ ...lake, projects: [entry('a'), entry('b')] })).toBeNull()
    expect(workspaceBlocker({ ...lake, projects: [entry('a'), entry('b', 'refused')] })).toBe('b: refused')
    expect(workspaceBlocker({ ...lake, projects: [] })).toBe('The workspace has no projects yet.')
  })
})
