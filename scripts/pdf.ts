/**
 * npm run build:pdf: the whole site as a book, one PDF per language, printed by the Chromium the
 * browser tests use (playwright-core, Debian's /usr/bin/chromium or CHROME_PATH).
 *
 * From the built site in dist/ it assembles one page per language: a cover, a table of contents
 * (each entry a link), then every note in reading order as it appears on the site,
 * self-check answers open, links between notes turned into links inside the book. It prints that
 * page in the light theme with page numbers, writes dist/recall-and-rank-<lang>.pdf and puts each
 * PDF's link and size on the download pages. Run after `npm run build`.
 */
import { parseHTML } from 'linkedom';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { join } from 'node:path';
import { HTML_LANG, LANGS, type Lang } from '../src/i18n/langs.ts';
import { uiFor } from '../src/i18n/ui.ts';
import { formatBytes } from '../src/integrations/offline.ts';
import { BOOK_REPORT, bookFile } from '../src/lib/site-assets.ts';
import { launch } from '../tests/support/browser.ts';
import { serve } from '../tests/support/server.ts';

const DIST = process.argv[2] ?? 'dist';
if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/ is not built: run npm run build first`);

/** The notes of `lang` in reading order, from the built sidebar. */
function readingOrder(lang: Lang): { slug: string; title: string; section: string }[] {
  const home = lang === 'en' ? 'index.html' : `${lang}/index.html`;
  const { document } = parseHTML(readFileSync(join(DIST, home), 'utf8'));
  return [...document.querySelectorAll('.sidebar .nav-section')].flatMap((section) =>
    [...section.querySelectorAll('a[data-note]')].map((a) => ({
      slug: a.getAttribute('data-note')!,
      title: a.textContent!.trim(),
      section: section.querySelector('summary')!.textContent!.trim(),
    })),
  );
}

/**
 * How long a book page may take to reach network idle before printing fails (ms). A book of a
 * thousand pages takes Chromium 20-30 s on two cores with both languages loading at once, too
 * close to Playwright's 30 s default.
 */
const BOOK_LOAD_TIMEOUT_MS = 10 * 60_000;

const anchor = (slug: string) => `note-${slug.replace('/', '--')}`;

/** The book page of `lang`: the site's own head (styles, KaTeX), then cover, contents and notes. */
function bookHtml(lang: Lang): { html: string; notes: number; formulas: number } {
  const t = uiFor(lang);
  const prefix = lang === 'en' ? '' : `${lang}/`;
  const notes = readingOrder(lang);
  const first = parseHTML(readFileSync(join(DIST, `${prefix}${notes[0]!.slug}/index.html`), 'utf8')).document;
  const styles = [...first.querySelectorAll('link[rel="stylesheet"], style')].map((el) => el.outerHTML).join('\n');
  let formulas = 0;
  const chapters: string[] = [];
  let section = '';
  for (const note of notes) {
    const { document } = parseHTML(readFileSync(join(DIST, `${prefix}${note.slug}/index.html`), 'utf8'));
    const article = document.querySelector('article.content')!;
    for (const el of article.querySelectorAll('.study-controls, .meta-line, [data-demo] form, .static-note'))
      el.remove();
    for (const d of article.querySelectorAll('details')) d.setAttribute('open', '');
    // Ids are unique per page; in the book each is prefixed by its note.
    for (const el of article.querySelectorAll('[id]'))
      el.setAttribute('id', `${anchor(note.slug)}--${el.getAttribute('id')}`);
    for (const a of article.querySelectorAll('a[href]')) {
      const href = a.getAttribute('href')!;
      const m = new RegExp(`^/${prefix}([a-z0-9-]+/[a-z0-9-]+)/(?:#(.*))?$`).exec(href);
      if (m && notes.some((n) => n.slug === m[1]))
        a.setAttribute('href', `#${anchor(m[1]!)}${m[2] ? `--${m[2]}` : ''}`);
      else if (href.startsWith('#')) a.setAttribute('href', `#${anchor(note.slug)}--${href.slice(1)}`);
    }
    formulas += article.querySelectorAll('.katex').length;
    const heading = note.section !== section ? `<h1 class="book-section">${note.section}</h1>` : '';
    section = note.section;
    chapters.push(`${heading}<section class="book-note" id="${anchor(note.slug)}">${article.innerHTML}</section>`);
  }
  const contents = notes
    .map((n, i) => {
      const head = i === 0 || notes[i - 1]!.section !== n.section ? `<li class="toc-section">${n.section}</li>` : '';
      return `${head}<li><a href="#${anchor(n.slug)}">${n.title}</a></li>`;
    })
    .join('');
  const html = `<!doctype html><html lang="${HTML_LANG[lang]}" data-theme="light"><head><meta charset="utf-8">
<title>${t.siteName} — ${t.book.title}</title>${styles}
<style>
  @page { size: A4; margin: 18mm 16mm 20mm; }
  body { font-size: 10.5pt; }
  .book-cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
  .book-cover h1 { font-size: 32pt; }
  .book-toc { break-after: page; }
  .book-toc ol { list-style: none; padding: 0; columns: 2; }
  .book-toc .toc-section { font-weight: 700; margin-top: 0.6em; break-after: avoid; }
  .book-section { break-before: page; font-size: 22pt; }
  .book-note { break-before: page; }
  .book-section + .book-note { break-before: auto; }
  .figure-scroll { overflow: visible; }
  .figure svg { max-width: 100%; }
</style></head><body><main class="book content">
<div class="book-cover"><h1>${t.siteName}</h1><p class="lede">${t.home.description}</p></div>
<nav class="book-toc"><h1>${t.book.contents}</h1><ol>${contents}</ol></nav>
${chapters.join('\n')}
</main></body></html>`;
  return { html, notes: notes.length, formulas };
}

