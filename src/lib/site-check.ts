/**
 * Checks over a built site, given as a map from file path (relative to the output folder, with
 * forward slashes) to HTML. Used by the build (which fails on any problem) and by tests/site.
 * Each problem names the page and, for notes, the source file it was built from.
 */
import { parseHTML } from 'linkedom';

export interface PageInfo {
  file: string;
  source?: string;
  lang: string | null;
  title: string;
  description: string | null;
  ids: Set<string>;
  /** Every URL the page links to or loads, with the attribute it came from. */
  refs: { attr: 'href' | 'src'; tag: string; url: string }[];
  hasKatexError: boolean;
}

export function parsePage(file: string, html: string): PageInfo {
  const { document } = parseHTML(html);
  const ids = new Set<string>();
  for (const el of document.querySelectorAll('[id]')) ids.add(el.getAttribute('id')!);
  for (const el of document.querySelectorAll('a[name]')) ids.add(el.getAttribute('name')!);
  const refs: PageInfo['refs'] = [];
  for (const el of document.querySelectorAll('[href], [src]')) {
    const tag = el.tagName.toLowerCase();
    const href = el.getAttribute('href');
    const src = el.getAttribute('src');
    if (href !== null) refs.push({ attr: 'href', tag, url: href });
    if (src !== null) refs.push({ attr: 'src', tag, url: src });
  }
  const source = document.querySelector('[data-source]')?.getAttribute('data-source') ?? undefined;
  const info: PageInfo = {
    file,
    lang: document.documentElement.getAttribute('lang'),
    title: document.querySelector('title')?.textContent?.trim() ?? '',
    description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? null,
    ids,
    refs,
    hasKatexError: document.querySelector('.katex-error') !== null,
  };
  if (source) info.source = source;
  return info;
}

/**
 * The file a site-absolute or page-relative URL points at, or undefined for other origins.
 * Directory URLs resolve to their index.html, as a static server (and the offline copy) does.
 * Site-absolute URLs must start with the base path; one that does not points outside the site.
 */
export function resolveTarget(
  fromFile: string,
  url: string,
  base = '/',
): { file: string; fragment: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const [pathPart = '', fragment = ''] = url.split('#', 2) as [string, string?];
  const path = pathPart.split('?')[0]!;
  let segments: string[];
  if (path === '') segments = fromFile.split('/');
  else if (path.startsWith('/')) {
    // A name no built file has: the link is reported as broken.
    if (!path.startsWith(base)) return { file: `(outside the base ${base})${path}`, fragment };
    segments = path.slice(base.length).split('/');
  } else {
    const base = fromFile.split('/').slice(0, -1);
    segments = [...base, ...path.split('/')];
  }
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.') out.push(s);
  }
  let file = out.join('/');
  if (file === '' || file.endsWith('/')) file += 'index.html';
  else if (path !== '' && !/\.[a-z0-9]+$/i.test(file)) file += '/index.html';
  return { file, fragment: decodeURIComponent(fragment) };
}

const where = (p: PageInfo) => (p.source ? `${p.file} (from ${p.source})` : p.file);

/**
 * Every problem in the site. `base` is the base path the site was built under; `site` its
 * origin (https://host), so absolute links to the site itself (the language alternates) are
 * checked like relative ones.
 */
export function checkSite(
  pages: ReadonlyMap<string, string>,
  otherFiles: ReadonlySet<string>,
  base = '/',
  site?: string,
): string[] {
  const origin = site ? new URL(site).origin : undefined;
  const infos = new Map<string, PageInfo>();
  for (const [file, html] of pages) infos.set(file, parsePage(file, html));
  const problems: string[] = [];
  for (const page of infos.values()) {
    if (!page.lang) problems.push(`${where(page)}: <html> has no lang`);
    if (!page.title) problems.push(`${where(page)}: no <title>`);
    if (!page.description) problems.push(`${where(page)}: no meta description`);
    if (page.hasKatexError) problems.push(`${where(page)}: contains a KaTeX error`);
    for (const ref of page.refs) {
      const url = origin && ref.url.startsWith(`${origin}/`) ? ref.url.slice(origin.length) : ref.url;
      const target = resolveTarget(page.file, url, base);
      if (!target) {
        // Only plain links may leave the site: nothing is loaded from another origin.
        if (!(ref.tag === 'a' && ref.attr === 'href'))
          problems.push(`${where(page)}: loads ${ref.url} from another origin`);
        continue;
      }
      const exists = infos.has(target.file) || otherFiles.has(target.file);
      if (!exists) {
        problems.push(`${where(page)}: broken link ${ref.url} (no ${target.file})`);
        continue;
      }
      if (target.fragment && target.file.endsWith('.html')) {
        const targetInfo = infos.get(target.file);
        if (targetInfo && !targetInfo.ids.has(target.fragment))
          problems.push(`${where(page)}: link ${ref.url} points at a missing #${target.fragment}`);
      }
    }
  }
  return problems;
}
