/**
 * npm run bench: measures what the site promises, prints a table and writes
 * bench/results/latest.json. Each number stands beside its target, "met" or "missed".
 *
 *  1. Build time: `astro build` of this site and of a Starlight site of the same notes (both
 *     languages on both sides; scripts/bench-builds.ts), median of --runs N (default 3), and where
 *     the time goes (the build's phases, and this site's own build:done steps).
 *  2. Page weight: the first load of every page at 360 px wide, as Chromium requests it, split into
 *     HTML / CSS / JS / fonts, raw and gzip; the scripts of a plain note page; Chinese note pages
 *     against their English twins; no CJK web font.
 *  3. Search: index bytes per language; latency p50/p95 as a reader sees it (from the last key to
 *     the full-text results rendered in the dialog) over fixed English and Chinese queries.
 *  4. Time to the first search results on an emulated Fast 3G network, cold cache.
 *  5. The smallest text rendered in figures and demo charts at 360 px wide.
 *
 * `--dist <dir>` measures an existing build and skips the build timing. Without it the site
 * measured is the build made for the timing (.tmp/bench/ours/dist). A measurement, not a test: it
 * exits 0 whatever it finds.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launch } from '../tests/support/browser.ts';
import { serve } from '../tests/support/server.ts';
import { listFiles } from '../src/lib/site-files.ts';
import { compareBuilds, type BuildComparison } from './bench-builds.ts';

const { values: args } = parseArgs({
  options: { dist: { type: 'string' }, runs: { type: 'string', default: '3' } },
});
const RUNS = Math.max(1, Number(args.runs) || 1);

const TARGETS = {
  /** Build seconds of this site over Starlight's, same notes. */
  buildRatio: 0.8,
  /** Scripts of a plain note page, gzip bytes (external and inline), and only the site script. */
  plainScriptsGzip: 3 * 1024,
  /** First load of a note page, gzip bytes, fonts excluded. */
  noteFirstLoadGzip: 60 * 1024,
  /** A Chinese note page's first load over its English twin's (gzip, fonts excluded). */
  zhOverEn: 1.1,
  /** From `/` to the first result on Fast 3G, cold cache, ms. */
  fast3gFirstResultMs: 2000,
  /** Smallest SVG text in figures and demo charts at 360 px wide, px. */
  minSvgTextPx: 11,
};
/** Chrome DevTools' "Fast 3G" preset. */
const FAST_3G = { latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };
const QUERIES = {
  en: ['thompson sampling', 'alias', 'negative sampling', 'auc', 'calibration', 'two tower', 'batch norm', 'adam'],
  zh: ['汤普森采样', '负采样', '召回', '校准', '别名采样', '双塔', '归一化', '优化器'],
};
const SEARCH_PASSES = 3;
/** The search dialog waits this long after a key before it searches (part of what a reader waits). */
const DEBOUNCE_MS = /setTimeout\(run, (\d+)\)/.exec(readFileSync('src/client/search.ts', 'utf8'))?.[1] ?? '?';
const WIDTH = 360;

const kb = (n: number) => (n / 1024).toFixed(1);
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1))]!;
};
const mark = (ok: boolean) => (ok ? 'met' : 'missed');
const round = (x: number, d = 2) => +x.toFixed(d);

// ---- 1. build ----

let builds: BuildComparison | undefined;
if (!args.dist) {
  console.log(`Building this site and the Starlight copy, ${RUNS} run(s) each...`);
  builds = await compareBuilds(RUNS, console.log);
}
const DIST = args.dist ?? '.tmp/bench/ours/dist';
const files = listFiles(DIST);
const pages = files.filter((f) => f.endsWith('.html'));
/** Note pages: <section>/<slug>/ in English, zh/<section>/<slug>/ in Chinese. */
const noteLang = (f: string): 'en' | 'zh' | undefined =>
  /^zh\/[^/]+\/[^/]+\/index\.html$/.test(f) ? 'zh' : /^(?!zh\/)[^/]+\/[^/]+\/index\.html$/.test(f) ? 'en' : undefined;

