import { describe, expect, it } from 'vitest'
import { addKey, excludeKey, keyTerm, modernClause, orKey, removeKey } from './selectionText'

describe('keyTerm', () => {
  it('quotes keys with slashes and words of the grammar, and only those', () => {
    expect(keyTerm('orders')).toBe('key:orders')
    expect(keyTerm('raw/orders')).toBe('key:"raw/orders"')
    expect(keyTerm('group')).toBe('key:"group"')
    expect(keyTerm('AND')).toBe('key:"AND"')
    expect(keyTerm('1st')).toBe('key:"1st"')
  })
})

describe('addKey', () => {
  it('starts an empty selection with the key', () => {
    expect(addKey('', 'raw/orders')).toBe('key:"raw/orders"')
    expect(addKey('   ', 'orders')).toBe('key:orders')
  })
  it('appends an or-term', () => {
    expect(addKey('key:"a/b"', 'orders')).toBe('key:"a/b" or key:orders')
    expect(addKey('group:sales', 'raw/orders')).toBe('group:sales or key:"raw/orders"')
  })
  it('drops the exclusion of the key instead of adding a term', () => {
    expect(addKey('group:sales and not key:"raw/orders"', 'raw/orders')).toBe('group:sales')
    expect(addKey('(group:sales or tag:daily) and not key:orders', 'orders')).toBe('group:sales or tag:daily')
    expect(addKey('group:sales and not key:a and not key:"b/c"', 'a')).toBe('group:sales and not key:"b/c"')
  })
  it('keeps exclusions of other keys', () => {
    expect(addKey('group:sales and not key:a', 'b')).toBe('group:sales and not key:a or key:b')
  })
})

describe('removeKey', () => {
  it('removes the explicit term of the key', () => {
    expect(removeKey('key:"a/b" or key:orders', 'a/b')).toBe('key:orders')
    expect(removeKey('key:orders or key:"a/b"', 'a/b')).toBe('key:orders')
    expect(removeKey('group:sales or key:"a/b" or tag:daily', 'a/b')).toBe('group:sales or tag:daily')
    expect(removeKey('key:"a/b"', 'a/b')).toBe('')
  })
  it('reads the term quoted or not, in any case, in parentheses', () => {
    expect(removeKey('key:a/b or key:c', 'a/b')).toBe('key:c')
    expect(removeKey('KEY:"a" OR key:c', 'a')).toBe('key:c')
    expect(removeKey('(key:"a") or key:c', 'a')).toBe('key:c')
  })
  it('excludes a key a broader term matches', () => {
    expect(removeKey('group:sales', 'raw/orders')).toBe('group:sales and not key:"raw/orders"')
    expect(removeKey('group:sales or tag:daily', 'orders')).toBe('(group:sales or tag:daily) and not key:orders')
    expect(removeKey('key:"raw/*"', 'raw/orders')).toBe('key:"raw/*" and not key:"raw/orders"')
    expect(removeKey('group:sales and not key:a', 'b')).toBe('group:sales and not key:a and not key:b')
  })
  it('does not take words inside keys or quotes for operators', () => {
    expect(removeKey('key:vendor_orders or key:b', 'b')).toBe('key:vendor_orders')
    expect(removeKey('tag:"x or y" or key:b', 'b')).toBe('tag:"x or y"')
    expect(removeKey('(key:a or key:b) or key:c', 'b')).toBe('((key:a or key:b) or key:c) and not key:b')
  })
})

describe('orKey and excludeKey', () => {
  it('always select and never select the key', () => {
    expect(orKey('', 'a')).toBe('key:a')
    expect(orKey('group:x and not key:a', 'a')).toBe('group:x and not key:a or key:a')
    expect(excludeKey('group:x or key:a', 'a')).toBe('(group:x or key:a) and not key:a')
    expect(excludeKey('', 'a')).toBe('')
  })
})

describe('older-style clauses', () => {
  it('are written in the grammar, which can combine them (the same assets, checked with Dagster)', () => {
    expect(modernClause('*orders')).toBe('+key:orders')
    expect(modernClause('+orders')).toBe('1+key:orders')
    expect(modernClause('++orders')).toBe('2+key:orders')
    expect(modernClause('raw/orders*')).toBe('key:"raw/orders"+')
    expect(modernClause('raw/orders+')).toBe('key:"raw/orders"+1')
    expect(modernClause('*orders*')).toBe('+key:orders+')
    expect(modernClause(' orders ')).toBe('key:orders')
  })
  it('leave the grammar as it is', () => {
    for (const text of ['*', 'key:orders', 'group:sales+', 'sinks(*)', 'tag:daily and kind:dbt', '+key:"raw/orders"']) {
      expect(modernClause(text)).toBe(text)
    }
  })
  it('are what a pick adds to or takes from', () => {
    expect(addKey('*orders', 'raw/x')).toBe('+key:orders or key:"raw/x"')
    expect(removeKey('*orders', 'stg_orders')).toBe('+key:orders and not key:stg_orders')
    expect(removeKey('orders', 'orders')).toBe('')
  })
})
