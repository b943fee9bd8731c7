// Server text that marks names with backticks ("Change the reference to `raw_orders`").
import { Fragment } from 'react'

/** `text` with its backticked parts as code. */
export function Ticked({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}
    </>
  )
}
