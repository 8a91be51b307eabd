/**
 * Syntax highlighting of the snippet modules a note shows, with Shiki in both themes: the same
 * markup as Astro's `<Code>` (`pre.astro-code`, CSS variables for each theme, no default colour),
 * so the site's styles and tests see no difference.
 *
 * Highlighting is the costliest part of rendering a note page (TextMate grammars run line by
 * line), and each snippet is shown on two pages, one per language. So every distinct code string
 * is highlighted once per process, and the build highlights every snippet the notes use in a
 * worker thread while Vite compiles the pages (src/integrations/snippet-highlights.ts): `<Snippet>`
 * takes the result from `highlightedAhead`, or highlights the code itself (the dev server).
 */
import { createHighlighter, type Highlighter, type ShikiTransformer } from 'shiki';
import { shikiThemes } from './shiki.ts';

let highlighter: Promise<Highlighter> | undefined;
const cache = new Map<string, Promise<string>>();

/** Astro's `<Code>` markup: its class name for Shiki's, the language named, scrolling sideways. */
const astroCodeMarkup: ShikiTransformer = {
  pre(node) {
    node.properties['class'] = String(node.properties['class'] ?? '').replace(/shiki/g, 'astro-code');
    node.properties['dataLanguage'] = 'ts';
    node.properties['style'] = `${String(node.properties['style'] ?? '')}; overflow-x: auto;`;
  },
};

/**
 * TypeScript `code` as highlighted HTML: one `<pre class="astro-code …">` whose tokens carry
 * `--shiki-light` and `--shiki-dark` colours. Memoised by the code string.
 */
export function highlightTs(code: string): Promise<string> {
  let html = cache.get(code);
  if (!html) {
    highlighter ??= createHighlighter({ langs: ['ts'], themes: Object.values(shikiThemes) });
    html = highlighter.then((h) =>
      h.codeToHtml(code, {
        lang: 'ts',
        themes: shikiThemes,
        defaultColor: false,
        transformers: [astroCodeMarkup],
        // Shiki stops colouring a line after 500 ms by default. In the build's low-priority worker
        // on a busy machine, a line can wait that long for the CPU: the same code would then come
        // out coloured differently from one build to the next. No limit: the code is ours.
        tokenizeTimeLimit: 0,
      }),
    );
    cache.set(code, html);
  }
  return html;
}

const REGISTRY = Symbol.for('recall-and-rank:highlights');
type Registry = Map<string, Promise<string | undefined>>;

/** Install the highlights started ahead, keyed by code (or remove them with undefined). */
export function setHighlightsAhead(highlights: Registry | undefined): void {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = highlights;
}

/** The highlight of `code` started ahead, if any (undefined also when the worker could not make it). */
export function highlightedAhead(code: string): Promise<string | undefined> | undefined {
  return ((globalThis as Record<symbol, unknown>)[REGISTRY] as Registry | undefined)?.get(code);
}
