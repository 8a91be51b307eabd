/**
 * The search dialog's engine, loaded by the site script when the reader opens the dialog (or shows
 * intent: hover or focus on the search button). The dialog is already open and keeping every
 * keystroke by then; this script takes the query as it stands.
 *
 * - A Chinese query searches the Chinese pages, any other the page language's pages (and, on a
 *   Chinese page, the English ones after them): one Pagefind bundle per language.
 * - The quick index (titles, terms, tags; a few KB) answers at once; the full-text results
 *   replace it when Pagefind has loaded. A misspelt query is corrected from the quick index's
 *   vocabulary.
 * - Results say how many pages matched, show the matching sections of each page (Pagefind's
 *   sub-results, linked to their headings), ten at a time with "show more", and open the page
 *   with the query highlighted. Pages whose title or key terms hold the query come first:
 *   Pagefind's full-text ranking alone lets long pages that mention a word in passing (or, in
 *   Chinese, its single characters) outrank the page about it.
 * - Online Pagefind is imported as its own module; offline (file://, where modules and fetch()
 *   are refused) the same Pagefind code runs from a classic script over the same index, embedded.
 * - A failed load is retried on the next keystroke, with a plain message in between.
 */
import {
  isChineseQuery,
  quickSearch,
  suggestQuery,
  trimMarks,
  vocabulary,
  type QuickDoc,
} from '../lib/search-quick.ts';

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  filters: Record<string, string[]>;
  sub_results?: PagefindSubResult[];
}
interface PagefindResult {
  data(): Promise<PagefindData>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string, o?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] } | null>;
  preload?(q: string): Promise<void>;
}
type Lang = 'en' | 'zh';

const html = document.documentElement;
const root = html.dataset['root'] ?? '/';
/** The base path the site was built under (result URLs start with it; the offline copy replaces it by `root`). */
const siteBase = html.dataset['base'] ?? '/';
const pageLang = (html.dataset['lang'] === 'zh' ? 'zh' : 'en') as Lang;
const offline = location.protocol === 'file:';
const dialog = document.getElementById('search-dialog') as HTMLDialogElement;
const input = document.getElementById('search-input') as HTMLInputElement;
const sectionSelect = document.getElementById('search-section') as HTMLSelectElement;
const status = document.getElementById('search-status')!;
const list = document.getElementById('search-results')!;
const strings = JSON.parse(dialog.dataset['strings'] ?? '{}') as Record<string, string>;
const sectionNames = JSON.parse(dialog.dataset['sections'] ?? '{}') as Record<string, string>;
const langs = JSON.parse(dialog.dataset['langs'] ?? '["en"]') as Lang[];
const say = (key: string, vars: Record<string, string | number> = {}): string =>
  (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

// ---- loading ----

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => {
      s.remove();
      reject(new Error(`could not load ${src}`));
    };
    document.head.append(s);
  });
}

/** Memoise a loader, but forget a failure so the next attempt tries again. */
function retrying<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

const bundle = (lang: Lang) => `${root}pagefind/${lang}/`;

const quick = new Map<Lang, () => Promise<QuickDoc[]>>(
  langs.map((lang) => [
    lang,
    retrying(async () => {
      if (!window.RRQuick?.[lang]) await loadScript(`${bundle(lang)}rr-quick.js`);
      return window.RRQuick?.[lang] ?? [];
    }),
  ]),
);

let serving = false;
/** In the offline copy, fetch() of the index files is answered from the embedded bundle. */
function serveEmbeddedFiles(): void {
  if (serving) return;
  serving = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    // Pagefind adds a cache-busting ?ts= to some requests: only the path names the file.
    const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
    const m = /\/pagefind\/(en|zh)\/(.+)$/.exec(decodeURIComponent(path));
    const data = m ? window.RRPagefindFiles?.[m[1] as Lang]?.[m[2]!] : undefined;
    if (data === undefined) return realFetch(input, init);
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const type = m![2]!.startsWith('wasm.') ? 'application/wasm' : 'application/octet-stream';
    return new Response(bytes, { headers: { 'Content-Type': type } });
  };
}

