// Server text that marks names with backticks ("Change the reference to `raw_orders`").
import { InlineDocs } from './Docs'

/** `text` with its backticked parts as code (and the rest of the inline markup docstrings use). */
export function Ticked({ text }: { text: string }) {
  return <InlineDocs text={text} />
}
