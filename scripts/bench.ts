/**
 * npm run bench: measures the things the site promises, prints a table and writes
 * bench/results/latest.json.
 *  - build seconds per page (a full `npm run build`);
 *  - first-load bytes per page split into HTML, CSS, JS and fonts, raw and gzip, as Chromium
 *    actually requests them;
 *  - script bytes on plain note pages (no demo);
 *  - search index bytes;
 *  - search latency p50/p95 in Chromium over fixed English and Chinese queries, index loaded.
 * It is a measurement, not a test: it exits 0 and marks each target as met or missed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/support/browser.ts';
import { serve } from '../tests/support/server.ts';
import { listFiles } from '../src/lib/site-files.ts';

const DIST = 'dist';
const QUERIES = [
  'thompson sampling',
  'alias',
  'negative sampling',
  'auc',
  'calibration',
  'two tower',
  'batch norm',
  'adam',
  'node2vec',
  'focal loss',
  '汤普森采样',
  '负采样',
  '召回',
  '校准',
  '别名采样',
  '分组',
];
const REPEATS = 5;

const kb = (n: number) => (n / 1024).toFixed(1);
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

// 1. Build.
const t0 = performance.now();
const build = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
});
if (build.status !== 0) throw new Error('bench: the build failed');
const buildSeconds = (performance.now() - t0) / 1000;
const files = listFiles(DIST);
const pages = files.filter((f) => f.endsWith('.html'));

// 2. First-load weight of every page, from what Chromium requests.
type Kind = 'html' | 'css' | 'js' | 'font' | 'other';
const kindOf = (url: string): Kind =>
  /\.html$|\/$/.test(url)
    ? 'html'
    : /\.css$/.test(url)
      ? 'css'
      : /\.js$/.test(url)
        ? 'js'
        : /\.woff2?$/.test(url)
          ? 'font'
          : 'other';

const server = await serve(DIST);
const browser = await launch();
const page = await browser.newPage();
interface Weight {
  page: string;
  raw: Record<Kind, number>;
  gzip: Record<Kind, number>;
  scripts: number;
  scriptsGzip: number;
}
const weights: Weight[] = [];
for (const file of pages) {
  const urls: string[] = [];
  const listener = (r: { url(): string }) => urls.push(r.url());
  page.on('request', listener);
  await page.goto(`${server.url}/${file.replace(/index\.html$/, '')}`, { waitUntil: 'networkidle' });
  page.off('request', listener);
  const w: Weight = {
    page: file,
    raw: { html: 0, css: 0, js: 0, font: 0, other: 0 },
    gzip: { html: 0, css: 0, js: 0, font: 0, other: 0 },
    scripts: 0,
    scriptsGzip: 0,
  };
  for (const url of new Set(urls)) {
    let path = decodeURIComponent(new URL(url).pathname).slice(1);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const body = readFileSync(join(DIST, path));
    const kind = kindOf(path);
    w.raw[kind] += body.length;
    w.gzip[kind] += gzipSync(body).length;
  }
  // Inline scripts count as script bytes too (the theme snippet).
  const html = readFileSync(join(DIST, file), 'utf8');
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
  w.scripts = w.raw.js + Buffer.byteLength(inline);
  w.scriptsGzip = w.gzip.js + gzipSync(inline).length;
  weights.push(w);
}

// 3. Search latency with the real index, after a warm-up query has loaded it.
await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
const latencies: Record<string, number[]> = await page.evaluate(
  async ({ queries, repeats }) => {
    const url = '/pagefind/pagefind.js'; // a variable: this runs in the page, not in Node
    const pagefind = await import(url);
    await pagefind.init();
    const run = async (q: string) => {
      const r = await pagefind.search(q);
      await Promise.all(r.results.slice(0, 10).map((x: { data(): Promise<unknown> }) => x.data()));
      return r.results.length;
    };
    for (const q of queries) await run(q); // load every index chunk the queries need
    const out: Record<string, number[]> = {};
    for (const q of queries) {
      out[q] = [];
      for (let i = 0; i < repeats; i++) {
        const t = performance.now();
        await run(q);
        out[q].push(performance.now() - t);
      }
    }
    return out;
  },
  { queries: QUERIES, repeats: REPEATS },
);
await browser.close();
await server.close();

// 4. Report.
const all = Object.values(latencies).flat();
const notes = weights.filter((w) => w.page.split('/').length === 3);
const plain = notes.filter((w) => !/\/_client\/demos\//.test(readFileSync(join(DIST, w.page), 'utf8')));
const firstLoadGzip = (w: Weight) => w.gzip.html + w.gzip.css + w.gzip.js;
const indexBytes = files
  .filter((f) => /^pagefind\/(index|fragment|filter|wasm|pagefind\.|pagefind-entry)/.test(f))
  .reduce((s, f) => s + statSync(join(DIST, f)).size, 0);
const maxPlainScripts = Math.max(...plain.map((w) => w.scriptsGzip));
const maxNoteFirstLoad = Math.max(...notes.map(firstLoadGzip));
const p95 = percentile(all, 95);

const summary = {
  date: new Date().toISOString(),
  pages: pages.length,
  build: { seconds: +buildSeconds.toFixed(1), secondsPerPage: +(buildSeconds / pages.length).toFixed(3) },
  plainNotePageScripts: { maxGzipBytes: maxPlainScripts, target: 3 * 1024, met: maxPlainScripts <= 3 * 1024 },
  notePageFirstLoadWithoutFonts: {
    maxGzipBytes: maxNoteFirstLoad,
    target: 60 * 1024,
    met: maxNoteFirstLoad <= 60 * 1024,
  },
  searchIndexBytes: indexBytes,
  searchLatencyMs: { p50: +percentile(all, 50).toFixed(2), p95: +p95.toFixed(2), target95: 50, met: p95 <= 50 },
  perQueryMedianMs: Object.fromEntries(Object.entries(latencies).map(([q, xs]) => [q, +percentile(xs, 50).toFixed(2)])),
  perPage: weights,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(summary, null, 2)}\n`);

const row = (cells: (string | number)[]) => console.log(cells.map((c, i) => String(c).padStart(i ? 9 : 44)).join(' '));
console.log('\nFirst load per page, KB (raw / gzip); fonts are only those the page uses');
row(['page', 'html', 'html.gz', 'css.gz', 'js', 'js.gz', 'fonts', 'total.gz']);
for (const w of weights)
  row([
    w.page,
    kb(w.raw.html),
    kb(w.gzip.html),
    kb(w.gzip.css),
    kb(w.scripts),
    kb(w.scriptsGzip),
    kb(w.raw.font),
    kb(firstLoadGzip(w)),
  ]);
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
console.log(`
build                      ${summary.build.seconds} s for ${pages.length} pages (${summary.build.secondsPerPage} s/page)
plain note page scripts    max ${kb(maxPlainScripts)} KB gzip (target <= 3 KB: ${mark(summary.plainNotePageScripts.met)})
note page first load       max ${kb(maxNoteFirstLoad)} KB gzip without fonts (target <= 60 KB: ${mark(summary.notePageFirstLoadWithoutFonts.met)})
search index               ${kb(indexBytes)} KB on disk
search latency             p50 ${summary.searchLatencyMs.p50} ms, p95 ${summary.searchLatencyMs.p95} ms over ${all.length} searches (target p95 <= 50 ms: ${mark(summary.searchLatencyMs.met)})
written                    bench/results/latest.json`);
