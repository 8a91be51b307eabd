/**
 * Content loaders of the notes. Both run inside Astro's content layer, in `astro dev` and in
 * `astro build`, once per changed file (Astro keeps the rest from its data store).
 *
 * - `notesLoader` is Astro's glob loader with the checks of note-checks.ts in front: a note whose
 *   frontmatter or Markdown is wrong is reported at its line and left out of the store, and every
 *   problem of every note is reported together.
 * - `checksLoader` turns each self-check question into an entry of its own (for the note pages,
 *   the self-check page and the review page), its question and answer rendered once, here, by the
 *   site's Markdown processor (`renderMarkdown`), so answers get exactly what note bodies get.
 */
import { globSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { glob } from 'astro/loaders';
import type { z } from 'astro/zod';
import { readFrontmatter } from './frontmatter.ts';
import { displayPath, formatProblems, problemsError, type Problem } from './markdown/problems.ts';
import { checkNote, renderChecks, type RenderEmbedded } from './note-checks.ts';

/** A problem that concerns a frontmatter field, found by looking across notes. */
export interface FieldProblem {
  /** Source file relative to the project root. */
  filePath: string;
  /** Path of the field in the frontmatter, e.g. ['related', 2]. */
  path: readonly PropertyKey[];
  message: string;
  hint?: string;
}

/** The entries of a collection as the cross-note checks see them. */
export interface LoadedEntry {
  id: string;
  filePath: string;
  data: Record<string, unknown>;
}

const COLLECTOR = Symbol.for('recall-and-rank:problem-collector');

/**
 * Report problems found while loading: in the build, to the collector the integration installed
 * (it fails the build with every problem once all notes are compiled); without one (the dev
 * server), on the console, where the author sees them while the page shows the first.
 */
function report(ctx: LoaderContext, problems: readonly Problem[]): void {
  if (problems.length === 0) return;
  const collector = (globalThis as Record<symbol, unknown>)[COLLECTOR] as
    { add(p: readonly Problem[]): void } | undefined;
  if (collector) collector.add(problems);
  else if (ctx.watcher) ctx.logger.error(formatProblems(problems));
  else throw problemsError(problems);
}

export interface NotesLoaderOptions {
  /** Folder of the notes, relative to the project root (e.g. `./content/notes/en`). */
  base: string;
  /** Which files under `base` (default every .mdx). */
  pattern?: string;
  /** The frontmatter schema (the collection's own schema, applied again by Astro). */
  schema: z.ZodType;
  /**
   * Checks across the loaded notes (related slugs exist, orders are unique, a twin exists...).
   * `rejected` holds the ids of notes left out for problems of their own: they exist.
   */
  crossCheck?: (entries: LoadedEntry[], root: string, rejected: ReadonlySet<string>) => FieldProblem[];
}

export function notesLoader({ base, pattern = '**/*.mdx', schema, crossCheck }: NotesLoaderOptions): Loader {
  const inner = glob({ pattern, base });
  return {
    name: 'recall-and-rank:notes',
    load: async (ctx) => {
      const problems: Problem[] = [];
      const rejected = new Set<string>();
      const store = new Proxy(ctx.store, {
        get(target, key, receiver) {
          // A note with problems is kept out of the store, so no page is built from bad data.
          if (key === 'set') return (entry: { id: string }) => !rejected.has(entry.id) && target.set(entry as never);
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const parseData: LoaderContext['parseData'] = async (props) => {
        const text = readFileSync(props.filePath!, 'utf8');
        const checked = await checkNote(props.filePath!, text, schema);
        if (checked.problems.length === 0) {
          rejected.delete(props.id);
          return ctx.parseData(props);
        }
        rejected.add(props.id);
        ctx.store.delete(props.id);
        // Live edits in the dev server are reported as they happen; a build reports all at the end.
        if (ctx.watcher) report(ctx, checked.problems);
        else problems.push(...checked.problems);
        return props.data;
      };
      await inner.load({ ...ctx, store, parseData });
      const root = fileURLToPath(ctx.config.root);
      const entries = [...ctx.store.values()].map((e) => ({
        id: e.id,
        filePath: e.filePath ?? '',
        data: e.data,
      }));
      for (const p of crossCheck?.(entries, root, rejected) ?? []) {
        const abs = resolve(root, p.filePath);
        const file = displayPath(abs);
        const fm = readFrontmatter(file, readFileSync(abs, 'utf8'));
        problems.push({ file, ...fm.positionOf(p.path), message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
      }
      report(ctx, problems);
    },
  };
}

/** A self-check question as stored by `checksLoader`. */
export interface CheckEntryData {
  /** Language of the note it comes from. */
  lang: string;
  /** The note's slug, `<section>/<page>`. */
  note: string;
  /** The question's stable id within the note. */
  id: string;
  /** Position of the question in its note (0-based). */
  index: number;
  /** The question as plain Markdown (for the review cards' text). */
  question: string;
  /** The question rendered inline (no paragraph). */
  questionHtml: string;
  /** The answer rendered. */
  answerHtml: string;
  /** Whether either holds math (the page then loads KaTeX's stylesheet). */
  hasMath: boolean;
}

export interface ChecksLoaderOptions {
  /** Folder holding one folder of notes per language (e.g. `./content/notes`). */
  base: string;
}

/** Every self-check question of every note, each rendered once. Ids are `<lang>/<note>/<check id>`. */
export function checksLoader({ base }: ChecksLoaderOptions): Loader {
  return {
    name: 'recall-and-rank:checks',
    load: async (ctx) => {
      const root = resolve(fileURLToPath(ctx.config.root), base);
      const problems: Problem[] = [];

      const render: RenderEmbedded = async (markdown, fileURL) => {
        const { html, metadata } = await ctx.renderMarkdown(markdown, { fileURL });
        return { html, frontmatter: (metadata?.frontmatter ?? {}) as Record<string, unknown> };
      };

      /** Render the checks of one note file that changed; returns the ids it holds. */
      async function loadFile(abs: string): Promise<Set<string>> {
        const rel = abs.slice(root.length + 1).replaceAll('\\', '/');
        const [lang, ...rest] = rel.replace(/\.mdx$/, '').split('/');
        const note = rest.join('/');
        const text = readFileSync(abs, 'utf8');
        const id = (checkId: string) => `${lang}/${note}/${checkId}`;
        const digest = ctx.generateDigest(text);
        const ids = new Set<string>();
        // Unchanged file: keep what the store has (Astro persists it between builds).
        const kept = [...ctx.store.values()].filter((e) => e.id.startsWith(`${lang}/${note}/`) && e.digest === digest);
        if (kept.length) {
          for (const e of kept) ids.add(e.id);
          return ids;
        }
        const fm = readFrontmatter(displayPath(abs), text);
        const rendered = await renderChecks(abs, fm, render);
        problems.push(...rendered.problems);
        for (const check of rendered.checks) {
          const data: CheckEntryData = { lang: lang!, note, ...check };
          ids.add(id(check.id));
          ctx.store.set({
            id: id(check.id),
            data: data as unknown as Record<string, unknown>,
            // A file with problems is rendered (and reported) again next time, never kept.
            digest: rendered.problems.length ? `${digest}:problems` : digest,
            filePath: displayPath(abs),
          });
        }
        return ids;
      }

      const files = globSync('*/**/*.mdx', { cwd: root }).map((f) => resolve(root, f));
      const seen = new Set<string>();
      for (const abs of files) for (const id of await loadFile(abs)) seen.add(id);
      for (const id of ctx.store.keys()) if (!seen.has(id)) ctx.store.delete(id);
      report(ctx, problems);

      ctx.watcher?.on('change', async (changed) => {
        if (!changed.startsWith(root) || !changed.endsWith('.mdx')) return;
        problems.length = 0;
        const prefix = changed
          .slice(root.length + 1)
          .replace(/\.mdx$/, '')
          .replaceAll('\\', '/');
        const ids = await loadFile(changed);
        for (const id of ctx.store.keys()) if (id.startsWith(`${prefix}/`) && !ids.has(id)) ctx.store.delete(id);
        report(ctx, problems);
      });
    },
  };
}
