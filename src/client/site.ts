/**
 * The one script every page loads (classic, deferred, about 1 KB): the theme switch, copy
 * buttons, printing with answers open, and the search shortcuts. The search itself is loaded
 * only when the reader first opens it.
 */
type Theme = 'system' | 'light' | 'dark';
const KEY = 'rr-theme';
const html = document.documentElement;

function storedTheme(): Theme {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

function applyTheme(theme: Theme): void {
  if (theme === 'system') html.removeAttribute('data-theme');
  else html.setAttribute('data-theme', theme);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    // The words come from the page's language (data-labels); the icon follows data-state in CSS.
    const labels = JSON.parse(button.dataset['labels'] ?? '{}') as Partial<Record<Theme, string>>;
    const name = labels[theme] ?? theme;
    button.dataset['state'] = theme;
    button.setAttribute('aria-label', (button.dataset['labelTemplate'] ?? '{}').replace('{}', name));
    const text = button.querySelector('.theme-label');
    if (text) text.textContent = name;
  }
}

function setTheme(theme: Theme): void {
  try {
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // Storage can be off (private modes, some file:// setups): the choice then lasts for the page.
  }
  applyTheme(theme);
}

/**
 * The theme after a tap. From "system", the first tap chooses the theme the system is not
 * showing, so the colours change at once (a light phone going system → light would look like a
 * button that does nothing); the next tap chooses the other one, and the third returns to the
 * system's.
 */
function nextTheme(current: Theme): Theme {
  const order: Theme[] = matchMedia('(prefers-color-scheme: dark)').matches
    ? ['system', 'light', 'dark']
    : ['system', 'dark', 'light'];
  return order[(order.indexOf(current) + 1) % order.length]!;
}

applyTheme(storedTheme());

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const toggle = target?.closest('[data-theme-toggle]');
  if (toggle) {
    setTheme(nextTheme((html.getAttribute('data-theme') as Theme | null) ?? 'system'));
    return;
  }
  const copy = target?.closest<HTMLButtonElement>('[data-copy]');
  if (copy) {
    const code = copy.closest('figure')?.querySelector('pre')?.textContent ?? '';
    navigator.clipboard?.writeText(code).then(
      () => flash(copy, copy.dataset['copied'] ?? 'Copied'),
      () => flash(copy, copy.dataset['copyFailed'] ?? 'Copy failed'),
    );
    return;
  }
  const langLink = target?.closest<HTMLAnchorElement>('[data-lang-switch]');
  if (langLink) followLanguageSwitch(langLink);
  if (target?.closest('[data-search-open]')) openSearch();
});

/**
 * Going to the twin page in the other language: remember the choice (the home page follows it)
 * and keep the reader's place. Headings are written in each language, so their ids differ; the
 * twin's ids come in the same order as this page's headings.
 */
function followLanguageSwitch(link: HTMLAnchorElement): void {
  try {
    localStorage.setItem('rr-lang', link.dataset['langSwitch'] ?? '');
  } catch {
    // Without storage the choice lasts for the visit.
  }
  const headings = [...document.querySelectorAll<HTMLElement>('.prose .heading-wrapper > [id]')];
  const ids = headings.map((h) => h.id);
  // The reader's place: the #fragment they came by while its target is on screen, else the last
  // heading scrolled past (one within the top fifth of the window counts as being read).
  const fragment = decodeURIComponent(location.hash.slice(1));
  const top = fragment ? document.getElementById(fragment)?.getBoundingClientRect().top : undefined;
  const scrolled = headings.filter((h) => h.getBoundingClientRect().top <= window.innerHeight / 5).pop();
  const hash = top !== undefined && top >= 0 && top < window.innerHeight ? fragment : (scrolled?.id ?? fragment);
  if (!hash) return;
  const twin = JSON.parse(link.dataset['twinHeadings'] ?? '[]') as string[];
  const i = ids.indexOf(hash);
  // Ids outside the prose (check-…, sources, self-check) are the same in both languages.
  const target = i >= 0 ? (twin.length === ids.length ? twin[i] : undefined) : hash;
  if (target) link.hash = `#${encodeURIComponent(target)}`;
}

function flash(button: HTMLButtonElement, text: string): void {
  const before = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = before), 1500);
}

// On wide screens CSS shows the sidebar and the contents beside the note even though their
// <details> are closed (so a phone gets the note first). Opening them here keeps the open state,
// which assistive technology follows, in line with what is on screen.
for (const [selector, query] of [
  ['.sidebar > details', '(min-width: 60rem)'],
  ['.toc > details', '(min-width: 80rem)'],
] as const) {
  const media = matchMedia(query);
  const sync = () => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>(selector)) d.open = media.matches;
  };
  sync();
  media.addEventListener('change', sync);
}

