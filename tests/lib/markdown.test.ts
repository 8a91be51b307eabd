import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../src/lib/markdown/render.ts';

describe("renderMarkdown (the notes' math pipeline)", () => {
  it('renders inline and display math with KaTeX, macros included', async () => {
    const html = await renderMarkdown('Mean $\\E[x]$ and\n\n$$\n\\frac{a}{b}\n$$\n', 'x.mdx');
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<mi mathvariant="double-struck">E</mi>');
    expect(html).not.toContain('katex-error');
  });
  it('fails on bad TeX, naming the file, the line and the formula', async () => {
    await expect(renderMarkdown('fine\n\nbroken $\\frac{1}{$ here', 'content/notes/en/a/b.mdx')).rejects.toThrow(
      /TeX error in content\/notes\/en\/a\/b\.mdx:3:\d+: [\s\S]*formula: \\frac\{1\}\{/,
    );
  });
  it('treats KaTeX warnings (Unicode in math) as errors too', async () => {
    await expect(renderMarkdown('$x 中 y$', 'c.mdx')).rejects.toThrow(/TeX error in c\.mdx/);
  });
  it('adds permalinks to headings without text of their own', async () => {
    const html = await renderMarkdown('## Why ties count half', 'h.mdx');
    expect(html).toBe(
      '<h2 id="why-ties-count-half">Why ties count half<a class="heading-anchor" href="#why-ties-count-half" aria-label="Link to the section “Why ties count half”"></a></h2>',
    );
  });
  it('renders a question without its paragraph', async () => {
    expect(await renderInline('Is *this* inline?', 'q.mdx')).toBe('Is <em>this</em> inline?');
  });
});

describe('scrollable regions', () => {
  it('wraps tables in a focusable region named by their headings, reading math once', async () => {
    const html = await renderMarkdown('| mean $\\bar x$ | n |\n| --- | --- |\n| 1 | 2 |\n', 't.mdx');
    expect(html).toMatch(/^<div class="table-scroll" tabindex="0" role="region" aria-label="Table: mean xˉ n"><table>/);
  });
  it('keeps MathML for screen readers but drops its duplicate TeX annotation', async () => {
    const html = await renderMarkdown('$a^2$ and\n\n$$\nb\n$$', 'a.mdx');
    expect(html.match(/<math /g)).toHaveLength(2);
    expect(html).not.toContain('<annotation');
  });
  it('makes display math focusable, since a long formula scrolls', async () => {
    expect(await renderMarkdown('$$\na\n$$', 'd.mdx')).toContain('<span class="katex-display" tabindex="0">');
  });
});

describe('one KaTeX', () => {
  it('renders with the same KaTeX version whose stylesheet the site ships (npm overrides)', () => {
    const require = createRequire(import.meta.url);
    const root = require('katex/package.json') as { version: string };
    const viaRehype = createRequire(require.resolve('rehype-katex'))('katex/package.json') as { version: string };
    const viaRemark = createRequire(require.resolve('micromark-extension-math'))('katex/package.json') as {
      version: string;
    };
    expect(viaRehype.version).toBe(root.version);
    expect(viaRemark.version).toBe(root.version);
  });
});
