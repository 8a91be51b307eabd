/** The real Pagefind index, decoded: it must cover every note and carry the section filter. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sectionById } from '../../src/lib/sections.ts';
import { DIST, noteSlugs } from '../support/site.ts';

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

// Pagefind stores each page as a gzipped "pagefind_dcd" signature followed by JSON.
const fragments: Fragment[] = readdirSync(join(DIST, 'pagefind/fragment')).map((f) => {
  const text = gunzipSync(readFileSync(join(DIST, 'pagefind/fragment', f))).toString('utf8');
  return JSON.parse(text.slice(text.indexOf('{'))) as Fragment;
});

describe('the Pagefind index', () => {
  it('holds every note and nothing else', () => {
    expect(fragments.map((f) => f.url).sort()).toEqual(noteSlugs.map((s) => `/${s}/`).sort());
  });

  it('files each note under its section and title', () => {
    for (const f of fragments) {
      const section = f.url.split('/')[1]!;
      expect(f.filters['section']).toEqual([sectionById(section).title]);
      expect(f.meta['title']?.length).toBeGreaterThan(1);
    }
  });

  it('indexes the Chinese terms of English notes', () => {
    const ts = fragments.find((f) => f.url === '/bandits/thompson-sampling/');
    expect(ts?.content).toContain('汤普森采样');
  });
});
