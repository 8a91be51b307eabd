/**
 * Renders every figure of src/figures in worker threads, started when the build starts, so the
 * figures' simulations (seconds of CPU each) run beside Vite's compilation instead of after it.
 * One worker per spare core, the figures dealt out in turn in the order the pages show them
 * (`figureOrder`), so that page generation seldom waits for one.
 */
import { availableParallelism } from 'node:os';
import { globSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_LANG, LANGS, type Lang } from '../i18n/langs.ts';
import { figureRenderKey, type RenderedFigure } from '../lib/figure-registry.ts';
import { sortNotes, type NoteEntry } from '../lib/notes.ts';
import type { NoteData } from '../lib/schema.ts';

const FIGURE = /<Figure\s+name="([^"]+)"/g;

/**
 * `names` in the order the build's pages show the figures: the notes of the default language in
 * reading order (`sortNotes`: section, then `order`; their pages are generated before the
 * translations'), each figure at its first note; figures no note shows come last. Only the
 * schedule depends on it: a page always waits for its own figure.
 */
export function figureOrder(root: string, names: readonly string[]): string[] {
  const folder = join(root, 'content/notes', DEFAULT_LANG);
  const notes = globSync('**/*.mdx', { cwd: folder }).map((file) => {
    const text = readFileSync(join(folder, file), 'utf8');
    // The two fields the order needs, read without parsing the whole frontmatter.
    const section = /^section:\s*(\S+)/m.exec(text)?.[1] ?? '';
    const order = Number(/^order:\s*(\d+)/m.exec(text)?.[1] ?? Infinity);
    return { slug: file, filePath: file, data: { section, order } as NoteData, text };
  });
  const first = new Map<string, number>();
  for (const note of sortNotes(notes) as ((typeof notes)[number] & NoteEntry)[])
    for (const [, name] of note.text.matchAll(FIGURE)) if (!first.has(name!)) first.set(name!, first.size);
  const rank = (name: string) => first.get(name) ?? Infinity;
  return [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function renderFiguresAhead(root: string): Map<string, Promise<RenderedFigure>> {
  const names = figureOrder(
    root,
    readdirSync(join(root, 'src/figures'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, '')),
  );
  const renders = new Map<string, Promise<RenderedFigure>>();
  const settle = new Map<string, { resolve(r: RenderedFigure): void; reject(e: Error): void }>();
  for (const name of names)
    for (const lang of LANGS)
      renders.set(
        figureRenderKey(name, lang),
        new Promise((resolve, reject) => settle.set(figureRenderKey(name, lang), { resolve, reject })),
      );
  // Unhandled until a page awaits it: a failed figure fails its page, with the figure named.
  for (const p of renders.values()) p.catch(() => undefined);

  const workers = Math.max(1, Math.min(names.length, availableParallelism() - 1));
  for (let w = 0; w < workers; w++) {
    const worker = new Worker(new URL('./figure-worker.ts', import.meta.url), {
      workerData: { root, names: names.filter((_, i) => i % workers === w) },
    });
    worker.on('message', (m: { name: string; lang?: Lang; svg?: string; caption?: string; error?: string }) => {
      if (m.error !== undefined) {
        for (const lang of LANGS)
          settle.get(figureRenderKey(m.name, lang))?.reject(new Error(`src/figures/${m.name}.ts: ${m.error}`));
      } else settle.get(figureRenderKey(m.name, m.lang!))!.resolve({ svg: m.svg!, caption: m.caption! });
    });
    worker.on('error', (error) => {
      for (const s of settle.values()) s.reject(error);
    });
    // (Not unref'd: a page may be waiting for a figure, and the worker ends once its figures are done.)
  }
  return renders;
}
