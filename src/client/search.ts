/**
 * The search dialog, loaded on first open. Online it asks Pagefind; opened from file:// (the
 * offline copy) it uses the offline index, because Pagefind needs a server. Results are links:
 * arrow keys move between them, Enter opens one, Escape closes the dialog.
 */
import { offlineSearch, type SearchHit } from '../lib/offline-search.ts';

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string }; filters: Record<string, string[]> }>;
}
interface Pagefind {
  init(): Promise<void>;
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string, o?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] } | null>;
}

const root = document.documentElement.dataset['root'] ?? '/';
const strings = JSON.parse(document.getElementById('search-dialog')?.dataset['strings'] ?? '{}') as Record<
  string,
  string
>;
const sectionNames = JSON.parse(document.getElementById('search-dialog')?.dataset['sections'] ?? '{}') as Record<
  string,
  string
>;
const say = (key: string, vars: Record<string, string | number> = {}): string =>
  (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
const offline = location.protocol === 'file:';
const dialog = document.getElementById('search-dialog') as HTMLDialogElement;
const input = document.getElementById('search-input') as HTMLInputElement;
const sectionSelect = document.getElementById('search-section') as HTMLSelectElement;
const status = document.getElementById('search-status')!;
const list = document.getElementById('search-results')!;

let backend: Promise<(q: string, section: string) => Promise<SearchHit[]>> | undefined;

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

function getBackend() {
  backend ??= (async () => {
    if (offline) {
      await loadScript(`${root}offline-search.js`);
      const docs = window.RR_OFFLINE_INDEX ?? [];
      return async (q: string, section: string) =>
        offlineSearch(docs, q, section).map((h) => ({
          ...h,
          url: root + h.url,
          section: sectionNames[h.section] ?? h.section,
        }));
    }
    // A variable specifier keeps the bundler from resolving Pagefind at build time.
    const url = `${root}pagefind/pagefind.js`;
    const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    await pagefind.options({ excerptLength: 24 });
    await pagefind.init();
    return async (q: string, section: string) => {
      const found = await pagefind.search(q, section ? { filters: { section } } : {});
      const data = await Promise.all((found?.results ?? []).slice(0, 10).map((r) => r.data()));
      return data.map((d) => ({
        url: d.url,
        title: d.meta.title ?? d.url,
        section: sectionNames[d.filters['section']?.[0] ?? ''] ?? '',
        excerpt: d.excerpt,
      }));
    };
  })();
  return backend;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function render(hits: SearchHit[], query: string): void {
  list.innerHTML = hits
    .map(
      (h) =>
        `<li><a href="${escapeHtml(h.url)}"><span class="result-title">${escapeHtml(h.title)}</span>` +
        `<span class="result-section">${escapeHtml(h.section)}</span>` +
        `<span class="result-excerpt">${h.excerpt}</span></a></li>`,
    )
    .join('');
  status.textContent = query
    ? hits.length
      ? `${say(hits.length === 1 ? 'one' : 'many', { n: hits.length, q: query })} ${say('keys')}`
      : say('none', { q: query })
    : '';
}

let seq = 0;
async function run(): Promise<void> {
  const query = input.value.trim();
  const mine = ++seq;
  if (!query) return render([], '');
  try {
    const search = await getBackend();
    const hits = await search(query, sectionSelect.value);
    if (mine === seq) render(hits, query);
  } catch (error) {
    backend = undefined; // the next attempt loads again
    status.textContent = say('failed');
    console.warn(error);
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 120);
});
sectionSelect.addEventListener('change', run);

dialog.addEventListener('keydown', (event) => {
  const links = [...list.querySelectorAll('a')];
  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    links[Math.min(i + 1, links.length - 1)]?.focus();
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    if (i <= 0) input.focus();
    else links[i - 1]?.focus();
  } else if (event.key === 'Enter' && document.activeElement === input) {
    event.preventDefault();
    links[0]?.click();
  }
});
dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
// A click on the backdrop (outside the dialog box) closes it.
dialog.addEventListener('click', (event) => {
  if (event.target === dialog) dialog.close();
});

window.RRSearch = {
  open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    void getBackend();
  },
};
