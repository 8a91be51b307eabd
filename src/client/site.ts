/**
 * The one script every page loads (classic, deferred, about 1 KB): the theme switch, copy
 * buttons, printing with answers open, and the search shortcuts. The search itself is loaded
 * only when the reader first opens it.
 */
type Theme = 'system' | 'light' | 'dark';
const THEMES: Theme[] = ['system', 'light', 'dark'];
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
    const label = theme[0]!.toUpperCase() + theme.slice(1);
    button.setAttribute('aria-label', `Colour theme: ${theme}. Change theme`);
    const text = button.querySelector('.theme-label');
    if (text) text.textContent = label;
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

applyTheme(storedTheme());

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const toggle = target?.closest('[data-theme-toggle]');
  if (toggle) {
    const current = html.getAttribute('data-theme') ?? 'system';
    setTheme(THEMES[(THEMES.indexOf(current as Theme) + 1) % THEMES.length]!);
    return;
  }
  const copy = target?.closest<HTMLButtonElement>('[data-copy]');
  if (copy) {
    const code = copy.closest('figure')?.querySelector('pre')?.textContent ?? '';
    navigator.clipboard?.writeText(code).then(
      () => flash(copy, 'Copied'),
      () => flash(copy, 'Copy failed'),
    );
    return;
  }
  if (target?.closest('[data-search-open]')) openSearch();
});

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

// Printed pages show every self-check answer.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});

let loading = false;
function openSearch(): void {
  if (window.RRSearch) return window.RRSearch.open();
  if (loading) return;
  loading = true;
  const script = document.createElement('script');
  script.src = `${html.dataset['root'] ?? '/'}_client/search.js`;
  script.onload = () => window.RRSearch?.open();
  script.onerror = () => {
    loading = false;
  };
  document.head.append(script);
}

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
