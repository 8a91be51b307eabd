/**
 * The quick index: every page's title, section, key terms (both languages) and tags, a few KB per
 * language, loaded with the search dialog. It answers the first keystrokes at once, while the
 * full-text index (Pagefind) is still loading on a slow network, and it is the vocabulary that
 * turns a misspelt query ("thompsen") into the word the reader meant ("thompson"). Pure: the
 * build makes the documents, the search script queries them (in the browser and offline).
 */
import { distance } from 'fastest-levenshtein';

export interface QuickDoc {
  /** Site URL of the page. */
  url: string;
  title: string;
  /** Section id ('' for pages outside the sections). */
  section: string;
  /** Key terms in both languages and tags: what a reader types to find this page. */
  keys: string[];
}

const CJK = /[\u3400-\u9fff]/;

/** Query words, lower-cased: Latin words split on spaces and punctuation; a Chinese run is one word. */
export function queryWords(query: string): string[] {
  return (query.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9][a-z0-9+#-]*/g) ?? []).filter(Boolean);
}

/** Score of `word` against one text: 3 whole word, 2 word prefix, 1 inside (Chinese: substring). */
function wordScore(word: string, text: string): number {
  const t = text.toLowerCase();
  if (CJK.test(word)) return t.includes(word) ? (t === word ? 3 : 2) : 0;
  const words: string[] = t.match(/[a-z0-9][a-z0-9+#-]*/g) ?? [];
  if (words.includes(word)) return 3;
  if (words.some((w) => w.startsWith(word))) return word.length >= 2 ? 2 : 0;
  return 0;
}

/**
 * Pages whose title, terms or tags contain every word of `query` (a prefix of a word counts),
 * best first: title matches weigh three times a term match. `section` filters.
 */
export function quickSearch(docs: readonly QuickDoc[], query: string, section = ''): QuickDoc[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const scored: { doc: QuickDoc; score: number }[] = [];
  for (const doc of docs) {
    if (section && doc.section !== section) continue;
    let score = 0;
    for (const word of words) {
      const inTitle = wordScore(word, doc.title);
      const inKeys = Math.max(0, ...doc.keys.map((k) => wordScore(word, k)));
      if (inTitle === 0 && inKeys === 0) {
        score = 0;
        break;
      }
      score += 3 * inTitle + inKeys;
    }
    if (score > 0) scored.push({ doc, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.doc.title.localeCompare(b.doc.title)).map((s) => s.doc);
}

/** The Latin words of every title, term and tag, each once. */
export function vocabulary(docs: readonly QuickDoc[]): string[] {
  const words = new Set<string>();
  for (const doc of docs)
    for (const text of [doc.title, ...doc.keys])
      for (const w of text.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? []) words.add(w);
  return [...words].sort();
}

/**
 * The query with each misspelt Latin word replaced by the closest vocabulary word, or undefined
 * when nothing changes. A word of 4–5 letters may be one edit away, a longer word two; a word
 * already in the vocabulary (or a prefix of one) is kept.
 */
export function suggestQuery(query: string, words: readonly string[]): string | undefined {
  let changed = false;
  const out = query.replace(/[A-Za-z][A-Za-z0-9-]*/g, (word) => {
    const lower = word.toLowerCase();
    if (lower.length < 4 || words.some((w) => w.startsWith(lower))) return word;
    const limit = lower.length <= 5 ? 1 : 2;
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const w of words) {
      if (Math.abs(w.length - lower.length) > limit) continue;
      const d = distance(lower, w);
      if (d < bestDistance) [best, bestDistance] = [w, d];
    }
    if (!best) return word;
    changed = true;
    return best;
  });
  return changed ? out : undefined;
}

/**
 * Move punctuation that ends a highlighted word out of its <mark> ("<mark>loss,</mark>" ->
 * "<mark>loss</mark>,"), then join marks that touch: a Chinese word matched piece by piece
 * ("<mark>样本</mark><mark>量</mark>") is highlighted as one word.
 */
export function trimMarks(html: string): string {
  return html
    .replace(/<mark>([^<]*?)([\s.,;:!?)\]'"’”、，。；：！？）]+)<\/mark>/g, (_, word: string, punct: string) =>
      word ? `<mark>${word}</mark>${punct}` : punct,
    )
    .replaceAll('</mark><mark>', '');
}

/** Does `query` hold Chinese characters (then it is searched in the Chinese pages)? */
export const isChineseQuery = (query: string): boolean => CJK.test(query);
