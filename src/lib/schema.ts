/**
 * The note frontmatter schema: every field a note may carry, each documented. `src/content.config.ts`
 * hands it to Astro's content layer, and `scripts/check-notes.ts` uses it directly, so the rules
 * live here only. Zod rejects a missing or malformed field and Astro names the file in the error.
 */
import { z } from 'astro/zod';
import { SECTION_IDS } from './sections.ts';

/** A slug as used in URLs and `related`: `<section>/<page>`, lower-case words joined by dashes. */
export const slugPattern = /^[a-z0-9-]+\/[a-z0-9-]+$/;

const cjk = /[\u3400-\u9fff]/;

/** One primary source: the paper, book or documentation the note is checked against. */
export const sourceSchema = z
  .object({
    /** Authors as printed, e.g. "Tomas Mikolov, Ilya Sutskever, Kai Chen, Greg Corrado, Jeff Dean". */
    authors: z.string().min(2),
    /** The work's title, without quotes. */
    title: z.string().min(2),
    /** Where it appeared: a conference ("NeurIPS"), journal, book publisher or "arXiv preprint". */
    venue: z.string().min(2),
    /** Year of publication. */
    year: z.number().int().min(1900).max(2100),
    /** arXiv identifier without prefix, e.g. "1310.4546". */
    arxiv: z
      .string()
      .regex(/^\d{4}\.\d{4,5}$/, 'arxiv must look like 1310.4546')
      .optional(),
    /** DOI without the resolver prefix, e.g. "10.1145/3298689.3346996". */
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, 'doi must look like 10.1145/3298689.3346996')
      .optional(),
    /** A stable URL, for works that have neither arXiv id nor DOI. */
    url: z.url().optional(),
  })
  .strict();

/** A key concept of the note with its Chinese term; these feed the glossary and Chinese search. */
export const termSchema = z
  .object({
    /** The English term, as it appears in the note ("Thompson sampling"). */
    en: z.string().min(2),
    /** The usual Chinese term (汤普森采样). */
    zh: z.string().regex(cjk, 'zh must contain Chinese characters'),
    /** One sentence that defines the term, shown in the glossary. */
    definition: z.string().min(10),
    /** The same definition in Chinese, shown in the Chinese glossary (required once the note is translated). */
    definitionZh: z.string().regex(cjk, 'definitionZh must be written in Chinese').optional(),
  })
  .strict();

/** A self-check question. The answer is Markdown and may use $inline$ and $$display$$ math. */
export const checkSchema = z
  .object({
    /**
     * A stable id for the question, unique within the note (lower-case words joined by dashes). It
     * keys the question's anchor, its Chinese twin and a reader's review history, so it stays the
     * same when the question's wording changes.
     */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'check ids are lower-case words joined by dashes'),
    /** The question, one line, plain text (inline `$math$` allowed). */
    q: z.string().min(8),
    /** The answer, Markdown; shown collapsed under the question. */
    a: z.string().min(8),
  })
  .strict();

export const noteSchema = z
  .object({
    /** The page title, also the `<title>` and the search result title. */
    title: z.string().min(2).max(80),
    /** One sentence, used under the title, in `<meta name="description">` and in search. */
    description: z
      .string()
      .min(20)
      .max(220)
      .regex(/[.?!]$/, 'description must be one sentence ending with a full stop'),
    /** The section this note belongs to; must match the folder it lives in. */
    section: z.enum(SECTION_IDS),
    /** Position within its section (ascending); ties are an error. */
    order: z.number().int().min(1),
    /** Free keywords, shown on the page and indexed for search. */
    tags: z.array(z.string().min(2)).min(1),
    /** Key concepts with their Chinese terms (at least one). */
    terms: z.array(termSchema).min(1),
    /** Primary sources the note is checked against (at least one). */
    sources: z.array(sourceSchema).min(1),
    /** Slugs of related notes; links are made both ways automatically. */
    related: z.array(z.string().regex(slugPattern, 'related entries are slugs like recall/word2vec')).default([]),
    /** Self-check questions, at least three, with collapsed answers. */
    checks: z.array(checkSchema).min(3),
  })
  .strict();

/**
 * A translation of an English note (`content/notes/zh/<section>/<slug>.mdx`). It carries only what
 * is written in its language; section, order, terms, sources and related notes come from the
 * English note it translates, so the two cannot disagree on them.
 */
export const translationSchema = z
  .object({
    /** The page title in this language. */
    title: z.string().min(2).max(80),
    /** One sentence, as for the English note (may end with 。？！). */
    description: z
      .string()
      .min(10)
      .max(220)
      .regex(/[.?!。？！]$/, 'description must be one sentence ending with a full stop'),
    /** Keywords in this language, indexed for search. */
    tags: z.array(z.string().min(2)).min(1),
    /**
     * Which version of the English note this translates: the git blob hash of the English file
     * (`git hash-object content/notes/en/<slug>.mdx`). `npm run translations` lists the notes whose
     * English changed since, with the diff; the tests fail on any.
     */
    translatedFrom: z
      .string()
      .regex(/^[0-9a-f]{40}$/, 'translatedFrom is the 40-hex git blob hash of the English note'),
    /**
     * The English note's self-check questions in this language: the same ids, in the same order.
     * (Chinese says in four characters what English says in eight, hence the shorter minimum.)
     */
    checks: z.array(checkSchema.extend({ q: z.string().min(4), a: z.string().min(2) })).min(3),
  })
  .strict();

export type NoteData = z.infer<typeof noteSchema>;
export type TranslationData = z.infer<typeof translationSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Term = z.infer<typeof termSchema>;
export type Check = z.infer<typeof checkSchema>;