// ---- 2 and 5. every page's first load at 360 px, and the SVG text of its figures and demos ----

type Kind = 'html' | 'css' | 'js' | 'font' | 'other';
const KINDS: Kind[] = ['html', 'css', 'js', 'font', 'other'];
const kindOf = (path: string): Kind =>
  /\.html$/.test(path)
    ? 'html'
    : /\.css$/.test(path)
      ? 'css'
      : /\.m?js$/.test(path)
        ? 'js'
        : /\.(woff2?|ttf|otf)$/.test(path)
          ? 'font'
          : 'other';
const zero = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;

interface SvgText {
  px: number;
  text: string;
}
interface PageLoad {
  page: string;
  raw: Record<Kind, number>;
  gzip: Record<Kind, number>;
  /** Script bytes, external and inline, raw and gzip. */
  scripts: number;
  scriptsGzip: number;
  scriptUrls: string[];
  fontUrls: string[];
  /** The smallest rendered SVG text on the page (undefined: no SVG text). */
  minSvgText?: SvgText;
}

/** Rendered size of every SVG text run: computed font size times the SVG's scale on screen. */
function svgTextSizes(): SvgText[] {
  const out: SvgText[] = [];
  for (const el of document.querySelectorAll<SVGGraphicsElement>('svg text, svg tspan')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    const box = el.getBoundingClientRect();
    const ctm = el.getScreenCTM();
    if (!own || !ctm || (box.width === 0 && box.height === 0)) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b);
    out.push({ px, text: (el.textContent ?? '').trim().slice(0, 40) });
  }
  return out;
}

async function loadPage(browser: Browser, url: string, file: string): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  const urls = new Set<string>();
  page.on('request', (r) => urls.add(r.url()));
  await page.goto(url, { waitUntil: 'networkidle' });
  // Fonts are requested once layout needs them: wait for them, then for the network to settle again.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForLoadState('networkidle');
  // What the page itself recorded as fetched, in case an event was missed.
  for (const u of await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))) urls.add(u);
  const sizes = noteLang(file) ? await page.evaluate(svgTextSizes) : [];
  await context.close();
  const load: PageLoad = {
    page: file,
    raw: zero(),
    gzip: zero(),
    scripts: 0,
    scriptsGzip: 0,
    scriptUrls: [],
    fontUrls: [],
  };
  for (const u of urls) {
    // The favicon is fetched once per site, whenever Chromium gets to it: not part of a page.
    if (!u.startsWith(server.url) || u.endsWith('/favicon.svg')) continue;
    let path = decodeURIComponent(new URL(u).pathname).slice(1);
    if (path === '' || path.endsWith('/')) path += 'index.html';
    const body = readFileSync(join(DIST, path));
    const kind = kindOf(path);
    load.raw[kind] += body.length;
    load.gzip[kind] += gzipSync(body).length;
    if (kind === 'js') load.scriptUrls.push(path);
    if (kind === 'font') load.fontUrls.push(path);
  }
  // Inline scripts are script bytes too (the theme snippet).
  const html = readFileSync(join(DIST, file), 'utf8');
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
  load.scripts = load.raw.js + Buffer.byteLength(inline);
  load.scriptsGzip = load.gzip.js + (inline ? gzipSync(inline).length : 0);
  if (sizes.length) load.minSvgText = sizes.reduce((a, b) => (b.px < a.px ? b : a));
  return load;
}

