/**
 * The review pages as built: one card per self-check question of every note, keyed by the note and
 * the question's id (so a rebuild, a reworded question or another language keeps a reader's history).
 */
import { parseHTML } from 'linkedom';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cardId } from '../../src/lib/study/store.ts';
import { NOTES_DIR, noteSlugs, readDist } from '../support/site.ts';

/** The card ids on a built review page, in page order. */
function cards(file: string): string[] {
  const { document } = parseHTML(readDist(file));
  const template = document.querySelector('template[data-cards]')!;
  // linkedom keeps a template's children in its content fragment.
  const root = (template as unknown as { content?: ParentNode }).content ?? template;
  return [...root.querySelectorAll('[data-card]')].map((c) => c.getAttribute('data-card')!);
}

describe('the review pages', () => {
  it('have one card per self-check question, keyed by note and question id, the same in both languages', () => {
    const expected = noteSlugs.flatMap((slug) => {
      const text = readFileSync(join(NOTES_DIR, `${slug}.mdx`), 'utf8');
      const data = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as { checks: { id: string }[] };
      return data.checks.map((c) => cardId(slug, c.id));
    });
    const en = cards('review/index.html');
    const zh = cards('zh/review/index.html');
    expect(expected.length).toBeGreaterThan(250);
    expect(new Set(en).size).toBe(en.length);
    expect([...en].sort()).toEqual([...expected].sort());
    expect(zh).toEqual(en);
  });
});
