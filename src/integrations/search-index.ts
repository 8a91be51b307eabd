/**
 * The search indexes, one Pagefind bundle per language (dist/pagefind/<lang>/), built through
 * Pagefind's Node API. Separate bundles let the search on any page ask the index of the query's
 * language: a Chinese query searches the Chinese pages, segmented as Chinese, even from an
 * English page.
 */
import { AstroError } from 'astro/errors';
import { Parser } from 'htmlparser2';
import { readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { DEFAULT_LANG, HTML_LANG, LANGS, type Lang } from '../i18n/langs.ts';
import type { QuickDoc } from '../lib/search-quick.ts';
import { listFiles } from '../lib/site-files.ts';

export interface SearchBundle {
  lang: Lang;
  /** Pages indexed. */
  pages: number;
  /** Every file of the bundle, path relative to it (for the offline copy, which cannot fetch them). */
  files: { path: string; content: Uint8Array }[];
}

/** The bundle folder of a language, relative to the site root. */
export const searchBundlePath = (lang: Lang): string => `pagefind/${lang}/`;

/** Pagefind's own search UIs, which the site does not use (it has its own dialog). */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui)\.(?:js|css)$/;

/**
 * The URL of a built file below the base path: `zh/recall/x/index.html` -> `/zh/recall/x/`. The
 * search adds the base (Pagefind's `baseUrl`), so one index serves the site and its offline copy.
 */
const urlOf = (file: string) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`;

/**
 * The quick-index entry of a searchable page (one with data-pagefind-body), read from its HTML in
 * one streaming pass: its h1, section, term chips and tags. The pass stops where a note's body
 * begins (its .prose, after all of these: src/layouts/Note.astro).
 */
export function quickDoc(file: string, html: string): QuickDoc | undefined {
  let searchable = false;
  let title = '';
  let section = '';
  let tags: string[] = [];
  const keys: string[] = [];
  // What the parser is inside of: the h1, the section filter, a term chip (<li> of .terms).
  let into: 'title' | 'section' | 'term' | undefined;
  let inTerms = false;
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        // A note's body (its .prose) comes after all of this: the rest need not be read.
        if (searchable && attrs['class']?.split(' ').includes('prose')) return parser.pause();
        if (attrs['data-pagefind-body'] !== undefined) {
          searchable = true;
          tags = attrs['data-tags']?.split('|').filter(Boolean) ?? [];
        }
        if (!searchable) return;
        if (tag === 'h1' && !title) into = 'title';
        else if (attrs['data-pagefind-filter'] === 'section') into = 'section';
        else if (tag === 'ul' && attrs['class']?.split(' ').includes('terms')) inTerms = true;
        else if (tag === 'li' && inTerms) {
          into = 'term';
          keys.push('');
        }
      },
      ontext(text) {
        if (into === 'title') title += text;
        else if (into === 'section') section += text;
        else if (into === 'term') keys[keys.length - 1] += text;
      },
      onclosetag(tag) {
        if (
          (tag === 'h1' && into === 'title') ||
          (tag === 'span' && into === 'section') ||
          (tag === 'li' && into === 'term')
        )
          into = undefined;
        if (tag === 'ul' && inTerms) inTerms = false;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  if (!searchable) return undefined;
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    url: urlOf(file),
    title: clean(title),
    section: clean(section),
    keys: [...keys.map(clean), ...tags].filter(Boolean),
  };
}

/** The quick index of a language as a classic script (file:// pages may run scripts, not fetch JSON). */
export const quickIndexScript = (lang: Lang, docs: QuickDoc[]): string =>
  `(window.RRQuick=window.RRQuick||{})[${JSON.stringify(lang)}]=${JSON.stringify(docs)};\n`;

/** Name of the quick index in each bundle folder. */
export const QUICK_INDEX = 'rr-quick.js';

/**
 * The pages of `lang` as a Pagefind glob over the output folder, whose top-level names are
 * `topLevel`: a translation's folder (`zh/**` + `/*.html`), or for the default language
 * everything outside the translations' folders and the search bundles.
 */
