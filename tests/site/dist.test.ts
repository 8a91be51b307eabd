import { parseHTML } from 'linkedom';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSite } from '../../src/lib/site-files.ts';
import { OFFLINE_ZIP } from '../../src/lib/site-assets.ts';
import { checkSite } from '../../src/lib/site-check.ts';
import { DIST, htmlPages, noteSlugs, pagesWithDemos, readDist, SITE } from '../support/site.ts';

describe('the built site', () => {
  it('has a page for every note, plus home, glossary, self-check, download and 404', () => {
    for (const slug of noteSlugs) expect(htmlPages).toContain(`${slug}/index.html`);
    for (const page of [
      'index.html',
      'glossary/index.html',
      'self-check/index.html',
      'download/index.html',
      '404.html',
    ])
      expect(htmlPages).toContain(page);
  });

  it('passes every output check: lang, title, description, links, fragments, math, no foreign loads', () => {
    const { pages, others } = readSite(DIST);
    expect(others.has(OFFLINE_ZIP)).toBe(true);
    expect(readFileSync('astro.config.mjs', 'utf8')).toContain(`site: '${SITE}'`);
    expect(checkSite(pages, others, '/', SITE)).toEqual([]);
  });

  it('ships no script on a plain note page but the theme snippet and the site script', () => {
    for (const slug of noteSlugs.filter((s) => !pagesWithDemos.includes(s))) {
      const { document } = parseHTML(readDist(`${slug}/index.html`));
      const scripts = [...document.querySelectorAll('script')];
      expect(scripts.map((s) => s.getAttribute('src'))).toEqual([null, '/_client/site.js']);
      expect(scripts.some((s) => s.getAttribute('type') === 'module')).toBe(false);
    }
  });

  it('loads a demo script only on the pages that show that demo', () => {
    for (const slug of noteSlugs) {
      const html = readDist(`${slug}/index.html`);
      const demos = [...html.matchAll(/src="\/_client\/demos\/([a-z0-9-]+)\.js"/g)].map((m) => m[1]);
      if (pagesWithDemos.includes(slug)) expect(demos.length).toBeGreaterThan(0);
      else expect(demos).toEqual([]);
    }
  });

  it('links KaTeX styles exactly on the pages that contain math', () => {
    for (const page of htmlPages) {
      const html = readDist(page);
      const hasMath = html.includes('class="katex"');
      expect(html.includes('href="/katex/katex.min.css"'), page).toBe(hasMath);
    }
  });

  it('draws no words from a stylesheet: generated text is a symbol or read from the page, in its language', () => {
    const css = readdirSync(join(DIST, '_astro'))
      .filter((f) => f.endsWith('.css'))
      .map((f) => readFileSync(join(DIST, '_astro', f), 'utf8'));
    for (const page of ['recall/two-tower/index.html', 'zh/recall/two-tower/index.html'])
      css.push(...[...readDist(page).matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!));
    expect(css.some((text) => /content:\s*attr\(aria-label\)/.test(text))).toBe(true);
    // Every quoted string of every `content` value (escapes such as \9875 are letters too).
    const values = css.flatMap((text) => [...text.matchAll(/content:([^;}]*)/g)].map((m) => m[1]!));
    const strings = values.flatMap((v) => [...v.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]!));
    expect(strings.length).toBeGreaterThan(5);
    expect(strings.filter((s) => /\p{L}|\\[0-9a-f]/iu.test(s))).toEqual([]);
  });

  it("puts each note's Chinese terms in the indexed article", () => {
    const html = readDist('bandits/thompson-sampling/index.html');
    const { document } = parseHTML(html);
    expect(document.querySelector('[data-pagefind-body]')?.textContent).toContain('汤普森采样');
  });

  it('writes the offline zip size into the download page', () => {
    expect(readDist('download/index.html')).toMatch(/\(zip, \d+(\.\d)? (KB|MB)\)/);
  });
});
