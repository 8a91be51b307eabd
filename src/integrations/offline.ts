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
import { zipSync, type Zippable } from 'fflate';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Zip the site in `outDir` (built under `base`) for reading from disk, search included. */
export async function buildOffline(
  outDir: string,
  base: string,
  bundles: readonly SearchBundle[],
): Promise<{ zipPath: string; bytes: number; files: number }> {
  const entries: Record<string, Uint8Array> = {};
  // Of the search bundles, only the quick index is a file the copy can load as it is.
  const skip = (f: string) => (f.startsWith('pagefind/') && !f.endsWith(`/${QUICK_INDEX}`)) || f === OFFLINE_ZIP;
  for (const file of listFiles(outDir)) {
    if (skip(file)) continue;
    let data: Uint8Array = readFileSync(join(outDir, file));
    if (file.endsWith('.html')) {
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
      data = Buffer.from(html, 'utf8');
    }
    entries[`${OFFLINE_ROOT}/${file}`] = data;
  }
  if (bundles.length) {
    entries[`${OFFLINE_ROOT}/_client/pagefind-engine.js`] = await pagefindEngine(outDir, bundles);
    for (const bundle of bundles)
      entries[`${OFFLINE_ROOT}/${searchBundlePath(bundle.lang)}rr-offline.js`] = embeddedIndex(bundle);
  }
  // One pass on this thread: fflate's asynchronous zip starts a worker per file, which cost ten times
  // more than the compression itself on a two-core machine. Fonts and images are compressed already.
  const zip = zipSync(
    Object.fromEntries(
      Object.entries(entries).map(([name, data]) => [name, [data, { level: COMPRESSED.test(name) ? 0 : 6 }]]),
    ) as Zippable,
    { mtime: new Date('2026-01-01T00:00:00Z') },
  );
  const zipPath = join(outDir, OFFLINE_ZIP);
  writeFileSync(zipPath, zip);
  for (const download of listFiles(outDir).filter((f) => /(^|\/)download\/index\.html$/.test(f)))
    writeFileSync(
      join(outDir, download),
      readFileSync(join(outDir, download), 'utf8').replace(
        SIZE_PLACEHOLDER,
        `zip, ${formatBytes(statSync(zipPath).size)}`,
      ),
    );
  return { zipPath, bytes: zip.length, files: Object.keys(entries).length };
}
