/**
 * Two languages, one truth: every English note has its Chinese note and the reverse; each
 * translation records the English version it translates and is current; twins show the same
 * code, figures, demos, headings, formulas and worked numbers; a Chinese page is written in
 * Chinese; the glossary has both languages.
 */
import { execFileSync } from 'node:child_process';
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { FigureSpec } from '../../src/lib/figure.ts';
import { englishDiff, gitBlobHash, translationProblems, translationStatus } from '../../src/lib/translations.ts';

const slugs = (lang: string) =>
  globSync(`content/notes/${lang}/**/*.mdx`)
    .map((f) => f.slice(`content/notes/${lang}/`.length, -'.mdx'.length))
    .sort();
const read = (lang: string, slug: string) => readFileSync(`content/notes/${lang}/${slug}.mdx`, 'utf8');
const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');
const frontmatter = (text: string) => parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(text)![1]!) as Record<string, unknown>;

/** Prose only: no code, math, components, tables, links' targets or HTML. */
function prose(text: string): string {
  return body(text)
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]+\$/g, ' ')
    .replace(/<[A-Z][\s\S]*?\/>/g, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/^\|.*\|$/gm, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/`[^`]*`/g, ' ');
}

/** One Chinese character (no g flag: a global regex's .test() keeps state between calls). */
const CJK = /[\u3400-\u9fff]/;
const LATIN = /[A-Za-z]/;
const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'g')) ?? []).length;

/**
 * What both languages must show alike, in order: each component with the attributes that pick
 * what it shows (a Snippet's file and region, a Figure's name, a Callout's type; a Callout's
 * title is prose, written in each language).
 */
const components = (text: string) =>
  [...body(text).matchAll(/<([A-Z][A-Za-z]*)\b([^>]*?)\/?>/g)].map((m) => {
    const attrs = [...m[2]!.matchAll(/\b(file|region|name|type)="([^"]*)"/g)].map((a) => `${a[1]}=${a[2]}`);
    return [m[1], ...attrs].join(' ');
  });
const headingDepths = (text: string) => [...body(text).matchAll(/^(#{2,4}) /gm)].map((m) => m[1]!.length);
const displayMath = (text: string) => [...body(text).matchAll(/\$\$\n?([\s\S]*?)\n?\$\$/g)].map((m) => m[1]!.trim());
/** Inline formulas (a formula may wrap onto the next line of the source), whitespace collapsed. */
const inlineMath = (text: string) =>
  new Set(
    [
      ...body(text)
        .replace(/\$\$[\s\S]*?\$\$/g, '')
        .matchAll(/\$([^$]+?)\$/g),
    ].map((m) => m[1]!.replace(/\s+/g, ' ').trim()),
  );
/** Decimal numbers written in prose and tables (the worked numbers), e.g. 0.0409 or 2.67. */
const decimals = (text: string) =>
  new Set(
    [
      ...body(text)
        .replace(/\$[^$]*\$/g, ' ')
        .replace(/<[A-Z][\s\S]*?\/>/g, ' ')
        .matchAll(/(?<![\w.])\d+\.\d+(?![\w.])/g),
    ].map((m) => m[0]),
  );

const english = slugs('en');
const chinese = slugs('zh');

describe('the Chinese edition', () => {
  it('has a Chinese note for every English note, and no other', () => {
    expect(chinese).toEqual(english);
  });

  it.each(chinese)('%s: records the English version it translates, and it is current', (slug) => {
    const status = translationStatus(process.cwd()).find((s) => s.file === `content/notes/zh/${slug}.mdx`)!;
    const diff = status.state === 'current' ? '' : englishDiff(status.recorded, status.english);
    expect(status.state, `content/notes/zh/${slug}.mdx is stale; the English changed since:\n${diff}`).toBe('current');
  });

  it.each(chinese)('%s: shows the same snippets, figures, demos and headings as the English', (slug) => {
    const en = read('en', slug);
    const zh = read('zh', slug);
    expect(components(zh)).toEqual(components(en));
    expect(headingDepths(zh)).toEqual(headingDepths(en));
  });

  it.each(chinese)('%s: has the same formulas and worked numbers', (slug) => {
    const en = read('en', slug);
    const zh = read('zh', slug);
    expect(displayMath(zh)).toEqual(displayMath(en));
    const zhInline = inlineMath(zh);
    expect([...inlineMath(en)].filter((m) => !zhInline.has(m))).toEqual([]);
    const zhNumbers = decimals(zh);
    expect([...decimals(en)].filter((n) => !zhNumbers.has(n))).toEqual([]);
  });

  // A Chinese article keeps English terms in parentheses at first use, model names (word2vec,
  // GBDT) and symbols' names; in a written-through translation Chinese characters are still far
  // more than half of the letters. A paragraph of untranslated English is at least 8 English
  // words without a single Chinese character.
  it.each(chinese)('%s: is written in Chinese, with no English paragraph left', (slug) => {
    const text = prose(read('zh', slug));
    const cjk = count(text, CJK);
    const latin = count(text, LATIN);
    expect(cjk / (cjk + latin / 4)).toBeGreaterThan(0.75);
    const english = text.split(/\n\s*\n/).filter((p) => !CJK.test(p) && (p.match(/[A-Za-z]{2,}/g) ?? []).length >= 8);
    expect(english).toEqual([]);
    const fm = frontmatter(read('zh', slug));
    expect(String(fm['title'])).toMatch(CJK);
    expect(String(fm['description'])).toMatch(CJK);
    for (const check of fm['checks'] as { q: string; a: string }[]) {
      expect(check.q).toMatch(CJK);
      expect(check.a).toMatch(CJK);
    }
  });

  it.each(english)('%s: defines every term in both languages (the one glossary)', (slug) => {
    for (const term of frontmatter(read('en', slug))['terms'] as { en: string; definitionZh?: string }[])
      expect(term.definitionZh, `${slug}: term "${term.en}" has no definitionZh`).toMatch(CJK);
  });
});

describe('figures', () => {
  const figures = globSync('src/figures/*.ts').sort();
  // Some figures simulate when loaded (a few seconds on a busy machine).
  it.each(figures)('%s: has its caption and alt text in both languages', { timeout: 60_000 }, async (file) => {
    const spec = ((await import(join(process.cwd(), file))) as { default: FigureSpec }).default;
    for (const text of [spec.caption, spec.alt]) {
      expect(typeof text).toBe('object');
      const { en, zh } = text as { en: string; zh: string };
      expect(en).toMatch(LATIN);
      expect(zh).toMatch(CJK);
    }
  });
});

describe('the translation record', () => {
  it("is git's blob hash of the English file", () => {
    const file = 'tests/fixtures/stale-translation/translated-english.mdx';
    expect(gitBlobHash(readFileSync(file))).toBe(
      execFileSync('git', ['hash-object', file], { encoding: 'utf8' }).trim(),
    );
  });

  it('finds a translation stale when its English changed, with the English diff since', () => {
    const root = 'tests/fixtures/stale-translation';
    const [status] = translationStatus(root);
    expect(status).toMatchObject({ file: 'content/notes/zh/recall/second.mdx', state: 'stale' });
    const diff = englishDiff(status!.recorded, status!.english, root);
    expect(diff).toContain('-The part the first note links to.');
    expect(diff).toContain('+The part the first note links to, now with a sentence added after translation.');
  });

  it('finds the base-path fixture’s translations current', () => {
    expect(translationStatus('tests/fixtures/base-path').map((s) => s.state)).toEqual(['current', 'current']);
  });
});

describe('translation problems the build reports', () => {
  const entry = (id: string, checks: string[]) => ({
    id,
    filePath: `content/notes/${id}.mdx`,
    data: { checks: checks.map((c) => ({ id: c })) },
  });
  const root = 'tests/fixtures/base-path';
  const firstIds = () =>
    (frontmatter(readFileSync(`${root}/content/notes/en/recall/first.mdx`, 'utf8'))['checks'] as { id: string }[]).map(
      (c) => c.id,
    );

  it('names an English note that has no translation, when the edition must be complete', () => {
    const only = [entry('zh/recall/first', firstIds())];
    expect(translationProblems(only, root)).toEqual([]);
    const problems = translationProblems(only, root, true);
    expect(problems.map((p) => `${p.filePath}: ${p.message}`)).toEqual([
      'content/notes/en/recall/second.mdx: has no zh translation (content/notes/zh/recall/second.mdx)',
    ]);
  });

  it('names a translation without its English note, and self-check ids out of order', () => {
    const problems = translationProblems(
      [entry('zh/recall/missing', []), entry('zh/recall/first', [...firstIds()].reverse())],
      root,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'translates content/notes/en/recall/missing.mdx, which does not exist',
      expect.stringMatching(/^self-check ids must be the English note's, in order: /),
    ]);
  });
});