/**
 * Run `start` with the page's `lang` set to a bundle's language. Pagefind takes the language it
 * segments queries in (Chinese words, English stems) from `<html lang>` when an instance is
 * created, and offers no option for it: without this, the Chinese bundle searched from an English
 * page would not split a Chinese query into words. The attribute is restored at once.
 */
function asLanguage<T>(lang: Lang, start: () => T): T {
  const own = html.getAttribute('lang');
  html.setAttribute('lang', lang);
  try {
    return start();
  } finally {
    if (own === null) html.removeAttribute('lang');
    else html.setAttribute('lang', own);
  }
}

const engines = new Map<Lang, () => Promise<Pagefind>>(
  langs.map((lang) => [
    lang,
    retrying(async () => {
      let pagefind: Pagefind;
      if (offline) {
        await Promise.all([
          window.RRPagefindEngine ? null : loadScript(`${root}_client/pagefind-engine.js`),
          window.RRPagefindFiles?.[lang] ? null : loadScript(`${bundle(lang)}rr-offline.js`),
        ]);
        serveEmbeddedFiles();
        pagefind = asLanguage(
          lang,
          () => window.RRPagefindEngine!().createInstance({ basePath: bundle(lang) }) as Pagefind,
        );
      } else {
        // A variable specifier: Pagefind is part of the built site, not of this bundle.
        const url = `${bundle(lang)}pagefind.js`;
        pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
      }
      // Indexed URLs start below the base path; the base is the site's (or, offline, the copy's).
      await pagefind.options({ excerptLength: 28, baseUrl: siteBase });
      // init() creates the instance before its first await: that is when the language is read.
      await asLanguage(lang, () => pagefind.init());
      return pagefind;
    }),
  ]),
);

/** Languages to search for a query, most relevant first. */
function langsFor(query: string): Lang[] {
  if (isChineseQuery(query)) return langs.includes('zh') ? ['zh'] : ['en'];
  return pageLang === 'zh' && langs.includes('zh') ? ['zh', 'en'] : ['en'];
}

// ---- results ----

interface Hit {
  lang: Lang;
  url: string;
  title: string;
  section: string;
  excerpt: string;
  subs: PagefindSubResult[];
}

/** The URL a result opens: the page with the query to highlight, then the heading. */
function resultUrl(url: string, query: string): string {
  const [path, hash] = url.split('#') as [string, string?];
  let target = path;
  if (offline) target = `${root}${path.slice(siteBase.length)}`.replace(/(^|\/)$/, '$1index.html');
  return `${target}?highlight=${encodeURIComponent(query)}${hash ? `#${hash}` : ''}`;
}

function renderHit(hit: Hit, query: string): string {
  const subs = hit.subs
    .filter((s) => s.url.includes('#'))
    .slice(0, 3)
    .map(
      (s) =>
        `<li><a href="${escapeHtml(resultUrl(s.url, query))}"><span class="sub-title">${escapeHtml(s.title)}</span>` +
        `<span class="result-excerpt">${trimMarks(s.excerpt)}</span></a></li>`,
    )
    .join('');
  const lang = hit.lang === pageLang ? '' : ` lang="${hit.lang === 'zh' ? 'zh-CN' : 'en'}"`;
  return (
    `<li class="result"${lang}><a href="${escapeHtml(resultUrl(hit.url, query))}"><span class="result-title">${escapeHtml(hit.title)}</span>` +
    `<span class="result-section">${escapeHtml(hit.section)}</span>` +
    `<span class="result-excerpt">${trimMarks(hit.excerpt)}</span></a>${subs ? `<ul class="sub-results">${subs}</ul>` : ''}</li>`
  );
}

const PAGE = 10;
/** How many full-text results are opened, at most, to find the pages the quick index ranks first. */
const RERANK = 30;
/** How many of the quick index's pages are always placed first. */
const TOP = 3;

/** One result: a Pagefind result (its data once loaded), or a quick-index page Pagefind did not rank high. */
interface Entry {
  lang: Lang;
  result?: PagefindResult;
  data?: PagefindData;
  doc?: QuickDoc;
}
let shown: { query: string; entries: Entry[]; count: number; seen: Set<string> } | undefined;

