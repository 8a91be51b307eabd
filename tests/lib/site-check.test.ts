import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { katexOptions } from '../../src/lib/markdown/katex-options.ts';
import { checkSite, parsePage, resolveTarget, withoutFormulaContent } from '../../src/lib/site-check.ts';

const page = (body: string, head = '<title>T</title><meta name="description" content="D">') =>
  `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;

describe('resolveTarget', () => {
  it('resolves absolute, relative and fragment-only URLs to files', () => {
    expect(resolveTarget('a/b/index.html', '/x/y/#z')).toEqual({ file: 'x/y/index.html', fragment: 'z' });
    expect(resolveTarget('a/b/index.html', '../c/')).toEqual({ file: 'a/c/index.html', fragment: '' });
    expect(resolveTarget('a/b/index.html', '#top')).toEqual({ file: 'a/b/index.html', fragment: 'top' });
    expect(resolveTarget('index.html', '/katex/katex.min.css')).toEqual({ file: 'katex/katex.min.css', fragment: '' });
    expect(resolveTarget('index.html', 'https://doi.org/10.1/x')).toBeUndefined();
  });
});

describe('checkSite', () => {
  it('accepts a consistent site', () => {
    const pages = new Map([
      ['index.html', page('<a href="/n/">n</a><a href="/n/#sec">s</a><a href="https://arxiv.org/">ext</a>')],
      ['n/index.html', page('<h2 id="sec">S</h2><img src="/i.svg" alt="">')],
    ]);
    expect(checkSite(pages, new Set(['i.svg']))).toEqual([]);
  });
  it('reports broken links, missing fragments, KaTeX errors, metadata and foreign loads with the source note', () => {
    const pages = new Map([
      [
        'n/index.html',
        page(
          '<article data-source="content/notes/en/x/n.mdx"><a href="/gone/">g</a><a href="#nope">f</a><span class="katex-error">\\frac</span><script src="https://cdn.example/x.js"></script></article>',
        ),
      ],
      ['bare.html', '<html><body></body></html>'],
    ]);
    expect(checkSite(pages, new Set())).toEqual([
      'n/index.html (from content/notes/en/x/n.mdx): contains a KaTeX error',
      'n/index.html (from content/notes/en/x/n.mdx): broken link /gone/ (no gone/index.html)',
      'n/index.html (from content/notes/en/x/n.mdx): link #nope points at a missing #nope',
      'n/index.html (from content/notes/en/x/n.mdx): loads https://cdn.example/x.js from another origin',
      'bare.html: <html> has no lang',
      'bare.html: no <title>',
      'bare.html: no meta description',
    ]);
  });
  it('reports a formula placeholder left in a page', () => {
    const pages = new Map([['n/index.html', page('<p>x <span class="katex">\uE0003\uE001</span></p>')]]);
    expect(checkSite(pages, new Set())).toEqual([
      "n/index.html: a formula's placeholder (U+E000/U+E001) was left in the page",
    ]);
  });
});

describe('under a base path', () => {
  it('resolves URLs below the base and reports those outside it as broken', () => {
    expect(resolveTarget('a/index.html', '/rr/x/y/#z', '/rr/')).toEqual({ file: 'x/y/index.html', fragment: 'z' });
    const pages = new Map([
      [
        'index.html',
        '<html lang="en"><title>t</title><meta name="description" content="d"><a href="/x/">x</a><a href="/rr/">home</a>',
      ],
    ]);
    expect(checkSite(pages, new Set(), '/rr/')).toEqual([
      'index.html: broken link /x/ (no (outside the base /rr/)/x/)',
    ]);
  });
});

describe('withoutFormulaContent', () => {
  const typeset = (tex: string, displayMode = false) =>
    katex.renderToString(tex, { ...katexOptions, displayMode, throwOnError: true });

  it('empties each formula, display and inline, and keeps everything around it', () => {
    const formulas = [
      typeset('\\sqrt{x^2 + 1} < \\frac{a}{b}', true),
      typeset('e^{i\\pi}'),
      typeset('\\hat{y}_{用户}'),
    ];
    expect(formulas.every((f) => f.split('<span').length > 5)).toBe(true);
    const html = `<p id="a">x ${formulas[0]} y <a href="/n/#s">${formulas[1]}</a>${formulas[2]}</p><h2 id="b">z</h2>`;
    expect(withoutFormulaContent(html)).toBe(
      '<p id="a">x <span class="katex-display"><span class="katex"></span></span> y <a href="/n/#s"><span class="katex"></span></a><span class="katex"></span></p><h2 id="b">z</h2>',
    );
  });

  it('still finds the ids, links and KaTeX errors around formulas', () => {
    const body = `<h2 id="s">${typeset('\\sum_i x_i')}</h2><span class="katex-error">\\frac</span><a href="/x/">${typeset('\\vec{v}')}</a>`;
    const info = parsePage('n/index.html', page(body));
    expect([...info.ids]).toEqual(['s']);
    expect(info.refs).toEqual([{ attr: 'href', tag: 'a', url: '/x/' }]);
    expect(info.hasKatexError).toBe(true);
  });

  it('keeps a formula that is never closed whole', () => {
    const html = '<p><span class="katex"><span>x</span> and <b id="kept">y</b></p>';
    expect(withoutFormulaContent(html)).toBe(html);
  });
});
