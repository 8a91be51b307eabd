/**
 * rehype-katex-once against rehype-katex itself: the same HTML and the same TeX errors at the same
 * places for a document whose formulas repeat (inline, display, ```math), and every occurrence a
 * tree of its own.
 */
import type { Element, Root } from 'hast';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { katexOptions } from '../../src/lib/markdown/katex-options.ts';
import { rehypeKatexOnce } from '../../src/lib/markdown/rehype-katex-once.ts';

const DOC = [
  'Inline $a^2 + b^2$ twice: $a^2 + b^2$, and once $\\E[x]$.',
  '',
  '$$',
  'a^2 + b^2',
  '$$',
  '',
  '```math',
  '\\frac{1}{2}',
  '```',
  '',
  '$$',
  '\\frac{1}{2}',
  '$$',
  '',
  'Broken $\\frac{1}{$ here and broken again $\\frac{1}{$ there.',
  '',
  '$$',
  '\\frac{1}{2}',
  '$$',
].join('\n');

/** Render with `typeset`, recording the messages (reason and place) and the final tree. */
async function render(typeset: Plugin<[typeof katexOptions], Root>) {
  let tree: Root | undefined;
  const file = new VFile(DOC);
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkMath)
      .use(remarkRehype)
      .use(typeset, katexOptions)
      .use(() => (t: Root) => {
        tree = t;
      })
      .use(rehypeStringify)
      .process(file),
  );
  const messages = file.messages.map((m) => ({ source: m.source, reason: m.reason, line: m.line, column: m.column }));
  return { html, messages, tree: tree! };
}

describe('rehypeKatexOnce', () => {
  it('gives exactly what rehype-katex gives, errors included', async () => {
    const once = await render(rehypeKatexOnce as Plugin<[typeof katexOptions], Root>);
    const plain = await render(rehypeKatex as Plugin<[typeof katexOptions], Root>);
    expect(once.html).toBe(plain.html);
    expect(once.messages).toEqual(plain.messages);
    // Both broken formulas report, each at its own place.
    expect(once.messages.map((m) => [m.source, m.line, m.column])).toEqual([
      ['rehype-katex', 15, 8],
      ['rehype-katex', 15, 42],
    ]);
    expect(once.html.match(/class="katex-display"/g)).toHaveLength(4);
  });

  it('gives every occurrence of a formula its own nodes', async () => {
    const { tree } = await render(rehypeKatexOnce as Plugin<[typeof katexOptions], Root>);
    const katex: Element[] = [];
    visit(tree, 'element', (node: Element) => {
      const cls = node.properties['className'];
      if (Array.isArray(cls) && cls[0] === 'katex') katex.push(node);
    });
    // 3 inline and 4 display formulas; the two broken ones become KaTeX's error text instead.
    expect(katex.length).toBe(7);
    expect(new Set(katex).size).toBe(katex.length);
    const [first, second] = katex as [Element, Element];
    expect(second).toEqual(first);
    // Changing one occurrence (as later plugins do) leaves the other, and later copies, alone.
    first.children = [];
    expect(second.children.length).toBeGreaterThan(0);
  });
});
