import { describe, expect, test } from 'vitest'
import { ApiError } from '../api/client'
import { aChange, aGitState } from '../api/git.testing'
import { changeCount, groupChanges, operationMessage, secretFindings, syncMessage, syncRefusal, syncSummary } from './sourceControl'

describe('grouping changes', () => {
  test('a file is staged, unstaged or both, each list sorted by path', () => {
    const state = aGitState([
      aChange('src/b.py', 'modified', 'modified'),
      aChange('README.md', null, 'modified'),
      aChange('new.txt', null, 'untracked'),
      aChange('src/a.py', 'added'),
    ])
    expect(groupChanges(state)).toEqual({
      conflicts: [],
      staged: [
        { path: 'src/a.py', status: 'added' },
        { path: 'src/b.py', status: 'modified' },
      ],
      unstaged: [
        { path: 'README.md', status: 'modified' },
        { path: 'new.txt', status: 'untracked' },
        { path: 'src/b.py', status: 'modified' },
      ],
    })
  })

  test('a conflicted file is listed only among the conflicts', () => {
    const state = aGitState([aChange('a.py', 'conflicted', 'conflicted'), aChange('b.py', 'modified')], {
      operation: 'merge',
      conflicts: ['a.py'],
    })
    const groups = groupChanges(state)
    expect(groups.conflicts).toEqual([{ path: 'a.py', status: 'conflicted' }])
    expect(groups.staged).toEqual([{ path: 'b.py', status: 'modified' }])
    expect(groups.unstaged).toEqual([])
  })

  test('the badge counts files, not sides', () => {
    expect(changeCount(undefined)).toBe(0)
    expect(changeCount(aGitState())).toBe(0)
    const state = aGitState([aChange('a.py', 'modified', 'modified'), aChange('b.py', null, 'untracked')], { conflicts: ['c.py'] })
    expect(changeCount(state)).toBe(3)
  })
})

describe('the branch and operations in words', () => {
  test('the distance from the upstream', () => {
    expect(syncSummary({ upstream: null, ahead: 0, behind: 0 })).toBe('No upstream branch: Push publishes this branch.')
    expect(syncSummary({ upstream: 'origin/main', ahead: 0, behind: 0 })).toBe('Up to date with origin/main.')
    expect(syncSummary({ upstream: 'origin/main', ahead: 1, behind: 3 })).toBe('1 commit to push, 3 commits to pull (origin/main).')
  })

  test('a stopped merge says how to finish it or get out', () => {
    const text = operationMessage('merge', 2)
    expect(text).toMatch(/^A merge is in progress with conflicts in 2 files\./)
    expect(text).toContain('abort the merge')
    expect(operationMessage('rebase', 1)).toMatch(/^A rebase is in progress with conflicts in 1 file\./)
  })
})

describe("git's refusals", () => {
  const refused = (body: Record<string, unknown>, status = 409) => new ApiError(status, String(body.detail), body)

  test('the reason of a refused pull or push, only from a 409 that names a known one', () => {
    expect(syncRefusal(refused({ detail: 'x', reason: 'auth' }))).toBe('auth')
    expect(syncRefusal(refused({ detail: 'x', reason: 'no-remote' }))).toBe('no-remote')
    expect(syncRefusal(refused({ detail: 'x', reason: 'other' }))).toBeNull()
    expect(syncRefusal(refused({ detail: 'x', reason: 'auth' }, 400))).toBeNull()
    expect(syncRefusal(new Error('offline'))).toBeNull()
  })

  test.each([
    ['pull', 'conflict', /^Pull failed\. The changes from the remote conflict with yours\..*abort the merge\./],
    ['push', 'rejected', /^Push failed\. The remote has commits you do not have yet\. Pull first/],
    ['push', 'auth', /^Push failed\. The remote refused the credentials\./],
    ['pull', 'no-remote', /^Pull failed\. This repository has no remote.*git remote add origin/],
  ] as const)('%s refused for %s says what to do', (action, reason, expected) => {
    const text = syncMessage(action, reason, "git's own words")
    expect(text).toMatch(expected)
    expect(text.endsWith("\ngit's own words")).toBe(true)
  })

  test('without a known reason, git\'s sentence is the message', () => {
    expect(syncMessage('push', null, 'fatal: unable to access')).toBe('Push failed.\nfatal: unable to access')
  })

  test('secrets come from a 409 that lists them', () => {
    const secrets = [{ path: 'a.py', line: 3, reason: 'an AWS access key' }]
    expect(secretFindings(refused({ detail: 'x', secrets }))).toEqual(secrets)
    expect(secretFindings(refused({ detail: 'Nothing to commit.' }))).toBeNull()
    expect(secretFindings(refused({ detail: 'x', secrets: [] }))).toBeNull()
  })
})
