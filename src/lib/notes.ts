/**
 * Pure helpers over the loaded notes of one language: ordering, the sidebar tree, prev/next,
 * related links in both directions, the glossary, and the checks across notes that zod cannot
 * make on one file alone. `src/lib/content.ts` feeds them from Astro's content layer (a
 * translation carries its English note's section, order, terms, sources and related notes);
 * tests feed them plain objects.
 */
import type { NoteData } from './schema.ts';
import { DEFAULT_LANG, type Lang } from '../i18n/langs.ts';
import { pinyinKey } from './glossary-index.ts';
import { SECTIONS, type SectionId } from './sections.ts';

export interface NoteEntry {
  /** `<section>/<page>`, the URL path without slashes. */
  slug: string;
  /** Source file relative to the project root, for error messages. */
  filePath: string;
  data: NoteData;
}

/** Notes in reading order: by section (as listed in sections.ts), then by `order`. */
export function sortNotes(notes: readonly NoteEntry[]): NoteEntry[] {
  const sectionIndex = new Map(SECTIONS.map((s, i) => [s.id as string, i]));
  return [...notes].sort(
    (a, b) => sectionIndex.get(a.data.section)! - sectionIndex.get(b.data.section)! || a.data.order - b.data.order,
  );
}

/** A problem with one frontmatter field of one note, found by looking across notes. */
export interface CrossNoteProblem {
  filePath: string;
  /** The field, e.g. ['related', 1]; the loader turns it into a line. */
  path: (string | number)[];
  message: string;
}

/**
 * Rules across files that zod cannot check on one note alone: section matches the folder, orders
 * are unique within a section, related notes exist, check ids are unique within a note. All are
 * reported together, so one build shows everything to fix.
 */
export function crossNoteProblems(
  notes: readonly NoteEntry[],
  /** Slugs of notes that exist but were left out for problems of their own (not reported again). */
  alsoExisting: ReadonlySet<string> = new Set(),
): CrossNoteProblem[] {
  const problems: CrossNoteProblem[] = [];
  const bySlug = new Map(notes.map((n) => [n.slug, n]));
  const orders = new Map<string, NoteEntry>();
  for (const note of sortNotes(notes)) {
    const at = (path: (string | number)[], message: string) =>
      problems.push({ filePath: note.filePath, path, message });
    const folder = note.slug.split('/')[0];
    if (folder !== note.data.section)
      at(['section'], `section "${note.data.section}" does not match its folder "${folder}"`);
    const key = `${note.data.section}#${note.data.order}`;
    const clash = orders.get(key);
    if (clash) at(['order'], `order ${note.data.order} is already used by ${clash.filePath}`);
    else orders.set(key, note);
    note.data.related.forEach((rel, i) => {
      if (!bySlug.has(rel) && !alsoExisting.has(rel)) at(['related', i], `related note "${rel}" does not exist`);
      if (rel === note.slug) at(['related', i], 'lists itself as related');
    });
    const ids = new Set<string>();
    note.data.checks.forEach((check, i) => {
      if (ids.has(check.id)) at(['checks', i, 'id'], `check id "${check.id}" is used twice`);
      ids.add(check.id);
    });
  }
  return problems;
}

export interface NavSection {
  id: SectionId;
  /** The section's name and one-line summary in the notes' language. */
  title: string;
  blurb: string;
  notes: { slug: string; title: string }[];
}

/** The sidebar in `lang`: every section in order with its notes; empty sections are left out. */
export function navTree(notes: readonly NoteEntry[], lang: Lang = DEFAULT_LANG): NavSection[] {
  const sorted = sortNotes(notes);
  return SECTIONS.map((s) => ({
    id: s.id,
    title: s.title[lang],
    blurb: s.blurb[lang],
    notes: sorted.filter((n) => n.data.section === s.id).map((n) => ({ slug: n.slug, title: n.data.title })),
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
  /** Anchor of the term on the glossary page, the same in every language (term chips link to it). */
  id: string;
  en: string;
  zh: string;
  /** The definition in the glossary's language. */
  definition: string;
  /** Every note that names the term; the first defines it. */
  pages: { slug: string; title: string }[];
}

/** Anchor id of a glossary term: its English name as a slug ("Thompson sampling" -> "thompson-sampling"). */
export const termId = (en: string): string =>
  en
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The glossary in `lang`: every note's terms, merged by English term (case-insensitive), with the
 * definition from the first note in reading order, sorted the way a reader of `lang` looks a term
 * up (English alphabetically, Chinese by the Chinese name's pinyin).
 */
export function glossary(notes: readonly NoteEntry[], lang: Lang = DEFAULT_LANG): GlossaryEntry[] {
  const merged = new Map<string, GlossaryEntry>();
  for (const note of sortNotes(notes)) {
    for (const t of note.data.terms) {
      const key = t.en.toLowerCase();
      const page = { slug: note.slug, title: note.data.title };
      const existing = merged.get(key);
      if (existing) {
        if (!existing.pages.some((p) => p.slug === note.slug)) existing.pages.push(page);
      } else {
        const definition = lang === 'zh' ? (t.definitionZh ?? t.definition) : t.definition;
        merged.set(key, { id: termId(t.en), en: t.en, zh: t.zh, definition, pages: [page] });
      }
    }
  }
  const key = (e: GlossaryEntry) => (lang === 'zh' ? pinyinKey(e.zh) : e.en);
  return [...merged.values()].sort((a, b) => key(a).localeCompare(key(b), 'en', { sensitivity: 'base' }));
}

/** Anchor id of a self-check question on a note page, from its stable id. */
export const checkId = (id: string): string => `check-${id}`;
