/**
 * The offline package: the built site with relative links (file:// has no server to map
 * directories to index.html or to know the base path), an offline search index (Pagefind cannot
 * fetch from file://), zipped into the output folder; the download page gets the zip's size.
 */
import { zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfflineDoc } from '../lib/offline-search.ts';
import { OFFLINE_ZIP, SIZE_PLACEHOLDER } from '../lib/offline.ts';
import { rewriteHtml } from '../lib/relative-links.ts';
import { listFiles } from '../lib/site-files.ts';

/** The folder the zip unpacks to. */
export const OFFLINE_ROOT = 'recall-and-rank';

/** Text of a note page for the offline index: the article, without KaTeX's visual duplicate or ignored parts. */
export function offlineDoc(file: string, html: string): OfflineDoc | undefined {
  const { document } = parseHTML(html);
  const body = document.querySelector('[data-pagefind-body]');
  if (!body) return undefined;
  for (const el of body.querySelectorAll('[data-pagefind-ignore], .katex-html, script, style')) el.remove();
  return {
    url: file,
    title: body.querySelector('h1')?.textContent?.trim() ?? file,
    section: body.querySelector('[data-pagefind-filter="section"]')?.textContent?.trim() ?? '',
    text: (body.textContent ?? '').replace(/\s+/g, ' ').trim(),
  };
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** Zip the site in `outDir` (built under `base`) for reading from disk. */
export function buildOffline(outDir: string, base: string): { zipPath: string; bytes: number; files: number } {
  const entries: Record<string, Uint8Array> = {};
  const docs: OfflineDoc[] = [];
  const skip = (f: string) => f.startsWith('pagefind/') || f === OFFLINE_ZIP;
  for (const file of listFiles(outDir)) {
    if (skip(file)) continue;
    let data: Uint8Array = readFileSync(join(outDir, file));
    if (file.endsWith('.html')) {
      let html = Buffer.from(data).toString('utf8');
      const doc = offlineDoc(file, html);
      if (doc) docs.push(doc);
      html = rewriteHtml(file, html, base)
        // In the copy itself, the download page says that this is it (in the page's language).
        .replace(
          new RegExp(`(data-in-offline-copy="([^"]*)">)\\(${SIZE_PLACEHOLDER}\\)`),
          (_, open: string, text: string) => `${open}${text}`,
        )
        // The language alternates name the online addresses; the copy links its twins relatively.
        .replace(/<link rel="alternate"[^>]*>/g, '');
      data = Buffer.from(html, 'utf8');
    }
    entries[`${OFFLINE_ROOT}/${file}`] = data;
  }
  // A classic script, not JSON: file:// pages may run scripts but may not fetch().
  entries[`${OFFLINE_ROOT}/offline-search.js`] = Buffer.from(`window.RR_OFFLINE_INDEX=${JSON.stringify(docs)};\n`);
  const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
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
