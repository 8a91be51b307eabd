/**
 * The search used by the offline copy, where Pagefind cannot run (it fetches its index, and
 * browsers refuse fetch() from file://). Pages are matched by substring, which also works for
 * Chinese without a word segmenter; every query term must occur (AND); title hits rank first.
 */

export interface OfflineDoc {
  /** Path relative to the site root, e.g. "bandits/thompson-sampling/index.html". */
  url: string;
  title: string;
  section: string;
  /** The indexed text of the page, whitespace collapsed. */
  text: string;
}

export interface SearchHit {
  url: string;
  title: string;
  section: string;
  /** HTML: escaped text around the first match, with every match wrapped in <mark>. */
  excerpt: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lower-cased query terms, split on white space. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** An excerpt of about `width` characters around the first match, matches marked. */
export function excerpt(text: string, terms: readonly string[], width = 160): string {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length);
  const start = Math.max(0, first - Math.floor(width / 3));
  const slice = text.slice(start, start + width);
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'gi');
  let out = '';
  let last = 0;
  for (const m of slice.matchAll(pattern)) {
    out += `${escapeHtml(slice.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  out += escapeHtml(slice.slice(last));
  return `${start > 0 ? '…' : ''}${out}${start + width < text.length ? '…' : ''}`;
}

/** Pages matching every term of `query`, best first; `section` (a section title) filters. */
export function offlineSearch(docs: readonly OfflineDoc[], query: string, section = '', limit = 10): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const scored: { doc: OfflineDoc; score: number }[] = [];
  for (const doc of docs) {
    if (section && doc.section !== section) continue;
    const title = doc.title.toLowerCase();
    const text = doc.text.toLowerCase();
    let score = 0;
    let all = true;
    for (const t of terms) {
      const inTitle = title.includes(t);
      const inText = countOccurrences(text, t);
      if (!inTitle && inText === 0) {
        all = false;
        break;
      }
      score += (inTitle ? 20 : 0) + Math.min(inText, 10);
    }
    if (all) scored.push({ doc, score });
  }
  scored.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title));
  return scored.slice(0, limit).map(({ doc }) => ({
    url: doc.url,
    title: doc.title,
    section: doc.section,
    excerpt: excerpt(doc.text, terms),
  }));
}
