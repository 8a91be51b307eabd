/**
 * Snippet highlighting: the markup of Astro's <Code> (whose highlighter, from Astro's own helpers,
 * is the reference here), each code string highlighted once, and the scan that tells the build's
 * worker which snippets the notes show.
 */
import { createShikiHighlighter } from '@astrojs/internal-helpers/shiki';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { highlightSnippetsAhead, snippetCodes } from '../../src/integrations/snippet-highlights.ts';
import { highlightTs } from '../../src/lib/highlight.ts';
import { shikiThemes } from '../../src/lib/shiki.ts';
import { readSnippet } from '../../src/lib/snippets.ts';

/** What `<Code code lang="ts" themes defaultColor={false} />` renders. */
async function astroCode(code: string): Promise<string> {
  // As <Code> calls it: a bundled language by name (the helper's type lists only grammar objects).
  const highlighter = await createShikiHighlighter({ langs: ['ts' as never], themes: shikiThemes });
  return highlighter.codeToHtml(code, 'ts', { defaultColor: false, wrap: false, inline: false, transformers: [] });
}

describe('highlightTs', () => {
  it("gives Astro's <Code> markup, byte for byte", async () => {
    for (const code of [
      readSnippet('evaluation/auc').code,
      'const x: number = 1; // a comment',
      'export const s = `tpl ${1 + 2}`;\n\n\tindented();',
      '',
    ])
      expect(await highlightTs(code)).toBe(await astroCode(code));
  });

  it('colours every line in full however long the machine keeps it waiting', async () => {
    // A busy machine, seen through the clock Shiki's tokenizer reads: a second passes per look.
    const code =
      'export function f(x: number): number {\n  if (x < 0) throw new RangeError(`x: ${x}`);\n  return x;\n}';
    const calm = await astroCode(code);
    let now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    try {
      expect(await highlightTs(code)).toBe(calm);
    } finally {
      clock.mockRestore();
    }
  });

  it('highlights each code string once', () => {
    const code = 'const once = 1;';
    expect(highlightTs(code)).toBe(highlightTs(code));
  });
});

describe('the snippets the notes show', () => {
  /** A project with one snippet module (and its test) and notes that show it. */
  function project(notes: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'rr-snippets-'));
    mkdirSync(join(root, 'content/snippets/s'), { recursive: true });
    mkdirSync(join(root, 'tests/snippets/s'), { recursive: true });
    writeFileSync(join(root, 'content/snippets/s/m.ts'), 'const a = 1;\n// #region r\nconst b = 2;\n// #endregion\n');
    writeFileSync(join(root, 'tests/snippets/s/m.test.ts'), '');
    for (const [path, text] of Object.entries(notes)) {
      mkdirSync(join(root, 'content/notes', path, '..'), { recursive: true });
      writeFileSync(join(root, 'content/notes', path), text);
    }
    return root;
  }

  it('finds every <Snippet>, whole files and regions, each code once', () => {
    const root = project({
      'en/a/x.mdx': 'Text\n\n<Snippet file="s/m" region="r" />\n\n<Snippet file="s/m" />\n',
      'zh/a/x.mdx': '<Snippet region="r" file="s/m" />\n',
    });
    expect(snippetCodes(root, root)).toEqual(['const b = 2;', 'const a = 1;\nconst b = 2;']);
  });

  it('leaves a snippet it cannot read to <Snippet>, which reports it', () => {
    const root = project({ 'en/a/x.mdx': '<Snippet file="s/none" />\n<Snippet file="s/m" region="nope" />\n' });
    expect(snippetCodes(root, root)).toEqual([]);
    expect(highlightSnippetsAhead(root, root).size).toBe(0);
  });

  it('highlights them in a worker thread, the same as on this one', async () => {
    const root = project({ 'en/a/x.mdx': '<Snippet file="s/m" region="r" />\n' });
    const ahead = highlightSnippetsAhead(root, root);
    expect([...ahead.keys()]).toEqual(['const b = 2;']);
    expect(await ahead.get('const b = 2;')).toBe(await highlightTs('const b = 2;'));
  });
});