const siteUrl = (doc: QuickDoc) => siteBase + doc.url.slice(1);
const pageKey = (lang: Lang, url: string) => `${lang} ${url.split('#')[0]}`;

/**
 * The results in reading order: pages whose title or key terms match (quick-index order) first,
 * then the other full-text results in Pagefind's order. To place the first pages, the full-text
 * results are opened ten at a time until the quick index's top pages are among them.
 */
async function rank(
  found: Entry[],
  order: Lang[],
  query: string,
  section: string,
): Promise<{ entries: Entry[]; count: number }> {
  const sets = await Promise.all(order.map((l) => quick.get(l)!().catch(() => [] as QuickDoc[])));
  const docs = sets.flatMap((set, i) => quickSearch(set, query, section).map((doc) => ({ lang: order[i]!, doc })));
  if (docs.length === 0) return { entries: found, count: found.length };
  const wanted = new Set(docs.slice(0, TOP).map((d) => pageKey(d.lang, siteUrl(d.doc))));
  const byKey = new Map<string, Entry>();
  let opened = 0;
  for (; opened < Math.min(found.length, RERANK) && wanted.size; opened += PAGE) {
    const batch = found.slice(opened, opened + PAGE);
    await Promise.all(batch.map(async (e) => (e.data ??= await e.result!.data())));
    for (const e of batch) {
      const key = pageKey(e.lang, e.data!.url);
      byKey.set(key, e);
      wanted.delete(key);
    }
  }
  // The quick index's top pages come first (as a title, should Pagefind not have ranked them in
  // reach); its other pages come first only when already opened, and otherwise keep their place.
  const first = docs.flatMap((d, i): Entry[] => {
    const hit = byKey.get(pageKey(d.lang, siteUrl(d.doc)));
    if (hit) return [hit];
    return i < TOP ? [{ lang: d.lang, doc: d.doc }] : [];
  });
  const firstSet = new Set(first);
  // A quick-index page not among the opened results is counted only when every result was opened
  // (otherwise it is most likely one of the others).
  const extra = opened >= found.length ? first.filter((e) => !e.result).length : 0;
  return { entries: [...first, ...found.filter((e) => !firstSet.has(e))], count: found.length + extra };
}

function hitOf(e: Entry): Hit {
  if (e.data)
    return {
      lang: e.lang,
      url: e.data.url,
      title: e.data.meta.title ?? e.data.url,
      section: sectionNames[e.data.filters['section']?.[0] ?? ''] ?? '',
      excerpt: e.data.excerpt,
      subs: e.data.sub_results ?? [],
    };
  const doc = e.doc!;
  return {
    lang: e.lang,
    url: siteUrl(doc),
    title: doc.title,
    section: sectionNames[doc.section] ?? '',
    excerpt: '',
    subs: [],
  };
}