// The sidebar scrolls on its own beside the note: bring the current page's entry into its view
// (without scrolling the page itself).
const current = document.querySelector<HTMLElement>('.sidebar [aria-current="page"]');
const sidebar = current?.closest<HTMLElement>('.sidebar');
if (current && sidebar && sidebar.scrollHeight > sidebar.clientHeight) {
  const offset = current.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
  sidebar.scrollTop += offset - sidebar.clientHeight / 3;
}

// Printed pages show every self-check answer.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});

// Arriving from a search result: mark the words searched for (a separate, small script).
if (new URLSearchParams(location.search).has('highlight')) {
  const script = document.createElement('script');
  script.src = `${html.dataset['root'] ?? '/'}_client/highlight.js`;
  document.head.append(script);
}

// ---- study progress ----
// The review record lives in this browser; the review code writes a small summary (notes read,
// notes with questions due) that marks them here, on every page, without loading that code.
try {
  const summary = JSON.parse(localStorage.getItem('rr-study-summary') ?? 'null') as {
    read: string[];
    due: string[];
  } | null;
  if (summary) {
    const read = new Set(summary.read);
    const due = new Set(summary.due);
    const labels = document.querySelector<HTMLElement>('[data-study-labels]')?.dataset;
    for (const el of document.querySelectorAll<HTMLElement>('.sidebar a[data-note], [data-note-item]')) {
      const note = el.dataset['note'] ?? el.dataset['noteItem']!;
      const marks = [read.has(note) && 'read', due.has(note) && 'due'].filter(Boolean) as string[];
      for (const mark of marks) {
        el.classList.add(`is-${mark}`);
        // The mark is drawn by CSS; screen readers get its words.
        el.append(
          Object.assign(document.createElement('span'), {
            className: 'sr-only',
            textContent: `, ${labels?.[mark] ?? mark}`,
          }),
        );
      }
    }
    const controls = document.querySelector<HTMLElement>('[data-study-controls]');
    controls
      ?.querySelector('[data-progress="read"]')
      ?.setAttribute('aria-pressed', String(read.has(controls.dataset['note']!)));
    for (const card of document.querySelectorAll<HTMLElement>('[data-section-card]')) {
      const out = card.querySelector<HTMLElement>('[data-progress-count]');
      const n = [...read].filter((note) => note.startsWith(`${card.dataset['sectionCard']}/`)).length;
      if (out && n) out.textContent = (out.dataset['template'] ?? '').replace('{read}', String(n));
    }
  }
} catch {
  // No storage, or an unreadable summary: no marks.
}

// A study control loads its code on first use.
document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest<HTMLButtonElement>('[data-progress]');
  if (!button) return;
  if (window.RRProgress) return window.RRProgress.handle(button);
  const script = document.createElement('script');
  script.src = `${html.dataset['root'] ?? '/'}_client/progress.js`;
  script.onload = () => window.RRProgress?.handle(button);
  document.head.append(script);
});

// ---- search ----
// The dialog is in every page; it opens at once, so every keystroke lands in its input while the
// search script and the indexes load (in parallel). Hover, focus or touch on the search button
// starts that loading early.
let searchScript: HTMLScriptElement | undefined;
function loadSearch(): void {
  if (searchScript || window.RRSearch) return;
  searchScript = document.createElement('script');
  searchScript.src = `${html.dataset['root'] ?? '/'}_client/search.js`;
  searchScript.onload = () => {
    if ((document.getElementById('search-dialog') as HTMLDialogElement | null)?.open) window.RRSearch?.run();
  };
  // A failed load is tried again at the next intent or opening.
  searchScript.onerror = () => {
    searchScript?.remove();
    searchScript = undefined;
    const status = document.getElementById('search-status');
    if (status)
      status.textContent =
        JSON.parse(document.getElementById('search-dialog')?.dataset['strings'] ?? '{}')['failed'] ?? '';
  };
  document.head.append(searchScript);
}

function openSearch(): void {
  const dialog = document.getElementById('search-dialog') as HTMLDialogElement | null;
  if (!dialog) return;
  if (!dialog.open) dialog.showModal();
  const input = document.getElementById('search-input') as HTMLInputElement;
  input.focus();
  input.select();
  if (window.RRSearch) window.RRSearch.run();
  else {
    const status = document.getElementById('search-status');
    if (status && !status.textContent)
      status.textContent = JSON.parse(dialog.dataset['strings'] ?? '{}')['loading'] ?? '';
    loadSearch();
  }
}

for (const button of document.querySelectorAll('[data-search-open]'))
  for (const intent of ['pointerenter', 'focus', 'touchstart'])
    button.addEventListener(intent, loadSearch, { once: true, passive: true });

document.addEventListener('keydown', (event) => {
  const el = event.target as HTMLElement | null;
  const typing = el?.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el?.tagName ?? '');
  if (
    (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) ||
    (event.key === 'k' && (event.ctrlKey || event.metaKey))
  ) {
    event.preventDefault();
    openSearch();
  }
});

export {};
