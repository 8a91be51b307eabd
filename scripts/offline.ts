/**
 * Makes the offline package from a built site: a copy with relative links, an offline search
 * index (Pagefind cannot run from file://), zipped into the output folder, and the zip's size
 * written into the download page.
 */
import { zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OfflineDoc } from '../src/lib/offline-search.ts';
import { OFFLINE_ZIP, SIZE_PLACEHOLDER } from '../src/lib/offline.ts';
import { rewriteHtml } from '../src/lib/relative-links.ts';
import { listFiles } from './site-files.ts';

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

export function buildOffline(outDir: string, workDir: string): { zipPath: string; bytes: number; files: number } {
  rmSync(workDir, { recursive: true, force: true });
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
      html = rewriteHtml(file, html).replace(`(${SIZE_PLACEHOLDER})`, '(you are reading it)');
      data = Buffer.from(html, 'utf8');
    }
    entries[`${OFFLINE_ROOT}/${file}`] = data;
    const target = join(workDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  // A classic script, not JSON: file:// pages may run scripts but may not fetch().
  const index = Buffer.from(`window.RR_OFFLINE_INDEX=${JSON.stringify(docs)};\n`, 'utf8');
  entries[`${OFFLINE_ROOT}/offline-search.js`] = index;
  writeFileSync(join(workDir, 'offline-search.js'), index);
  const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  const zipPath = join(outDir, OFFLINE_ZIP);
  writeFileSync(zipPath, zip);
  const download = join(outDir, 'download/index.html');
  writeFileSync(
    download,
    readFileSync(download, 'utf8').replace(SIZE_PLACEHOLDER, `zip, ${formatBytes(statSync(zipPath).size)}`),
  );
  return { zipPath, bytes: zip.length, files: Object.keys(entries).length };
}
