/**
 * Pure helpers over the loaded notes: ordering, the sidebar tree, prev/next, related links in
 * both directions, and the checks across notes that zod cannot make on one file alone.
 * `src/lib/content.ts` feeds them from Astro's content layer; tests feed them plain objects.
 */
import type { NoteData } from './schema.ts';
import { SECTIONS, type SectionId } from './sections.ts';

export interface NoteEntry {
  /** `<section>/<page>`, the URL path without slashes. */
  slug: string;
  /** Source file relative to the project root, for error messages. */
  filePath: string;
  data: NoteData;
}

export const noteUrl = (slug: string): string => `/${slug}/`;

/** Notes in reading order: by section (as listed in sections.ts), then by `order`. */
export function sortNotes(notes: readonly NoteEntry[]): NoteEntry[] {
  const sectionIndex = new Map(SECTIONS.map((s, i) => [s.id as string, i]));
  return [...notes].sort(
    (a, b) => sectionIndex.get(a.data.section)! - sectionIndex.get(b.data.section)! || a.data.order - b.data.order,
  );
}

/**
 * Cross-file rules. Each problem names the file it is in; all problems are reported together so
 * one build shows everything to fix.
 */
export function validateNotes(notes: readonly NoteEntry[]): string[] {
  const problems: string[] = [];
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const orders = new Map<string, NoteEntry>();
  for (const note of notes) {
    const folder = note.slug.split('/')[0];
    if (folder !== note.data.section)
      problems.push(`${note.filePath}: section "${note.data.section}" does not match its folder "${folder}"`);
    const key = `${note.data.section}#${note.data.order}`;
    const clash = orders.get(key);
    if (clash) problems.push(`${note.filePath}: order ${note.data.order} is already used by ${clash.filePath}`);
    else orders.set(key, note);
    const ids = new Set<string>();
    for (const check of note.data.checks) {
      if (ids.has(check.id)) problems.push(`${note.filePath}: check id "${check.id}" is used twice`);
      ids.add(check.id);
    }
    for (const rel of note.data.related) {
      if (!bySlug.has(rel)) problems.push(`${note.filePath}: related note "${rel}" does not exist`);
      if (rel === note.slug) problems.push(`${note.filePath}: lists itself as related`);
    }
  }
  return problems;
}

/** Throw one error listing every cross-file problem. */
export function assertValidNotes(notes: readonly NoteEntry[]): void {
  const problems = validateNotes(notes);
  if (problems.length > 0) throw new Error(`Invalid notes:\n  ${problems.join('\n  ')}`);
}

export interface NavSection {
  id: SectionId;
  title: string;
  zh: string;
  blurb: string;
  notes: { slug: string; title: string; url: string }[];
}

/** The sidebar: every section in order with its notes; empty sections are left out. */
export function navTree(notes: readonly NoteEntry[]): NavSection[] {
  const sorted = sortNotes(notes);
  return SECTIONS.map((s) => ({
    id: s.id,
    title: s.title,
    zh: s.zh,
    blurb: s.blurb,
    notes: sorted
      .filter((n) => n.data.section === s.id)
      .map((n) => ({ slug: n.slug, title: n.data.title, url: noteUrl(n.slug) })),
  })).filter((s) => s.notes.length > 0);
}

/** The notes before and after `slug` in reading order (across sections). */
export function prevNext(notes: readonly NoteEntry[], slug: string): { prev?: NoteEntry; next?: NoteEntry } {
  const sorted = sortNotes(notes);
  const i = sorted.findIndex((n) => n.slug === slug);
  if (i < 0) throw new Error(`prevNext: no note "${slug}"`);
  const out: { prev?: NoteEntry; next?: NoteEntry } = {};
  if (i > 0) out.prev = sorted[i - 1]!;
  if (i < sorted.length - 1) out.next = sorted[i + 1]!;
  return out;
}

/** Related notes of `slug`: those it lists plus those that list it, in reading order. */
export function relatedNotes(notes: readonly NoteEntry[], slug: string): NoteEntry[] {
  const self = notes.find((n) => n.slug === slug);
  if (!self) throw new Error(`relatedNotes: no note "${slug}"`);
  const wanted = new Set(self.data.related);
  for (const n of notes) if (n.data.related.includes(slug)) wanted.add(n.slug);
  return sortNotes(notes.filter((n) => wanted.has(n.slug)));
}

export interface GlossaryEntry {
  en: string;
  zh: string;
  definition: string;
  /** Every note that names the term; the first defines it. */
  pages: { slug: string; title: string }[];
}

/**
 * The glossary: every note's terms, merged by English term (case-insensitive) and sorted
 * alphabetically. The definition comes from the first note in reading order.
 */
export function glossary(notes: readonly NoteEntry[]): GlossaryEntry[] {
  const merged = new Map<string, GlossaryEntry>();
  for (const note of sortNotes(notes)) {
    for (const t of note.data.terms) {
      const key = t.en.toLowerCase();
      const page = { slug: note.slug, title: note.data.title };
      const existing = merged.get(key);
      if (existing) {
        if (!existing.pages.some((p) => p.slug === note.slug)) existing.pages.push(page);
      } else merged.set(key, { en: t.en, zh: t.zh, definition: t.definition, pages: [page] });
    }
  }
  return [...merged.values()].sort((a, b) => a.en.localeCompare(b.en, 'en', { sensitivity: 'base' }));
}

/** Anchor id of a self-check question on a note page, from its stable id. */
export const checkId = (id: string): string => `check-${id}`;

/** Whether any self-check question or answer holds TeX (they are rendered outside the MDX body). */
export function checksHaveMath(checks: readonly { q: string; a: string }[]): boolean {
  return checks.some((c) => /\$[^$]+\$/.test(`${c.q}\n${c.a}`));
}

/**
 * Every suffix (two characters or longer) of each run of Chinese characters in `text`, space
 * separated. English pages are indexed by Pagefind as English, so a Chinese term is one "word";
 * Pagefind matches query words as prefixes, and indexing the suffixes too lets a query match any
 * part of a term (采样 finds 汤普森采样).
 */
export function cjkSuffixes(text: string): string {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) {
    const chars = [...run];
    for (let i = 1; i <= chars.length - 2; i++) out.push(chars.slice(i).join(''));
  }
  return out.join(' ');
}