async function showMore(): Promise<void> {
  if (!shown) return;
  const { query, entries, seen } = shown;
  const next = entries.slice(shown.count, shown.count + PAGE);
  await Promise.all(
    next.map(async (e) => {
      if (!e.data && e.result) e.data = await e.result.data();
    }),
  );
  if (shown?.query !== query) return;
  // A page placed first by its title or terms is not listed again where Pagefind ranked it.
  const hits = next.map(hitOf).filter((h) => {
    const key = pageKey(h.lang, h.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  list.querySelector('.more')?.remove();
  list.insertAdjacentHTML('beforeend', hits.map((h) => renderHit(h, query)).join(''));
  shown.count += next.length;
  if (shown.count < entries.length)
    list.insertAdjacentHTML(
      'beforeend',
      `<li class="more"><button type="button">${escapeHtml(say('more'))}</button></li>`,
    );
}

function announce(query: string, total: number, note = ''): void {
  const count = total === 0 ? say('none', { q: query }) : say(total === 1 ? 'one' : 'many', { n: total, q: query });
  status.textContent = `${note}${count}${total > 0 ? ` ${say('keys')}` : ''}`;
}

function renderQuick(docs: QuickDoc[], query: string): void {
  shown = undefined;
  list.innerHTML = docs
    .slice(0, PAGE)
    .map((d) =>
      renderHit(
        {
          lang: pageLang,
          url: siteBase + d.url.slice(1),
          title: d.title,
          section: sectionNames[d.section] ?? '',
          excerpt: '',
          subs: [],
        },
        query,
      ),
    )
    .join('');
  status.textContent = `${say('loading')} ${docs.length ? say('quick', { n: docs.length }) : ''}`;
}

let seq = 0;

async function run(): Promise<void> {
  const query = input.value.trim();
  const mine = ++seq;
  if (!query) {
    list.innerHTML = '';
    status.textContent = '';
    return;
  }
  const section = sectionSelect.value;
  const order = langsFor(query);
  let failed = false;
  // 1. The quick index, as soon as it is here (it usually is, long before the full-text index).
  void Promise.all(order.map((l) => quick.get(l)!()))
    .then((sets) => {
      if (mine !== seq || shown) return;
      renderQuick(
        sets.flatMap((docs) => quickSearch(docs, query, section)),
        query,
      );
      // The full text failed first: its message stays (the quick matches are shown above it).
      if (failed) status.textContent = say('failed');
    })
    .catch(() => undefined);
  // 2. The full text.
  try {
    const engines_ = await Promise.all(order.map((l) => engines.get(l)!()));
    let effective = query;
    let found = await search(engines_, order, query, section);
    let note = '';
    // A word not in any title or term is probably misspelt: when its closest correction finds
    // more pages, show those and say so.
    const words = vocabulary((await Promise.all(order.map((l) => quick.get(l)!().catch(() => [])))).flat());
    const suggestion = suggestQuery(query, words);
    if (suggestion) {
      const corrected = await search(engines_, order, suggestion, section);
      if (corrected.length > found.length) {
        found = corrected;
        effective = suggestion;
        note = `${say('corrected', { s: suggestion, q: query })} `;
      }
    }
    const { entries, count } = await rank(found, order, effective, section);
    if (mine !== seq) return;
    shown = { query: effective, entries, count: 0, seen: new Set() };
    list.innerHTML = '';
    announce(effective, count, note);
    await showMore();
  } catch (error) {
    if (mine !== seq) return;
    failed = true;
    status.textContent = say('failed');
    console.warn('search:', error);
  }
}

async function search(pagefinds: Pagefind[], order: Lang[], query: string, section: string): Promise<Entry[]> {
  const sets = await Promise.all(pagefinds.map((p) => p.search(query, section ? { filters: { section } } : {})));
  return sets.flatMap((set, i) => (set?.results ?? []).map((result) => ({ lang: order[i]!, result })));
}

// ---- events ----

let timer: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  clearTimeout(timer);
  const query = input.value.trim();
  // Start fetching the index chunks for the words typed so far.
  if (query)
    for (const l of langsFor(query))
      void engines.get(l)!()
        .then((p) => p.preload?.(query))
        .catch(() => undefined);
  timer = setTimeout(run, 120);
});
sectionSelect.addEventListener('change', run);
list.addEventListener('click', (event) => {
  if ((event.target as Element).closest('.more button')) void showMore();
});

dialog.addEventListener('keydown', (event) => {
  const links = [...list.querySelectorAll<HTMLElement>('a, .more button')];
  const i = links.indexOf(document.activeElement as HTMLElement);
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    links[Math.min(i + 1, links.length - 1)]?.focus();
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    if (i <= 0) input.focus();
    else links[i - 1]?.focus();
  } else if (event.key === 'Enter' && document.activeElement === input) {
    event.preventDefault();
    list.querySelector('a')?.click();
  }
});
dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
// A click on the backdrop (outside the dialog box) closes it.
dialog.addEventListener('click', (event) => {
  if (event.target === dialog) dialog.close();
});

window.RRSearch = {
  /** Start loading what a search needs (the site script calls this on intent and on open). */
  warm() {
    for (const l of langs) void quick.get(l)!().catch(() => undefined);
    void engines.get(pageLang === 'zh' && langs.includes('zh') ? 'zh' : 'en')!().catch(() => undefined);
  },
  /** The dialog is open (the site script opened it): search what has been typed. */
  run() {
    void run();
  },
};
window.RRSearch.warm();
if (dialog.open) void run();