const server = await serve(DIST);
const browser = await launch();
const built: Record<string, { file: string; pages: number; bytes: number; formulas: number }> = {};
/** Print the book of `lang` (both languages print at once, each in its own renderer process). */
async function printBook(lang: Lang): Promise<void> {
  const { html, notes, formulas } = bookHtml(lang);
  // Served from the site, so its styles, fonts and images load as on the site.
  const name = `book-${lang}.html`;
  mkdirSync(join(DIST, '_book'), { recursive: true });
  writeFileSync(join(DIST, '_book', name), html);
  const started = performance.now();
  const step = (what: string) =>
    console.log(`  ${lang}: ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const page = await browser.newPage({ colorScheme: 'light' });
  await page.goto(`${server.url}/_book/${name}`, { waitUntil: 'networkidle', timeout: BOOK_LOAD_TIMEOUT_MS });
  await page.evaluate(() => document.fonts.ready);
  step('book page loaded');
  const rendered = await page.locator('.katex').count();
  if (rendered !== formulas) throw new Error(`${lang}: ${formulas} formulas in the notes, ${rendered} in the book`);
  if (await page.locator('.katex-error').count()) throw new Error(`${lang}: a formula failed to render`);
  // A formula set in a fallback font prints, but wrong: the KaTeX fonts must have loaded.
  const fonts = await page.evaluate(() => ['KaTeX_Main', 'KaTeX_Math'].map((f) => document.fonts.check(`16px ${f}`)));
  if (!fonts.every(Boolean)) throw new Error(`${lang}: the KaTeX fonts did not load`);
  const t = uiFor(lang);
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="width:100%;font-size:8pt;color:#666;text-align:center">${t.siteName} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
    margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
    // A tagged PDF (and the outline, which needs the tags) takes Chromium several times longer
    // to print a thousand pages; the contents page links every note instead.
    outline: false,
    tagged: false,
  });
  await page.close();
  step('printed');
  const file = bookFile(lang);
  writeFileSync(join(DIST, file), pdf);
  const pages = (await getDocument({ data: new Uint8Array(pdf) }).promise).numPages;
  built[lang] = { file, pages, bytes: statSync(join(DIST, file)).size, formulas: rendered };
  console.log(`✓ ${file}: ${notes} notes, ${formulas} formulas, ${pages} pages, ${formatBytes(built[lang].bytes)}`);
}

try {
  await Promise.all(LANGS.map(printBook));
} finally {
  await browser.close();
  await server.close();
  // The book pages are a means to print, not part of the site.
  rmSync(join(DIST, '_book'), { recursive: true, force: true });
}

// What was printed, for tests/site/book.test.ts (outside dist/: not part of the site).
mkdirSync('.tmp', { recursive: true });
writeFileSync(BOOK_REPORT, JSON.stringify(built, null, 2));

// The download pages link each book with its size (relative links: any base path, any depth).
for (const lang of LANGS) {
  const depth = lang === 'en' ? 1 : 2;
  const page = join(DIST, lang === 'en' ? '' : lang, 'download/index.html');
  if (!existsSync(page)) continue;
  const items = Object.entries(built)
    .map(
      ([l, b]) =>
        `<li><a href="${'../'.repeat(depth)}${b.file}" download hreflang="${HTML_LANG[l as Lang]}">${uiFor(l as Lang).languageName} · ${b.file}</a> (PDF, ${b.pages} pages, ${formatBytes(b.bytes)})</li>`,
    )
    .join('');
  const html = readFileSync(page, 'utf8')
    .replace('<section data-books hidden', '<section data-books')
    .replace('<ul data-book-links></ul>', `<ul data-book-links>${items}</ul>`);
  writeFileSync(page, html);
}
