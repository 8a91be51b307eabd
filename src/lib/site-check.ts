/**
 * Checks over a built site, given as a map from file path (relative to the output folder, with
 * forward slashes) to HTML. Used by the build (which fails on any problem) and by tests/site.
 * Each problem names the page and, for notes, the source file it was built from.
 */
import { Parser } from 'htmlparser2';
import { hasMathPlaceholder } from './markdown/math-html.ts';

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
  /** Whether a formula's placeholder (src/lib/markdown/math-html.ts) was left in the page. */
  hasMathPlaceholder: boolean;
}

const FORMULA = '<span class="katex">';

/**
 * The page with every typeset formula emptied: KaTeX's `<span class="katex">` stays, its content
 * goes. Nothing the checks look for is inside a formula (with `trust: false` KaTeX makes no ids,
 * links or images, and a TeX error is a `span.katex-error` of its own), and formulas are most of a
 * note's bytes. KaTeX escapes `<` in text and attribute values, so the formula's end is found by
 * counting `<span` and `</span>`; a formula left unclosed is kept whole.
 */
export function withoutFormulaContent(html: string): string {
  let out = '';
  let from = 0;
  for (let start = html.indexOf(FORMULA); start >= 0; start = html.indexOf(FORMULA, from)) {
    const content = start + FORMULA.length;
    let depth = 1;
    let at = content;
    let nextOpen = html.indexOf('<span', at);
    while (depth > 0) {
      const nextClose = html.indexOf('</span>', at);
      if (nextClose < 0) return out + html.slice(from);
      if (nextOpen >= 0 && nextOpen < nextClose) {
        depth++;
        at = nextOpen + '<span'.length;
        nextOpen = html.indexOf('<span', at);
      } else {
        depth--;
        at = nextClose + '</span>'.length;
      }
    }
    out += `${html.slice(from, content)}</span>`;
    from = at;
  }
  return out + html.slice(from);
}

/**
 * What the checks need of a page, read in one streaming pass (htmlparser2) over the page without
 * its formulas' content: far cheaper than a DOM for the hundreds of pages of both languages.
 */
export function parsePage(file: string, html: string): PageInfo {
  const ids = new Set<string>();
  const refs: PageInfo['refs'] = [];
  const info: PageInfo = {
    file,
    lang: null,
    title: '',
    description: null,
    ids,
    refs,
    hasKatexError: false,
    hasMathPlaceholder: hasMathPlaceholder(html),
  };
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (attrs['id'] !== undefined) ids.add(attrs['id']);
        if (tag === 'a' && attrs['name'] !== undefined) ids.add(attrs['name']);
        if (attrs['href'] !== undefined) refs.push({ attr: 'href', tag, url: attrs['href'] });
        if (attrs['src'] !== undefined) refs.push({ attr: 'src', tag, url: attrs['src'] });
        if (tag === 'html') info.lang = attrs['lang'] ?? null;
        else if (tag === 'title') inTitle = true;
        else if (tag === 'meta' && attrs['name'] === 'description') info.description = attrs['content'] ?? null;
        if (attrs['data-source'] !== undefined && info.source === undefined) info.source = attrs['data-source'];
        if (attrs['class']?.split(/\s+/).includes('katex-error')) info.hasKatexError = true;
      },
      ontext(text) {
        if (inTitle) info.title += text;
      },
      onclosetag(tag) {
        if (tag === 'title') {
          inTitle = false;
          info.title = info.title.trim();
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(withoutFormulaContent(html));
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
    if (page.hasMathPlaceholder)
      problems.push(`${where(page)}: a formula's placeholder (U+E000/U+E001) was left in the page`);
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
