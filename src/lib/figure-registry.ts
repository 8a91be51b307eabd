/**
 * Rendered figures, by name and language. The build renders every figure in worker threads while
 * Vite compiles the pages (src/integrations/figure-workers.ts), so the minutes of simulation some
 * figures run cost no time on the main thread; `<Figure>` takes the result from here, or renders
 * the figure itself when nothing was rendered ahead (the dev server).
 */
import type { Lang } from '../i18n/langs.ts';

export interface RenderedFigure {
  svg: string;
  caption: string;
}

const REGISTRY = Symbol.for('recall-and-rank:figures');

type Registry = Map<string, Promise<RenderedFigure>>;

const registry = (): Registry | undefined => (globalThis as Record<symbol, unknown>)[REGISTRY] as Registry | undefined;

const key = (name: string, lang: Lang) => `${name}:${lang}`;

/** Install the renders started ahead (or remove them with undefined). */
export function setFigureRenders(renders: Registry | undefined): void {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = renders;
}

export function figureRenderKey(name: string, lang: Lang): string {
  return key(name, lang);
}

/** The render of `name` in `lang` started ahead, if any. */
export function renderedAhead(name: string, lang: Lang): Promise<RenderedFigure> | undefined {
  return registry()?.get(key(name, lang));
}
