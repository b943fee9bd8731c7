// Docstrings and messages as React elements (never as HTML: the text is not ours).
import type { ReactNode } from 'react'
import { parseBlocks, parseInline, type Block, type Span } from './docs'

function SpanView({ span }: { span: Span }): ReactNode {
  switch (span.kind) {
    case 'code':
      return <code>{span.text}</code>
    case 'strong':
      return <strong>{span.text}</strong>
    case 'em':
      return <em>{span.text}</em>
    case 'link':
      return (
        <a href={span.href} target="_blank" rel="noreferrer noopener">
          {span.text}
        </a>
      )
    default:
      return span.text
  }
}

function Spans({ spans }: { spans: Span[] }) {
  return spans.map((span, i) => <SpanView key={i} span={span} />)
}

function BlockView({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return (
        <p>
          <Spans spans={block.spans} />
        </p>
      )
    case 'heading':
      return (
        <p className="docs-heading">
          <Spans spans={block.spans} />
        </p>
      )
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          <Spans spans={item} />
        </li>
      ))
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>
    }
    case 'code':
      return (
        <pre className="docs-code" data-language={block.language ?? undefined}>
          <code>{block.text}</code>
        </pre>
      )
    case 'entries':
      return (
        <section className="docs-entries" aria-label={block.title}>
          <p className="docs-heading">{block.title}</p>
          <dl>
            {block.entries.map((entry, i) => (
              <div key={i}>
                <dt>
                  <code>{entry.name}</code>
                  {entry.type && <span className="muted"> ({entry.type})</span>}
                </dt>
                <dd>
                  <Spans spans={entry.text} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )
    case 'note':
      return (
        <aside className="docs-note" aria-label={block.title}>
          <p className="docs-heading">{block.title}</p>
          <Blocks blocks={block.blocks} />
        </aside>
      )
    case 'indented':
      return (
        <div className="docs-indented">
          <Blocks blocks={block.blocks} />
        </div>
      )
  }
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return blocks.map((block, i) => <BlockView key={i} block={block} />)
}

/** A docstring: paragraphs, lists, code blocks, argument sections. */
export function Docs({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `docs ${className}` : 'docs'}>
      <Blocks blocks={parseBlocks(text)} />
    </div>
  )
}

/** One line of text with its inline markup: code, emphasis, links. */
export function InlineDocs({ text }: { text: string }) {
  return <Spans spans={parseInline(text)} />
}
