/**
 * A worker thread that renders figures: it receives figure names, imports each module from
 * src/figures (its simulations run here), renders it in every language and posts the SVG back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from './worker-priority.ts';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { LANGS } from '../i18n/langs.ts';
import { renderFigure, type FigureSpec } from '../lib/figure.ts';

const { root, names } = workerData as { root: string; names: string[] };
lowerThreadPriority();

for (const name of names) {
  try {
    const mod = (await import(pathToFileURL(join(root, 'src/figures', `${name}.ts`)).href)) as { default: FigureSpec };
    for (const lang of LANGS) parentPort!.postMessage({ name, lang, ...renderFigure(mod.default, lang) });
  } catch (error) {
    parentPort!.postMessage({ name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
