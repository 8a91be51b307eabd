/**
 * The offline package: the built site with relative links (file:// has no server to map
 * directories to index.html or to know the base path), zipped into the output folder; the
 * download page gets the zip's size.
 *
 * Search works offline with the same engine and index as online, so it finds the same pages:
 * file:// pages may not fetch() files or import modules, so Pagefind's module is rebundled as a
 * classic script, and each language's index files travel inside a classic script too, which the
 * search script serves to Pagefind in place of fetch() (src/client/search.ts).
 */
import { build } from 'esbuild';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { OFFLINE_ZIP, SIZE_PLACEHOLDER } from '../lib/site-assets.ts';
import { rewriteHtml } from '../lib/relative-links.ts';
import { listFiles } from '../lib/site-files.ts';
import { QUICK_INDEX, searchBundlePath, type SearchBundle } from './search-index.ts';

/** The folder the zip unpacks to. */
export const OFFLINE_ROOT = 'recall-and-rank';

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * Pagefind's browser module as a classic script that sets `window.RRPagefindEngine()`, a factory:
 * each call evaluates the module afresh, because its WebAssembly state is module-wide and each
 * language needs its own (online, each bundle's pagefind.js is a module of its own).
 */
async function pagefindEngine(outDir: string, bundles: readonly SearchBundle[]): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [join(outDir, searchBundlePath(bundles[0]!.lang), 'pagefind.js')],
    bundle: true,
    format: 'iife',
    globalName: 'RRPagefindEngine',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error', // import.meta.url is undefined in a classic script: the search passes basePath
  });
  return Buffer.from(`window.RRPagefindEngine=function(){${result.outputFiles[0]!.text};return RRPagefindEngine};\n`);
}

/** A language's index files, base64 in a classic script: `window.RRPagefindFiles[lang] = {path: data}`. */
function embeddedIndex(bundle: SearchBundle): Uint8Array {
  const files = Object.fromEntries(bundle.files.map((f) => [f.path, Buffer.from(f.content).toString('base64')]));
  return Buffer.from(
    `(window.RRPagefindFiles=window.RRPagefindFiles||{})[${JSON.stringify(bundle.lang)}]=${JSON.stringify(files)};\n`,
  );
}

/** Files whose format is compressed already: stored as they are. */
const COMPRESSED = /\.(?:woff2?|png|jpe?g|webp|avif|gif|zip|pdf)$/;

/** The zip's date for every entry, so the same site gives the same zip. */
const MTIME = new Date('2026-01-01T00:00:00Z');

/**
 * Whether a built file goes into the copy as it is read from the output folder: not the zip
 * itself, and of the search bundles none (the copy cannot load them; `OfflineJob.finish` adds what
 * it can: the quick index and the index files inside classic scripts).
 */
export const copiedAsBuilt = (file: string): boolean => !file.startsWith('pagefind/') && file !== OFFLINE_ZIP;

/** A built file as the copy has it: HTML with relative links and without what file:// refuses. */
export function offlineFile(file: string, data: Uint8Array, base: string): Uint8Array {
  if (!file.endsWith('.html')) return data;
  const html = rewriteHtml(file, Buffer.from(data).toString('utf8'), base)
    // In the copy itself, the download page says that this is it (in the page's language).
    .replace(
      new RegExp(`(data-in-offline-copy="([^"]*)">)\\(${SIZE_PLACEHOLDER}\\)`),
      (_, open: string, text: string) => `${open}${text}`,
    )
    // The language alternates name the online addresses; the copy links its twins relatively.
    .replace(/<link rel="alternate"[^>]*>/g, '')
    // From file:// a font preload is a cross-origin request the browser refuses (and reports);
    // the stylesheet's own @font-face rules load the same fonts there.
    .replace(/<link rel="preload" as="font"[^>]*>/g, '');
  return Buffer.from(html, 'utf8');
}

/**
 * A zip written as entries arrive (fflate's streaming `Zip`, each entry compressed on this
 * thread as it is added): `add` as files are ready, then `end` for the whole archive.
 */
export function zipWriter(): { add(name: string, data: Uint8Array): void; end(): Uint8Array; files: () => number } {
  const chunks: Uint8Array[] = [];
  let files = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  return {
    add(name, data) {
      // Fonts and images are compressed already: stored.
      const entry = COMPRESSED.test(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      entry.mtime = MTIME;
      zip.add(entry);
      entry.push(data, true);
      files++;
    },
    end() {
      zip.end();
      return Buffer.concat(chunks);
    },
    files: () => files,
  };
}

export interface OfflineJob {
  /** Add the search (once its bundles are written), write the zip, and fill the download pages. */
  finish(bundles: readonly SearchBundle[]): Promise<{ bytes: number; files: number }>;
  /** Stop the worker (the build failed before `finish`). */
  cancel(): Promise<void>;
}

/**
 * Start zipping the site in `outDir` (built under `base`) for reading from disk. The built pages
 * are read, rewritten and compressed in a worker thread (src/integrations/offline-worker.ts)
 * while this thread checks the site and Pagefind indexes it; `finish` then adds the search.
 */
export function startOffline(outDir: string, base: string): OfflineJob {
  const worker = new Worker(new URL('./offline-worker.ts', import.meta.url), { workerData: { outDir, base } });
  const done = new Promise<{ bytes: number; files: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the offline package's worker stopped (exit code ${code})`)));
  });
  // Unhandled until `finish` awaits it (a failure before then is reported there).
  done.catch(() => undefined);
  return {
    async finish(bundles) {
      const extra: { name: string; data: Uint8Array }[] = [];
      if (bundles.length) {
        extra.push({ name: '_client/pagefind-engine.js', data: await pagefindEngine(outDir, bundles) });
        for (const bundle of bundles) {
          const folder = searchBundlePath(bundle.lang);
          extra.push({ name: `${folder}${QUICK_INDEX}`, data: readFileSync(join(outDir, folder, QUICK_INDEX)) });
          extra.push({ name: `${folder}rr-offline.js`, data: embeddedIndex(bundle) });
        }
      }
      worker.postMessage({ extra });
      const { bytes, files } = await done;
      for (const download of listFiles(outDir).filter((f) => /(^|\/)download\/index\.html$/.test(f)))
        writeFileSync(
          join(outDir, download),
          readFileSync(join(outDir, download), 'utf8').replace(SIZE_PLACEHOLDER, `zip, ${formatBytes(bytes)}`),
        );
      return { bytes, files };
    },
    async cancel() {
      await worker.terminate();
    },
  };
}
