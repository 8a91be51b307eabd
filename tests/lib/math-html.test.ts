/**
 * Formulas through Astro's MDX compiler as HTML (src/lib/markdown/math-html.ts, and KaTeX's HTML
 * taken as it is by rehype-katex-once): the compiled module is the one the compiler makes from
 * KaTeX's trees, up to how the HTML is written (KaTeX writes `&gt;` and `<path/>` where a
 * serialiser of the tree writes `>` and `<path></path>`: the same document), and no placeholder
 * survives anywhere, whether the compiler collapses static HTML or not.
 */
import { unified } from '@astrojs/markdown-remark';
import type { RehypePlugins } from '@astrojs/markdown-remark';
import type { ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import katex from 'katex';
import { toHtml } from 'hast-util-to-html';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { katexOptions } from '../../src/lib/markdown/katex-options.ts';
import { fillMath } from '../../src/lib/markdown/math-html.ts';
import { markdownProcessor, markdownSettings, rehypePlugins, remarkPlugins } from '../../src/lib/markdown/processor.ts';
import { setProblemCollector, type Problem } from '../../src/lib/markdown/problems.ts';
import { mathmlText } from '../../src/lib/markdown/rehype-scrollables.ts';

const FILE = '/project/content/notes/en/recall/example.mdx';

const BODY = [
  '## Why the $T^2$ factor',
  '',
  'Inline $a^2 + b^2$ twice: $a^2 + b^2$, a root $\\sqrt{x}$ and $\\frac{1}{2}$.',
  '',
  '$$',
  'a^2 + b^2',
  '$$',
  '',
  '| score $s > 0$ | meaning |',
  '| --- | --- |',
  '| $P(y \\mid x)$ | a probability, $\\sigma(z)$ |',
  '',
  '<div className="box">Inside a component: $e^{i\\pi} + 1 = 0$ and $a^2 + b^2$.</div>',
  '',
  '<div className="box">',
  '',
  '$$',
  '\\frac{1}{2}',
  '$$',
  '',
  '</div>',
  '',
  '##### A detail, $x_i$',
  '',
  'Broken $\\frac{1}{$ stays as KaTeX reports it.',
].join('\n');

/** The same plugins without the recma half: formulas stay KaTeX's trees all the way. */
const withoutMathHtml = unified({ remarkPlugins, rehypePlugins: rehypePlugins as RehypePlugins });

async function compile(processor: typeof markdownProcessor, body: string, optimize: boolean) {
  const mdx = await processor.createMdxRenderer!(markdownSettings, { optimize });
  return (await mdx.process(body, FILE, {})).code;
}

const LITERAL = /"(?:[^"\\]|\\.)*"/g;

/** Every string literal of a compiled module, decoded. */
const strings = (code: string) => [...code.matchAll(LITERAL)].map((m) => JSON.parse(m[0]) as string);

/** HTML as a parser reads it: the same document gives the same string. */
const normal = (html: string) => toHtml(fromHtml(html, { fragment: true }));

/**
 * A compiled module as code around its strings, and its strings as documents. The text of the
 * headings Astro exports is left out: with trees it holds both of KaTeX's copies of a formula,
 * with math-html.ts its TeX (checked on its own below).
 */
const shape = (code: string) => {
  const withoutHeadingText = code.replace(/("text": )"(?:[^"\\]|\\.)*"/g, '$1""');
  return { code: withoutHeadingText.replace(LITERAL, '""'), strings: strings(withoutHeadingText).map(normal) };
};

