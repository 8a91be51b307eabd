/**
 * The printed books (npm run build:pdf, run by npm test after the build): one PDF per language
 * with every note, in the site's reading order, each formula typeset, pages numbered, and the
 * download pages linking them with their sizes.
 */
import { parseHTML } from 'linkedom';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../src/i18n/langs.ts';
import { formatBytes } from '../../src/integrations/offline.ts';
import { BOOK_REPORT, bookFile } from '../../src/lib/site-assets.ts';
import { DIST, readDist } from '../support/site.ts';

const prefix = (lang: Lang) => (lang === 'en' ? '' : `${lang}/`);

/** The notes of `lang` in the order of the site's sidebar. */
function readingOrder(lang: Lang): { slug: string; title: string }[] {
  const { document } = parseHTML(readDist(`${prefix(lang)}index.html`));
  return [...document.querySelectorAll('.sidebar a[data-note]')].map((a) => ({
    slug: a.getAttribute('data-note')!,
    title: a.textContent!.trim(),
  }));
}

/** Text of each page; whitespace removed, because PDF text runs break lines and CJK anywhere. */
async function pageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    texts.push(squash(content.items.map((item) => ('str' in item ? item.str : '')).join('')));
  }
  return texts;
}

/**
 * Chromium writes some CJK glyphs of Noto CJK with the code points of the radicals that share their
 * shape (⼊ U+2F0A for 入, ⻓ U+2ED3 for 长): NFKC folds most Kangxi radicals; this table maps the
 * supplement's simplified forms found in the books, and the radicals NFKC folds to a traditional form.
 */
const RADICALS: Record<string, string> = {
  '⻓': '长',
  '⻚': '页',
  '⻅': '见',
  '⻔': '门',
  '⻉': '贝',
  '⻛': '风',
  '⻆': '角',
  '⻢': '马',
  '⻬': '齐',
  '⻋': '车',
  '⻘': '青',
  // NFKC would fold this Kangxi radical to the traditional 戶.
  '⼾': '户',
};
const squash = (s: string) =>
  s
    .replace(/[\u2e80-\u2fdf]/g, (c) => RADICALS[c] ?? c)
    .normalize('NFKC')
    .replace(/\s+/g, '');

describe.each(LANGS)('the %s book', (lang) => {
  const file = join(DIST, bookFile(lang));
  const notes = readingOrder(lang);
  let pdf: PDFDocumentProxy;
  let pages: string[];
  beforeAll(async () => {
    pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    pages = await pageTexts(pdf);
  });

  it('is built', () => {
    expect(existsSync(file)).toBe(true);
    expect(notes.length).toBeGreaterThan(50);
  });

  it('lists every note in the contents, then prints every note in reading order, each from a new page', () => {
    const text = pages.join('');
    let at = 0;
    // First pass: the table of contents; second pass: the notes themselves.
    for (const pass of ['contents', 'notes'])
      for (const { title } of notes) {
        const found = text.indexOf(squash(title), at);
        expect(found, `${pass}: "${title}" after position ${at}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    // Each note starts a page: after the contents, its title is at the top of a page, in order.
    const contentsEnd = pages.findIndex((p) => p.includes(squash(notes.at(-1)!.title)));
    let previous = contentsEnd;
    const missing: string[] = [];
    for (const { title } of notes) {
      const start = pages.findIndex((p, i) => i > previous && p.slice(0, 200).includes(squash(title)));
      if (start < 0) missing.push(title);
      else previous = start;
    }
    expect(missing).toEqual([]);
  });

  it('numbers its pages', () => {
    const last = pdf.numPages;
    expect(last).toBeGreaterThan(notes.length);
    expect(pages[last - 1]).toContain(`${last}/${last}`);
  });

  it('typesets every formula of the notes: none missing, none left as TeX', () => {
    const report = JSON.parse(readFileSync(BOOK_REPORT, 'utf8')) as Record<string, { formulas: number; pages: number }>;
    let formulas = 0;
    for (const { slug } of notes)
      formulas += parseHTML(readDist(`${prefix(lang)}${slug}/index.html`))
        .document.querySelector('article.content')!
        .querySelectorAll('.katex').length;
    expect(formulas).toBeGreaterThan(1000);
    expect(report[lang]!.formulas).toBe(formulas);
    expect(report[lang]!.pages).toBe(pdf.numPages);
    const text = pages.join('');
    for (const tex of ['\\frac', '\\sum', '\\mathbf', '$$']) expect(text.includes(tex), tex).toBe(false);
  });

  it('embeds the KaTeX fonts', () => {
    // Font names are plain text in the PDF's font dictionaries (subset fonts: ABCDEF+KaTeX_Main-Regular).
    const raw = readFileSync(file).toString('latin1');
    for (const font of ['KaTeX_Main', 'KaTeX_Math']) expect(raw.includes(`+${font}`), font).toBe(true);
  });

  it('is linked from the download page with its size', () => {
    const { document } = parseHTML(readDist(`${prefix(lang)}download/index.html`));
    const section = document.querySelector('section[data-books]')!;
    expect(section.hasAttribute('hidden')).toBe(false);
    const link = [...section.querySelectorAll('a')].find((a) => a.getAttribute('href')!.endsWith(bookFile(lang)))!;
    expect(link).toBeDefined();
    expect(link.parentElement!.textContent).toContain(`${pdf.numPages} `);
    expect(link.parentElement!.textContent).toContain(formatBytes(statSync(file).size));
  });
});
