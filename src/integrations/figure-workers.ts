/**
 * Renders every figure of src/figures in worker threads, started when the build starts, so the
 * figures' simulations (seconds of CPU each) run beside Vite's compilation instead of after it.
 * One worker per spare core; the figures are dealt out by their measured cost's order (the costly
 * ones first, alternating between workers).
 */
import { availableParallelism } from 'node:os';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LANGS, type Lang } from '../i18n/langs.ts';
import { figureRenderKey, type RenderedFigure } from '../lib/figure-registry.ts';

export function renderFiguresAhead(root: string): Map<string, Promise<RenderedFigure>> {
  const names = readdirSync(join(root, 'src/figures'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
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