export function languageGlob(lang: Lang, topLevel: readonly string[]): string {
  if (lang !== DEFAULT_LANG) return `${lang}/**/*.html`;
  const outside = new Set<string>([...LANGS.filter((l) => l !== DEFAULT_LANG), 'pagefind']);
  const names = topLevel.filter((n) => !outside.has(n) && !n.includes('.')).map((n) => `${n}/**/*.html`);
  return `{${['*.html', ...names].join(',')}}`;
}

/** Indexing under way; `finish` writes each language's bundle once Pagefind is done. */
export interface SearchIndexing {
  finish(pages: ReadonlyMap<string, string>): Promise<SearchBundle[]>;
  /** Stop Pagefind (the build failed before `finish`). */
  cancel(): Promise<void>;
}

type Indexing = { lang: Lang; index: pagefind.PagefindIndex; added: Promise<pagefind.IndexingResponse> };

/**
 * Start indexing the pages in `out`, one index per language, side by side. Resolves as soon as
 * Pagefind has been told which files to read: it reads and indexes them in its own process, so
 * this thread is free (the build checks the site meanwhile) until `finish`.
 */
export async function startSearchIndexes(out: string): Promise<SearchIndexing> {
  const topLevel = readdirSync(out);
  let started: Indexing[];
  try {
    started = await Promise.all(
      LANGS.map(async (lang) => {
        const { index, errors } = await pagefind.createIndex({
          // KaTeX draws each formula twice: as MathML (read by screen readers) and as HTML (seen).
          // The index takes the MathML only, so a formula appears once in results.
          excludeSelectors: ['.katex-html'],
          // One language per bundle: Chinese is segmented into words, English stemmed.
          forceLanguage: lang,
        });
        if (!index || errors.length) throw new AstroError(`Pagefind could not start: ${errors.join('; ')}`);
        // Pagefind reads the pages itself, several at a time, as Starlight has it do.
        const added = index.addDirectory({ path: out, glob: languageGlob(lang, topLevel) });
        added.catch(() => undefined); // awaited in finish
        return { lang, index, added };
      }),
    );
  } catch (error) {
    await pagefind.close();
    throw error;
  }
  return {
    async finish(pages) {
      try {
        const bundles = await Promise.all(started.map((s) => writeBundle(out, s, pages)));
        return bundles.filter((b): b is SearchBundle => b !== undefined);
      } finally {
        await pagefind.close();
      }
    },
    async cancel() {
      await pagefind.close();
    },
  };
}

async function writeBundle(
  out: string,
  { lang, index, added }: Indexing,
  pages: ReadonlyMap<string, string>,
): Promise<SearchBundle | undefined> {
  // The quick index is read from the pages while Pagefind is still indexing them.
  const own = [...pages].filter(([, html]) => new RegExp(`<html[^>]* lang="${HTML_LANG[lang]}"`).test(html));
  const docs = own.flatMap(([file, html]) => quickDoc(file, html) ?? []);
  const { errors } = await added;
  if (errors.length) throw new AstroError(`Pagefind: ${errors.join('; ')}`);
  if (own.length === 0) return undefined;
  const outputPath = join(out, searchBundlePath(lang));
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) throw new AstroError(`Pagefind: ${written.errors.join('; ')}`);
  await Promise.all(
    listFiles(outputPath)
      .filter((f) => UNUSED.test(f))
      .map((f) => rm(join(outputPath, f))),
  );
  // Every searchable page of the language is in its index, and no other.
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
  if (indexed !== docs.length)
    throw new AstroError(
      `Pagefind indexed ${indexed} ${lang} pages, but ${docs.length} ${lang} pages are searchable`,
      "Each translation's pages are indexed from its own folder (/zh/...) and the default language's from the rest: check that every page's <html lang> matches its folder.",
    );
  await writeFile(join(outputPath, QUICK_INDEX), quickIndexScript(lang, docs));
  const files = listFiles(outputPath)
    .filter((path) => path !== QUICK_INDEX)
    .map((path) => ({ path, content: readFileSync(join(outputPath, path)) }));
  return { lang, pages: docs.length, files };
}