describe('formulas as HTML in the MDX compiler', () => {
  // The broken formula is an author problem: collected, as the build does, instead of thrown.
  let problems: Problem[] = [];
  beforeEach(() => setProblemCollector({ add: (found) => problems.push(...found) }));
  afterEach(() => {
    setProblemCollector(undefined);
    problems = [];
  });

  it('compiles a note to the very module KaTeX’s trees give', async () => {
    const plain = await compile(withoutMathHtml, BODY, true);
    const fast = await compile(markdownProcessor, BODY, true);
    expect(plain).toContain('katex-mathml');
    expect(fast).not.toMatch(/[\uE000\uE001]/);
    expect(shape(fast)).toEqual(shape(plain));
    // Every heading's id comes from its source text, also at levels outside the contents.
    expect(fast).toContain('id=\\"why-the-t2-factor\\"');
    expect(fast).toContain('id=\\"a-detail-x_i\\"');
    // The contents list shows the heading's formula as the page does.
    expect(fast).toMatch(/"html": "Why the <span class=\\"katex\\"><span class=\\"katex-mathml\\">/);
    // The table's region is named from its heading's MathML, once, in both.
    expect(
      strings(fast)
        .join('\n')
        .match(/aria-label="Table[^"]*"/g),
    ).toEqual(['aria-label="Table: score s>0 meaning"']);
    // Both compiles report the broken formula, at its line.
    expect(problems.map((p) => p.line)).toEqual([25, 25]);
  });

  it('puts each formula back as set:html when static HTML is not collapsed', async () => {
    const code = await compile(markdownProcessor, BODY, false);
    expect(code).not.toMatch(/[\uE000\uE001]/);
    // Every formula's content is one set:html string, the same bytes the collapsed module holds.
    const collapsed = shape(await compile(withoutMathHtml, BODY, true)).strings.join('\n');
    const html = [...code.matchAll(/"set:html": ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
    expect(html).toHaveLength(13);
    for (const h of html) {
      expect(h).toMatch(/^<span class="katex-mathml">.*<\/span>$/s);
      expect(collapsed).toContain(`<span class="katex">${normal(h)}</span>`);
    }
    // The broken formula is KaTeX's error markup, left as it was.
    expect(code).toContain('katex-error');
  });

  it('gives a heading’s formula to Astro’s headings as its TeX, and to the page as HTML', async () => {
    const body = '## Why the $T^2$ factor\n\nText.\n';
    const code = await compile(markdownProcessor, body, true);
    expect(code).not.toMatch(/[\uE000\uE001]/);
    const texts = strings(code);
    expect(texts).toContain('Why the T^2 factor');
    expect(texts.some((s) => s.includes('<span class="katex"><span class="katex-mathml">'))).toBe(true);
  });

  it('gives a self-check answer’s formulas back apart, and the same document once filled in', async () => {
    const renderer = await markdownProcessor.createRenderer(markdownSettings);
    const md = 'Because $\\sigma(z) > 0$, twice $\\sigma(z) > 0$:\n\n$$\n\\frac{1}{1 + e^{-z}}\n$$\n';
    const fileURL = new URL(`file://${FILE}`);
    const embedded = await renderer.render(md, { fileURL, frontmatter: { embedded: true } });
    const plain = await renderer.render(md, { fileURL });
    const math = embedded.metadata.frontmatter['math'];
    expect(math).toHaveLength(3);
    expect(embedded.code.match(/\uE000\d+\uE001/g)).toHaveLength(3);
    const filled = fillMath(embedded.code, math);
    expect(filled).not.toMatch(/[\uE000\uE001]/);
    expect(normal(filled)).toBe(normal(plain.code));
  });

  it('leaves a plain Markdown render with KaTeX’s tree (no recma step there)', async () => {
    const renderer = await markdownProcessor.createRenderer(markdownSettings);
    const { code } = await renderer.render('Inline $a^2$.', { fileURL: new URL(`file://${FILE}`) });
    expect(code).toContain('<span class="katex"><span class="katex-mathml">');
    expect(code).not.toMatch(/[\uE000\uE001]/);
  });
});

describe('mathmlText', () => {
  /** The text of the MathML from the parsed tree: what rehype-scrollables reads of a tree. */
  const treeText = (node: ElementContent): string => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element' || node.tagName === 'annotation') return '';
    const cls = node.properties['className'];
    if (Array.isArray(cls) && cls.includes('katex-html')) return '';
    return node.children.map(treeText).join('');
  };

  it('reads a formula’s MathML text from KaTeX’s HTML as from its tree', () => {
    for (const tex of ['s > 0', "a < b \\;\\&\\; \\text{“x” \\& 'y'}", '\\frac{1}{2}', 'x_{用户}', '\\sqrt{x^2}']) {
      const html = katex.renderToString(tex, { ...katexOptions, throwOnError: true });
      const expected = (fromHtml(html, { fragment: true }).children as ElementContent[]).map(treeText).join('');
      expect(mathmlText(html)).toBe(expected);
      expect(expected).not.toBe('');
    }
  });
});