const server = await serve(DIST);
const browser = await launch();
console.log(`Loading ${pages.length} pages at ${WIDTH} px wide...`);
const loads: PageLoad[] = [];
{
  const queue = [...pages];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      loads.push(await loadPage(browser, `${server.url}/${file.replace(/index\.html$/, '')}`, file));
      if (loads.length % 25 === 0) console.log(`  ${loads.length}/${pages.length}`);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  loads.sort((a, b) => a.page.localeCompare(b.page));
}
const firstLoadGzip = (w: PageLoad) => w.gzip.html + w.gzip.css + w.gzip.js;
const notes = loads.filter((w) => noteLang(w.page));
const plain = notes.filter((w) => !w.scriptUrls.some((u) => u.startsWith('_client/demos/')));
const plainScripts = [...new Set(plain.flatMap((w) => w.scriptUrls))].sort();
const maxPlain = plain.reduce((a, b) => (b.scriptsGzip > a.scriptsGzip ? b : a));
const maxNote = notes.reduce((a, b) => (firstLoadGzip(b) > firstLoadGzip(a) ? b : a));
const byPage = new Map(loads.map((w) => [w.page, w]));
const twins = notes
  .filter((w) => noteLang(w.page) === 'zh')
  .flatMap((zh) => {
    const en = byPage.get(zh.page.slice('zh/'.length));
    return en
      ? [{ page: zh.page, zh: firstLoadGzip(zh), en: firstLoadGzip(en), ratio: firstLoadGzip(zh) / firstLoadGzip(en) }]
      : [];
  })
  .sort((a, b) => b.ratio - a.ratio);
const zhFonts = [...new Set(loads.filter((w) => w.page.startsWith('zh/')).flatMap((w) => w.fontUrls))];
// KaTeX's fonts hold Latin and math glyphs only; any other font on a Chinese page may be a CJK one.
const cjkFonts = zhFonts.filter((f) => !/(^|\/)KaTeX_[\w-]+\.woff2?$/.test(f));
const withSvgText = notes.filter((w) => w.minSvgText);
const smallText = withSvgText.map((w) => ({ page: w.page, ...w.minSvgText! })).sort((a, b) => a.px - b.px);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const average = (lang: 'en' | 'zh') => {
  const ws = notes.filter((w) => noteLang(w.page) === lang);
  return Object.fromEntries(
    KINDS.map((k) => [
      k,
      { raw: Math.round(mean(ws.map((w) => w.raw[k]))), gzip: Math.round(mean(ws.map((w) => w.gzip[k]))) },
    ]),
  );
};

// ---- 3. search: index bytes and latency as a reader sees it ----

const dirBytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((s, e) => s + statSync(join(e.parentPath, e.name)).size, 0);
const searchIndex = Object.fromEntries(
  (['en', 'zh'] as const).map((lang) => {
    const dir = join(DIST, 'pagefind', lang);
    const quick = statSync(join(dir, 'rr-quick.js')).size;
    return [lang, { totalBytes: dirBytes(dir), quickIndexBytes: quick }];
  }),
);

/** What watchSearch keeps in the page: the query awaited and time stamps (performance.now(), ms). */
interface Bench {
  q: string;
  key: number;
  last: number;
  first: number;
  done: number;
  painted: number;
}
type BenchWindow = { __bench?: Bench };

/**
 * In the page: time stamps of the last input event in the search box, of the first result shown
 * (quick or full text) and of the full-text results for `window.__bench.q` (status no longer
 * "loading", results in the list), and of the next frame after those.
 */
function watchSearch(): void {
  const w = window as unknown as BenchWindow;
  if (w.__bench) return;
  const dialog = document.getElementById('search-dialog')!;
  const input = document.getElementById('search-input')!;
  const status = document.getElementById('search-status')!;
  const list = document.getElementById('search-results')!;
  const strings = JSON.parse(dialog.dataset['strings'] ?? '{}') as Record<string, string>;
  const b: Bench = (w.__bench = { q: '', key: 0, last: 0, first: 0, done: 0, painted: 0 });
  window.addEventListener('keydown', (e) => {
    if (e.key === '/' && !b.key) b.key = performance.now();
  });
  input.addEventListener('input', () => {
    b.last = performance.now();
    b.done = b.painted = 0;
  });
  new MutationObserver(() => {
    if (!b.q) return;
    const text = status.textContent ?? '';
    const has = list.querySelector('.result') !== null;
    if (has && !b.first) b.first = performance.now();
    const none = (strings['none'] ?? '').replace('{q}', b.q);
    const final = text.includes(b.q) && !text.startsWith(strings['loading'] ?? '\0');
    if (!b.done && final && (has || (none && text.includes(none)))) {
      b.done = performance.now();
      requestAnimationFrame(() => (b.painted = performance.now()));
    }
  }).observe(dialog, { subtree: true, childList: true, characterData: true });
}

