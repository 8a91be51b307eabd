/**
 * The site's one Markdown processor, rendering strings the way the content layer renders
 * self-check answers (Astro's renderer made from the processor, with the site's settings).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fillMath } from '../../src/lib/markdown/math-html.ts';
import { EMBEDDED_FRONTMATTER, type Problem } from '../../src/lib/markdown/problems.ts';
import { markdownProcessor, markdownSettings } from '../../src/lib/markdown/processor.ts';
import { katexStrict } from '../../src/lib/markdown/katex-options.ts';

const renderer = await markdownProcessor.createRenderer(markdownSettings);

/** Render like an answer in `content/notes/<lang>/recall/x.mdx`: HTML and the problems found. */
async function render(markdown: string, lang = 'en'): Promise<{ html: string; problems: Problem[] }> {
  const { code, metadata } = await renderer.render(`\n${markdown}`, {
    fileURL: pathToFileURL(`${process.cwd()}/content/notes/${lang}/recall/x.mdx`),
    frontmatter: { embedded: true },
  });
  // As renderChecks does: an embedded render's formulas come back apart (math-html.ts).
  return {
    html: fillMath(code, metadata.frontmatter['math']),
    problems: (metadata.frontmatter['problems'] ?? []) as Problem[],
  };
}

describe('the Markdown processor', () => {
  it('renders inline and display math with KaTeX, macros included', async () => {
    const { html, problems } = await render('Mean $\\E[x]$ and\n\n$$\n\\frac{a}{b}\n$$\n');
    expect(html).toContain('class="katex"');
    expect(html).toContain('class="katex-display"');
    expect(html).toContain('<mi mathvariant="double-struck">E</mi>');
    expect(problems).toEqual([]);
  });

  it('gives answers the typographic quotes note bodies get', async () => {
    expect((await render('It is "the" answer, isn\'t it?')).html).toContain('It is “the” answer, isn’t it?');
  });

  it('reports a TeX error as a problem at its line, typesetting each formula once', async () => {
    const { problems } = await render('fine\n\nbroken $\\frac{1}{$ here');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, column: 8 });
    expect(problems[0]!.message).toMatch(/^TeX error: .*\\frac\{1\}\{/);
    expect(problems[0]!.hint).toContain('katex.org');
  });

  it('sets Chinese in math as text instead of failing', async () => {
    const { html, problems } = await render('$x_{用户}$ and $a，b$');
    expect(problems).toEqual([]);
    expect(html).toContain('cjk_fallback');
    expect(html).toContain('用户');
  });

  it('still fails on other KaTeX warnings', () => {
    expect(katexStrict('unicodeTextInMathMode', '', { text: 'é' })).toBe('error');
    expect(katexStrict('unicodeTextInMathMode', '', { text: '中' })).toBe('ignore');
    expect(katexStrict('commentAtEnd', '')).toBe('error');
  });

  it('puts the permalink beside the heading, so the heading is named by its text only', async () => {
    const { html } = await render('## Why ties count half');
    expect(html).toBe(
      '<div class="heading-wrapper level-h2"><h2 id="why-ties-count-half">Why ties count half</h2><a class="heading-anchor" href="#why-ties-count-half" aria-label="Link to the section “Why ties count half”"></a></div>',
    );
  });

  it('takes a formula in a heading once for its id and label', async () => {
    const { html } = await render('## Why the $T^2$ factor');
    expect(html).toContain('id="why-the-t2-factor"');
    expect(html).toContain('aria-label="Link to the section “Why the T^2 factor”"');
  });

  it('links notes in the page language', async () => {
    expect((await render('[w2v](/recall/word2vec/#x)', 'zh')).html).toContain('href="/zh/recall/word2vec/#x"');
    expect((await render('[w2v](/recall/word2vec/)', 'en')).html).toContain('href="/recall/word2vec/"');
    expect((await render('[doi](https://doi.org/1)', 'zh')).html).toContain('href="https://doi.org/1"');
  });

  it('labels table regions in the page language', async () => {
    const { html } = await render('| a | b |\n| --- | --- |\n| 1 | 2 |\n', 'zh');
    expect(html).toContain('aria-label="表格：a b"');
  });
});

describe('scrollable regions', () => {
  it('wraps tables in a focusable region named by their headings, reading math once', async () => {
    const { html } = await render('| mean $\\bar x$ | n |\n| --- | --- |\n| 1 | 2 |\n');
    expect(html).toMatch(/^<div class="table-scroll" tabindex="0" role="region" aria-label="Table: mean xˉ n"><table>/);
  });
  it('names a table from the text of its heading row, not from the inside of its HTML tags', async () => {
    const { html } = await render('| <abbr title="a>b">AUC</abbr> $x$ | n |\n| --- | --- |\n| 1 | 2 |\n');
    expect(html).toContain('aria-label="Table: AUC x n"');
  });
  it('keeps MathML for screen readers but drops its duplicate TeX annotation', async () => {
    const { html } = await render('$a^2$ and\n\n$$\nb\n$$');
    expect(html.match(/<math /g)).toHaveLength(2);
    expect(html).not.toContain('<annotation');
  });
  it('makes display math focusable, since a long formula scrolls', async () => {
    expect((await render('$$\na\n$$')).html).toContain('<span class="katex-display" tabindex="0">');
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

void EMBEDDED_FRONTMATTER;
