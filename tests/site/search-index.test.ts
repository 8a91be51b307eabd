/** The real Pagefind index, decoded: it must cover every page a reader searches, with the section filter. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SECTION_IDS } from '../../src/lib/sections.ts';
import { DIST, noteSlugs } from '../support/site.ts';

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

// Pagefind stores each page as a gzipped "pagefind_dcd" signature followed by JSON.
const fragmentsOf = (lang: string): Fragment[] =>
  readdirSync(join(DIST, 'pagefind', lang, 'fragment')).map((f) => {
    const text = gunzipSync(readFileSync(join(DIST, 'pagefind', lang, 'fragment', f))).toString('utf8');
    return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
  });
const fragments = fragmentsOf('en');
const urls = fragments.map((f) => f.url);
const zhFragments = fragmentsOf('zh');

describe('the Pagefind indexes', () => {
  it('are one bundle per language, the Chinese one holding only Chinese pages', () => {
    const zhUrls = zhFragments.map((f) => f.url);
    for (const slug of noteSlugs) expect(zhUrls).toContain(`/zh/${slug}/`);
    expect(zhUrls.every((u) => u.startsWith('/zh/'))).toBe(true);
    expect(urls.some((u) => u.startsWith('/zh/'))).toBe(false);
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind/zh/pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, unknown>;
    };
    expect(Object.keys(entry.languages)).toEqual(['zh']);
  });

  it('holds every note, and the home, section, glossary and download pages', () => {
    for (const slug of noteSlugs) expect(urls).toContain(`/${slug}/`);
    for (const page of ['/', '/glossary/', '/download/', '/recall/']) expect(urls).toContain(page);
    expect(urls).not.toContain('/self-check/'); // every answer is on its note already
  });

  it('files each note under its section and title', () => {
    for (const f of fragments.filter((f) => noteSlugs.includes(f.url.slice(1, -1)))) {
      expect(f.filters['section']).toEqual([f.url.split('/')[1]]);
      expect(SECTION_IDS).toContain(f.filters['section']![0]);
      expect(f.meta['title']?.length).toBeGreaterThan(1);
    }
  });

  it('indexes each formula once (MathML, not KaTeX’s visual copy)', () => {
    const kd = fragments.find((f) => f.url === '/training/knowledge-distillation/')!;
    expect(kd.content).toContain('T2');
    expect(kd.content).not.toContain('T2T2');
  });
});
