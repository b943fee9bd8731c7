import { useCallback, useEffect, useRef, useState } from 'react'

const MAX_PENDING = 64

/**
 * Local text for an input bound to `value`. Edits stay local so typing is smooth (and half-typed
 * numbers or JSON survive); the text is only replaced when `value` changes from outside, not when
 * the parent echoes back something this input emitted (even if the echo arrives late).
 */
export function useDraft<T>(
  value: T,
  format: (value: T) => string,
  equal: (a: T, b: T) => boolean = Object.is,
): [text: string, setText: (text: string) => void, emitted: (value: T) => void] {
  const [text, setText] = useState(() => format(value))
  const pending = useRef<T[]>([])
  const last = useRef(value)
  const formatRef = useRef(format)
  const equalRef = useRef(equal)
  useEffect(() => {
    formatRef.current = format
    equalRef.current = equal
  })

  useEffect(() => {
    const same = equalRef.current
    if (same(value, last.current)) return
    last.current = value
    const echoed = pending.current.findIndex((p) => same(p, value))
    if (echoed >= 0) {
      pending.current = pending.current.slice(echoed + 1)
      return
    }
    pending.current = []
    setText(formatRef.current(value))
  }, [value])

  const emitted = useCallback((next: T) => {
    pending.current = [...pending.current, next].slice(-MAX_PENDING)
  }, [])

  return [text, setText, emitted]
}
