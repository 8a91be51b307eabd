/**
 * The notes as the pages see them: loaded once from the content collection, validated across
 * files, in reading order. Only English notes exist today; `lang` keeps the door open for zh/.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { assertValidNotes, sortNotes, type NoteEntry } from './notes.ts';

export type NoteDoc = CollectionEntry<'notes'> & NoteEntry;

let cache: Promise<NoteDoc[]> | undefined;

export function loadNotes(lang = 'en'): Promise<NoteDoc[]> {
  cache ??= (async () => {
    const entries = await getCollection('notes', (e) => e.id.startsWith(`${lang}/`));
    const notes = entries.map((e) => ({
      ...e,
      slug: e.id.slice(lang.length + 1),
      filePath: e.filePath ?? `content/notes/${e.id}.mdx`,
    }));
    assertValidNotes(notes);
    return sortNotes(notes) as NoteDoc[];
  })();
  return cache;
}
