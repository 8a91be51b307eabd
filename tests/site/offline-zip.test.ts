/** The offline package: every page, only relative links, and a search index of every note. */
import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFLINE_ZIP } from '../../src/lib/offline.ts';
import { OFFLINE_ROOT } from '../../src/integrations/offline.ts';
import { DIST, htmlPages, noteSlugs } from '../support/site.ts';

const files = unzipSync(readFileSync(join(DIST, OFFLINE_ZIP)));
const names = Object.keys(files);
const text = (name: string) => Buffer.from(files[`${OFFLINE_ROOT}/${name}`]!).toString('utf8');

describe('the offline zip', () => {
  it('holds every page of the site under one folder, without the server-only search', () => {
    for (const page of htmlPages) expect(names).toContain(`${OFFLINE_ROOT}/${page}`);
    expect(names.every((n) => n.startsWith(`${OFFLINE_ROOT}/`))).toBe(true);
    expect(names.some((n) => n.includes('/pagefind/'))).toBe(false);
    expect(names).toContain(`${OFFLINE_ROOT}/katex/katex.min.css`);
  });

  it('uses only relative links: nothing starts at the server root', () => {
    for (const page of htmlPages) {
      const html = text(page);
      expect(html.match(/\s(?:href|src)="\/(?!\/)[^"]*"/g), page).toBeNull();
      expect(html).not.toContain('data-root="/"');
    }
  });

  it('ships an offline search index covering every note', () => {
    const script = text('offline-search.js');
    const docs = JSON.parse(script.slice(script.indexOf('['), script.lastIndexOf(']') + 1)) as { url: string }[];
    const urls = docs.map((d) => d.url);
    for (const slug of noteSlugs) expect(urls).toContain(`${slug}/index.html`);
  });
});
