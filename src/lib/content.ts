/**
 * The notes as the pages see them, per language: loaded once from the content collections and
 * put in reading order. A translation takes its title, description, tags and self-check questions
 * from its own file and everything else (section, order, terms, sources, related notes) from the
 * English note it translates; the loaders have checked both (src/lib/loaders.ts).
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LANG, LANGS, type Lang } from '../i18n/langs.ts';
import type { CheckEntryData } from './loaders.ts';
import { sortNotes, type NoteEntry } from './notes.ts';

export interface LocalNote extends NoteEntry {
  lang: Lang;
  /** The entry whose body this page renders. */
  entry: CollectionEntry<'notes'> | CollectionEntry<'translations'>;
}

const notesCache = new Map<Lang, Promise<LocalNote[]>>();

/** The notes of `lang` in reading order. */
export function loadNotes(lang: Lang = DEFAULT_LANG): Promise<LocalNote[]> {
  let notes = notesCache.get(lang);
  if (!notes) {
    notes = lang === DEFAULT_LANG ? loadEnglish() : loadTranslations(lang);
    notesCache.set(lang, notes);
  }
  return notes;
}

async function loadEnglish(): Promise<LocalNote[]> {
  const entries = await getCollection('notes');
  const notes = entries.map((entry) => ({
    slug: entry.id,
    filePath: entry.filePath ?? `content/notes/${DEFAULT_LANG}/${entry.id}.mdx`,
    lang: DEFAULT_LANG,
    data: entry.data,
    entry,
  }));
  return sortNotes(notes) as LocalNote[];
}

async function loadTranslations(lang: Lang): Promise<LocalNote[]> {
  const english = await loadNotes(DEFAULT_LANG);
  const translations = new Map(
    (await getCollection('translations', (e) => e.id.startsWith(`${lang}/`))).map((e) => [
      e.id.slice(lang.length + 1),
      e,
    ]),
  );
  const notes: LocalNote[] = [];
  for (const note of english) {
    const entry = translations.get(note.slug);
    if (!entry) continue;
    const { title, description, tags, checks } = entry.data;
    notes.push({
      slug: note.slug,
      filePath: entry.filePath ?? `content/notes/${lang}/${note.slug}.mdx`,
      lang,
      data: {
        ...note.data,
        title,
        description,
        tags,
        checks,
        related: note.data.related.filter((r) => translations.has(r)),
      },
      entry,
    });
  }
  return notes;
}

/** Languages that have notes (a language's pages are built only once it has some). */
export async function langsWithNotes(): Promise<Lang[]> {
  const out: Lang[] = [];
  for (const lang of LANGS) if ((await loadNotes(lang)).length > 0) out.push(lang);
  return out;
}

const checksCache = new Map<Lang, Promise<Map<string, CheckEntryData[]>>>();

/** Self-check questions of every note of `lang`, rendered, by note slug, in the note's order. */
export function loadChecks(lang: Lang = DEFAULT_LANG): Promise<Map<string, CheckEntryData[]>> {
  let checks = checksCache.get(lang);
  if (!checks) {
    checks = (async () => {
      const byNote = new Map<string, CheckEntryData[]>();
      for (const { data } of await getCollection('checks', (e) => e.data.lang === lang)) {
        const list = byNote.get(data.note) ?? [];
        list.push(data);
        byNote.set(data.note, list);
      }
      for (const list of byNote.values()) list.sort((a, b) => a.index - b.index);
      return byNote;
    })();
    checksCache.set(lang, checks);
  }
  return checks;
}
