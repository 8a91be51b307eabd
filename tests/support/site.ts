/** The built site, as the site and browser tests see it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The built site: dist/, or another build's output given in RR_DIST (e.g. a copy kept while rebuilding). */
export const DIST = process.env['RR_DIST'] ?? 'dist';

/** The site's address as astro.config.mjs sets it (the language alternates are absolute). */
export const SITE = 'https://recall-and-rank.example';

/** The base-path fixture (tests/site/base-path.test.ts builds it; the browser tests serve it). */
export const BASE = '/recall-and-rank/';
export const BASE_DIST = '.tmp/fixtures/base-path-base/dist';
export const NOTES_DIR = 'content/notes/en';

if (!existsSync(join(DIST, 'index.html')))
  throw new Error('dist/ is not built: run `npm run build` first (npm test does).');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [relative('.', join(dir, e.name)).split(sep).join('/')],
  );
}

/** Slugs of every note source, e.g. "recall/alias-sampling". */
export const noteSlugs = walk(NOTES_DIR)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.slice(NOTES_DIR.length + 1, -'.mdx'.length))
  .sort();

/** Every HTML page of dist, relative to it. */
export const htmlPages = walk(DIST)
  .filter((f) => f.endsWith('.html'))
  .map((f) => relative(DIST, f).split(sep).join('/'))
  .sort();

export const readDist = (file: string): string => readFileSync(join(DIST, file), 'utf8');

/** Notes whose page includes a demo (they may load a demo script). */
export const pagesWithDemos = noteSlugs.filter((s) =>
  /<[A-Z][A-Za-z0-9]*Demo\b/.test(readFileSync(join(NOTES_DIR, `${s}.mdx`), 'utf8')),
);
