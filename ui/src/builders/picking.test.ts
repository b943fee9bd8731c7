import { expect, test } from 'vitest'
import { anAsset, someDefinitions } from '../api/definitions.testing'
import { unpickableDeps } from './picking'

test('an asset cannot depend on itself nor on what depends on it, each with its reason', () => {
  const definitions = someDefinitions({
    assets: [
      anAsset('raw'),
      anAsset('orders', { deps: ['raw'] }),
      anAsset('summary', { deps: ['orders'] }),
      anAsset('report', { deps: ['summary', 'raw'] }),
      anAsset('other'),
    ],
  })
  expect(unpickableDeps(definitions, 'orders')).toEqual(
    new Map([
      ['orders', 'This is the asset being built: it cannot depend on itself.'],
      ['summary', 'summary depends on orders: depending on it would make a cycle.'],
      ['report', 'report depends on orders: depending on it would make a cycle.'],
    ]),
  )
  expect(unpickableDeps(definitions, 'new_asset')).toEqual(new Map([['new_asset', 'This is the asset being built: it cannot depend on itself.']]))
  expect(unpickableDeps(definitions, '')).toEqual(new Map())
})
