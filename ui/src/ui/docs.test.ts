import { describe, expect, it } from 'vitest'
import { parseBlocks, parseInline, plainText } from './docs'

// PythonScriptComponent's docstring, as Dagster 1.13 has it
const SCRIPT = `Represents a Python script, alongside the set of assets and asset checks that it is responsible for executing.

Accepts a path to a Python script which will be executed in a dagster-pipes subprocess using your installed \`python\` executable.

Examples:
    .. code-block:: yaml

        type: dagster.PythonScriptComponent
        attributes:
          execution:
            path: update_table.py`

// parts of DefsFolderComponent's
const FOLDER = `Key Features:
- **Post-Processing**: Allows modification of child component definitions via configuration
- **Automatic Discovery**: Recursively finds and loads components
  from subdirectories

The component automatically scans its directory for:
- YAML component definitions (\`\`defs.yaml\`\` files)

Args:
    path: The filesystem path to the directory containing child components.
    children (Mapping[Path, Component]): A mapping of child paths to their corresponding Component instances.
        This is typically populated automatically during component discovery.

.. note::

    DefsFolderComponent instances are typically created automatically.`

describe('inline markup', () => {
  it('reads code, emphasis, roles and links', () => {
    expect(parseInline('Use ``defs.yaml`` or `python`, see :py:class:`~dagster.AssetSpec` and **bold** *it*.')).toEqual([
      { kind: 'text', text: 'Use ' },
      { kind: 'code', text: 'defs.yaml' },
      { kind: 'text', text: ' or ' },
      { kind: 'code', text: 'python' },
      { kind: 'text', text: ', see ' },
      { kind: 'code', text: 'AssetSpec' },
      { kind: 'text', text: ' and ' },
      { kind: 'strong', text: 'bold' },
      { kind: 'text', text: ' ' },
      { kind: 'em', text: 'it' },
      { kind: 'text', text: '.' },
    ])
  })

  it('reads Markdown, reStructuredText and bare links', () => {
    expect(parseInline('[docs](https://docs.dagster.io) `the guide <https://x.io/g>`_ https://a.io/b.')).toEqual([
      { kind: 'link', text: 'docs', href: 'https://docs.dagster.io' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'the guide', href: 'https://x.io/g' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'https://a.io/b', href: 'https://a.io/b' },
      { kind: 'text', text: '.' },
    ])
  })

  it('reads a field description with colons in its code', () => {
    expect(parseInline('prefix `team:` e.g. `team:finops`.')).toEqual([
      { kind: 'text', text: 'prefix ' },
      { kind: 'code', text: 'team:' },
      { kind: 'text', text: ' e.g. ' },
      { kind: 'code', text: 'team:finops' },
      { kind: 'text', text: '.' },
    ])
  })

  it('leaves a lone star and a javascript: link as text', () => {
    expect(parseInline('target "*" and [x](javascript:alert(1))')).toEqual([{ kind: 'text', text: 'target "*" and [x](javascript:alert(1))' }])
  })
})

describe('blocks', () => {
  it('reads a docstring with an example code block', () => {
    const blocks = parseBlocks(SCRIPT)
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'heading', 'indented'])
    expect(blocks[1]).toMatchObject({ kind: 'paragraph', spans: expect.arrayContaining([{ kind: 'code', text: 'python' }]) })
    expect(blocks[3]).toEqual({
      kind: 'indented',
      blocks: [
        {
          kind: 'code',
          language: 'yaml',
          text: 'type: dagster.PythonScriptComponent\nattributes:\n  execution:\n    path: update_table.py',
        },
      ],
    })
  })

  it('reads lists, argument sections and notes', () => {
    const blocks = parseBlocks(FOLDER)
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'list', 'paragraph', 'list', 'entries', 'note'])
    expect(blocks[1]).toMatchObject({ kind: 'list', ordered: false })
    expect(blocks[1].kind === 'list' && blocks[1].items[1]).toEqual([
      { kind: 'strong', text: 'Automatic Discovery' },
      { kind: 'text', text: ': Recursively finds and loads components from subdirectories' },
    ])
    expect(blocks[4]).toMatchObject({
      kind: 'entries',
      title: 'Args',
      entries: [
        { name: 'path', type: null },
        {
          name: 'children',
          type: 'Mapping[Path, Component]',
          text: [{ kind: 'text', text: 'A mapping of child paths to their corresponding Component instances. This is typically populated automatically during component discovery.' }],
        },
      ],
    })
    expect(blocks[5]).toMatchObject({ kind: 'note', title: 'Note', blocks: [{ kind: 'paragraph' }] })
  })

  it('reads a literal block after "::" and Markdown fences and headings', () => {
    expect(parseBlocks('Run this::\n\n    dg dev\n\n## Setup\n\n```python\nimport dagster\n```')).toEqual([
      { kind: 'paragraph', spans: [{ kind: 'text', text: 'Run this:' }] },
      { kind: 'code', language: null, text: 'dg dev' },
      { kind: 'heading', spans: [{ kind: 'text', text: 'Setup' }] },
      { kind: 'code', language: 'python', text: 'import dagster' },
    ])
  })

  it('gives the text without markup for tooltips', () => {
    expect(plainText('Runs ``dbt build``.\n\n- one\n- two')).toBe('Runs dbt build.\n\n• one\n• two')
  })
})