/** Clear the box, type `q` as a reader does and wait for its results; ms from the last key. */
async function timeQuery(page: Page, q: string): Promise<number> {
  await page.locator('#search-input').fill('');
  await page.waitForFunction(() => !document.querySelector('#search-results .result'));
  await page.evaluate((query) => {
    const b = (window as unknown as BenchWindow).__bench!;
    Object.assign(b, { q: query, last: 0, done: 0, painted: 0 });
  }, q);
  await page.keyboard.type(q);
  const handle = await page.waitForFunction(
    () => {
      const b = (window as unknown as BenchWindow).__bench!;
      return b.painted ? b.painted - b.last : 0;
    },
    undefined,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

console.log('Search latency...');
const latency: Record<'en' | 'zh', Record<string, number[]>> = { en: {}, zh: {} };
for (const lang of ['en', 'zh'] as const) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/${lang === 'zh' ? 'zh/' : ''}`, { waitUntil: 'networkidle' });
  await page.evaluate(watchSearch);
  await page.keyboard.press('/');
  await page.locator('#search-dialog[open]').waitFor();
  // The dialog has loaded the search script and the page language's engine before the first query.
  await page.waitForFunction(() => 'RRSearch' in window);
  await page.waitForLoadState('networkidle');
  for (let pass = 0; pass < SEARCH_PASSES; pass++)
    for (const q of QUERIES[lang]) (latency[lang][q] ??= []).push(await timeQuery(page, q));
  await context.close();
}
const latencySummary = Object.fromEntries(
  (['en', 'zh'] as const).map((lang) => {
    const all = Object.values(latency[lang]).flat();
    return [lang, { p50: round(percentile(all, 50), 1), p95: round(percentile(all, 95), 1), n: all.length }];
  }),
) as Record<'en' | 'zh', { p50: number; p95: number; n: number }>;

// ---- 4. first results on Fast 3G, cold cache ----

console.log('Fast 3G...');
const FAST_3G_CASES = [
  { page: 'evaluation/auc-gauc/', q: 'thompson' },
  { page: 'zh/evaluation/auc-gauc/', q: '汤普森采样' },
];
const fast3g: { page: string; q: string; loadMs: number; firstResultMs: number; fullTextMs: number }[] = [];
for (const c of FAST_3G_CASES) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...FAST_3G });
  const started = performance.now();
  await page.goto(`${server.url}/${c.page}`, { waitUntil: 'load', timeout: 120_000 });
  const loadMs = performance.now() - started;
  await page.evaluate(watchSearch);
  await page.evaluate((q) => {
    (window as unknown as BenchWindow).__bench!.q = q;
  }, c.q);
  await page.keyboard.press('/');
  await page.locator('#search-dialog[open]').waitFor();
  await page.keyboard.type(c.q);
  const times = await page.waitForFunction(
    () => {
      const b = (window as unknown as BenchWindow).__bench!;
      return b.first && b.painted ? { first: b.first - b.key, full: b.painted - b.key } : null;
    },
    undefined,
    { timeout: 120_000 },
  );
  const { first, full } = (await times.jsonValue())!;
  fast3g.push({
    page: c.page,
    q: c.q,
    loadMs: Math.round(loadMs),
    firstResultMs: Math.round(first),
    fullTextMs: Math.round(full),
  });
  await context.close();
}
await browser.close();
await server.close();

// ---- report ----

const worstFast3g = Math.max(...fast3g.map((f) => f.firstResultMs));
const minText = smallText[0];
const summary = {
  date: new Date().toISOString(),
  dist: DIST,
  pages: pages.length,
  notePages: {
    en: notes.filter((w) => noteLang(w.page) === 'en').length,
    zh: notes.filter((w) => noteLang(w.page) === 'zh').length,
  },
  build: builds && {
    runs: builds.runs,
    notes: builds.notes,
    ours: builds.ours,
    starlight: builds.starlight,
    secondsPerPage: round(builds.ours.seconds / builds.ours.pages, 3),
    ratio: round(builds.ratio, 3),
    paired: builds.paired.map((x) => round(x, 3)),
    target: TARGETS.buildRatio,
    met: builds.ratio <= TARGETS.buildRatio,
  },
  weight: {
    viewportWidth: WIDTH,
    averageNotePage: { en: average('en'), zh: average('zh') },
    noteFirstLoadGzip: {
      max: firstLoadGzip(maxNote),
      page: maxNote.page,
      target: TARGETS.noteFirstLoadGzip,
      met: firstLoadGzip(maxNote) <= TARGETS.noteFirstLoadGzip,
    },
    plainNoteScripts: {
      pages: plain.length,
      scriptsRequested: plainScripts,
      maxGzip: maxPlain.scriptsGzip,
      page: maxPlain.page,
      target: `only _client/site.js, <= ${TARGETS.plainScriptsGzip} B gzip with inline scripts`,
      met:
        maxPlain.scriptsGzip <= TARGETS.plainScriptsGzip &&
        plainScripts.length === 1 &&
        plainScripts[0] === '_client/site.js',
    },
    zhOverEn: {
      max: round(twins[0]?.ratio ?? 0, 3),
      page: twins[0]?.page,
      median: round(
        percentile(
          twins.map((t) => t.ratio),
          50,
        ),
        3,
      ),
      target: TARGETS.zhOverEn,
      met: (twins[0]?.ratio ?? 0) <= TARGETS.zhOverEn,
      over: twins.filter((t) => t.ratio > TARGETS.zhOverEn),
    },
    fontsOnChinesePages: zhFonts,
    cjkWebFont: { requested: cjkFonts, met: cjkFonts.length === 0 },
  },
  search: {
    indexBytes: searchIndex,
    latencyMs: latencySummary,
    perQueryMedianMs: Object.fromEntries(
      (['en', 'zh'] as const).flatMap((l) =>
        Object.entries(latency[l]).map(([q, xs]) => [q, round(percentile(xs, 50), 1)]),
      ),
    ),
    fast3g: {
      conditions: FAST_3G,
      cases: fast3g,
      target: TARGETS.fast3gFirstResultMs,
      met: worstFast3g <= TARGETS.fast3gFirstResultMs,
    },
  },
  svgText: {
    notesWithSvgText: withSvgText.length,
    minPx: minText && round(minText.px),
    where: minText,
    target: TARGETS.minSvgTextPx,
    met: !minText || minText.px >= TARGETS.minSvgTextPx - 0.01,
    below: smallText.filter((s) => s.px < TARGETS.minSvgTextPx - 0.01).map((s) => ({ ...s, px: round(s.px) })),
  },
  perPage: loads,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(summary, null, 2)}\n`);

const lines: string[] = [];
const row = (what: string, value: string, target = '', met?: boolean) =>
  lines.push(
    `${what.padEnd(36)} ${value.padEnd(72)} ${target.padEnd(18)} ${met === undefined ? '' : mark(met)}`.trimEnd(),
  );
lines.push('', `${'measure'.padEnd(36)} ${'value'.padEnd(72)} ${'target'.padEnd(18)} result`, '-'.repeat(134));
if (builds) {
  const b = builds;
  row(
    'build, both languages',
    `${b.ours.seconds.toFixed(1)} s (CPU ${b.ours.cpuSeconds.toFixed(1)} s), ${b.ours.pages} pages, ${(b.ours.seconds / b.ours.pages).toFixed(3)} s/page`,
  );
  row(
    'Starlight, same notes (en + zh)',
    `${b.starlight.seconds.toFixed(1)} s (CPU ${b.starlight.cpuSeconds.toFixed(1)} s), ${b.starlight.pages} pages; ratio ${b.ratio.toFixed(2)}`,
    `<= ${TARGETS.buildRatio} x`,
    b.ratio <= TARGETS.buildRatio,
  );
  row('  runs (s), ours / Starlight', `${b.ours.all.join(', ')} / ${b.starlight.all.join(', ')} (median of ${b.runs})`);
  row('  ratio of each run to its neighbour', b.paired.map((x) => x.toFixed(2)).join(', '));
  for (const [name, s] of Object.entries(b.ours.phases))
    row(`  ${name}`, `${s.toFixed(1)} s (Starlight ${(b.starlight.phases[name] ?? 0).toFixed(1)} s)`);
  for (const [name, s] of Object.entries(b.ours.steps)) row(`    ${name.slice(0, 30)}`, `${s.toFixed(1)} s`);
} else row('build', `not timed (--dist ${DIST})`);
const avg = summary.weight.averageNotePage;
for (const lang of ['en', 'zh'] as const)
  row(
    `note page first load, mean (${lang})`,
    KINDS.filter((k) => k !== 'other')
      .map((k) => `${k} ${kb(avg[lang][k]!.raw)}/${kb(avg[lang][k]!.gzip)}`)
      .join(', ') + ' KB',
  );
row(
  'note page first load, max',
  `${kb(firstLoadGzip(maxNote))} KB gzip w/o fonts (${maxNote.page.replace(/index\.html$/, '')})`,
  `<= ${kb(TARGETS.noteFirstLoadGzip)} KB`,
  summary.weight.noteFirstLoadGzip.met,
);
row(
  'plain note page scripts',
  `${kb(maxPlain.scriptsGzip)} KB gzip max; ${plainScripts.join(', ')}`,
  `site.js, <= ${kb(TARGETS.plainScriptsGzip)} KB`,
  summary.weight.plainNoteScripts.met,
);
row(
  'Chinese page / English twin',
  `max ${summary.weight.zhOverEn.max} (${twins[0]?.page.replace(/index\.html$/, '')}), median ${summary.weight.zhOverEn.median}`,
  `<= ${TARGETS.zhOverEn} x`,
  summary.weight.zhOverEn.met,
);
row('CJK web font requested', cjkFonts.length ? cjkFonts.join(', ') : 'none', 'none', cjkFonts.length === 0);
for (const lang of ['en', 'zh'] as const)
  row(
    `search index (${lang})`,
    `${kb(searchIndex[lang]!.totalBytes)} KB on disk; quick index ${kb(searchIndex[lang]!.quickIndexBytes)} KB`,
  );
row(
  'search latency, last key to results',
  `en p50 ${latencySummary.en.p50} ms, p95 ${latencySummary.en.p95} ms; zh p50 ${latencySummary.zh.p50} ms, p95 ${latencySummary.zh.p95} ms`,
);
for (const f of fast3g)
  row(
    `search on Fast 3G, ${f.page.startsWith('zh/') ? 'zh' : 'en'} page`,
    `"${f.q}": load ${f.loadMs} ms; / to first result ${f.firstResultMs} ms, full text ${f.fullTextMs} ms`,
    `<= ${TARGETS.fast3gFirstResultMs} ms`,
    f.firstResultMs <= TARGETS.fast3gFirstResultMs,
  );
row(
  'smallest SVG text at 360 px',
  minText
    ? `${minText.px.toFixed(1)} px "${minText.text}" (${minText.page.replace(/index\.html$/, '')}); ${withSvgText.length} notes`
    : 'no SVG text',
  `>= ${TARGETS.minSvgTextPx} px`,
  summary.svgText.met,
);
lines.push(
  '',
  `Search latency includes the dialog's wait for typing to pause (${DEBOUNCE_MS} ms, src/client/search.ts).`,
  `Fast 3G: latency ${FAST_3G.latency} ms, download ${FAST_3G.downloadThroughput} B/s, upload ${FAST_3G.uploadThroughput} B/s (Chrome DevTools' preset), cache disabled.`,
  `Build: both sides build the English and the Chinese notes${builds ? ` (${builds.notes['en']} + ${builds.notes['zh']})` : ''}; Starlight gets Chinese through its i18n.`,
  `Written: bench/results/latest.json (every page's weights, every query's times, pages with text under ${TARGETS.minSvgTextPx} px).`,
);
console.log(lines.join('\n'));
