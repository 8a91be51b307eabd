/**
 * The content layer: the English notes, their translations, and every self-check question as an
 * entry of its own. The schemas live in src/lib/schema.ts; the loaders (src/lib/loaders.ts) check
 * each note at its lines before Astro validates it again.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { DEFAULT_LANG, LANGS } from './i18n/langs.ts';
import { checksLoader, notesLoader } from './lib/loaders.ts';
import { crossNoteProblems } from './lib/notes.ts';
import { translationProblems } from './lib/translations.ts';
import { noteSchema, translationSchema, type NoteData } from './lib/schema.ts';

const translated = LANGS.filter((l) => l !== DEFAULT_LANG);
// A glob brace with one alternative ({zh}) matches nothing; write it only for several languages.
const translatedFolders = translated.length === 1 ? translated[0] : `{${translated.join(',')}}`;

const notes = defineCollection({
  loader: notesLoader({
    base: `./content/notes/${DEFAULT_LANG}`,
    schema: noteSchema,
    crossCheck: (entries, _root, rejected) =>
      crossNoteProblems(
        entries.map((e) => ({ slug: e.id, filePath: e.filePath, data: e.data as NoteData })),
        rejected,
      ),
  }),
  schema: noteSchema,
});

const translations = defineCollection({
  loader: notesLoader({
    base: './content/notes',
    pattern: `${translatedFolders}/**/*.mdx`,
    schema: translationSchema,
    crossCheck: (entries, root) => translationProblems(entries, root, true),
  }),
  schema: translationSchema,
});

const checks = defineCollection({
  loader: checksLoader({ base: './content/notes' }),
  schema: z.object({
    lang: z.enum(LANGS),
    note: z.string(),
    id: z.string(),
    index: z.number(),
    question: z.string(),
    questionHtml: z.string(),
    answerHtml: z.string(),
    hasMath: z.boolean(),
  }),
});

export const collections = { notes, translations, checks };
