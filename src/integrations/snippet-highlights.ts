/**
 * Highlights every snippet the notes show in a worker thread, started when the build starts, so
 * Shiki's work (seconds of CPU) runs beside the content layer and Vite instead of in page
 * generation. The notes are scanned for `<Snippet file="…" region="…" />`; a tag the scan misses,
 * or a snippet it cannot read, is simply highlighted by `<Snippet>` itself, which also reports
 * the problem with the page that has it.
 */
import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readSnippet } from '../lib/snippets.ts';

const TAG = /<Snippet\s([^>]*?)\/?>/g;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * The distinct code strings of the snippets the notes of the project at `root` show, in a stable
 * order; snippets are read where `<Snippet>` reads them (`snippetRoot`, the working directory).
 */
export function snippetCodes(root: string, snippetRoot: string): string[] {
  const codes = new Set<string>();
  for (const note of globSync('content/notes/**/*.mdx', { cwd: root }).sort())
    for (const [, attrs] of readFileSync(join(root, note), 'utf8').matchAll(TAG)) {
      const file = attr(attrs!, 'file');
      if (file === undefined) continue;
      try {
        codes.add(readSnippet(file, attr(attrs!, 'region'), snippetRoot).code);
      } catch {
        // Reported by <Snippet> on the page that has it.
      }
    }
  return [...codes];
}

/** Start highlighting; the map's promises resolve to the HTML (undefined if the worker failed). */
export function highlightSnippetsAhead(root: string, snippetRoot: string): Map<string, Promise<string | undefined>> {
  const codes = snippetCodes(root, snippetRoot);
  if (codes.length === 0) return new Map();
  const settle = new Map<string, (html: string | undefined) => void>();
  const highlights = new Map(codes.map((code) => [code, new Promise<string | undefined>((r) => settle.set(code, r))]));
  const worker = new Worker(new URL('./highlight-worker.ts', import.meta.url), { workerData: { codes } });
  worker.on('message', ({ index, html }: { index: number; html: string }) => settle.get(codes[index]!)?.(html));
  // Whatever the worker did not highlight, <Snippet> highlights on the main thread.
  const fallBack = () => {
    for (const resolve of settle.values()) resolve(undefined);
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return highlights;
}
