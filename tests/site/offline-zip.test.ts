/** The offline package: every page, only relative links, and the search's index of both languages, embedded. */
import { unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFLINE_ZIP } from '../../src/lib/site-assets.ts';
import { OFFLINE_ROOT } from '../../src/integrations/offline.ts';
import { listFiles } from '../../src/lib/site-files.ts';
import { DIST, htmlPages, noteSlugs } from '../support/site.ts';

const files = unzipSync(readFileSync(join(DIST, OFFLINE_ZIP)));
const names = Object.keys(files);
const text = (name: string) => Buffer.from(files[`${OFFLINE_ROOT}/${name}`]!).toString('utf8');

describe('the offline zip', () => {
  it("opens in another zip reader (Python's zipfile), every entry intact, fonts stored as they are", () => {
    const script = [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None, z.testzip()',
      'print(sum(i.compress_type == zipfile.ZIP_STORED for i in z.infolist() if i.filename.endswith(".woff2")), len(z.infolist()))',
    ].join('\n');
    const out = execFileSync('python3', ['-c', script, join(DIST, OFFLINE_ZIP)], { encoding: 'utf8' });
    const fonts = names.filter((n) => n.endsWith('.woff2')).length;
    expect(fonts).toBeGreaterThan(0);
    expect(out.trim()).toBe(`${fonts} ${names.length}`);
  });

  it('holds every page of the site under one folder, and the search as classic scripts', () => {
    for (const page of htmlPages) expect(names).toContain(`${OFFLINE_ROOT}/${page}`);
    expect(names.every((n) => n.startsWith(`${OFFLINE_ROOT}/`))).toBe(true);
    expect(names).toContain(`${OFFLINE_ROOT}/katex/katex.min.css`);
    expect(names).toContain(`${OFFLINE_ROOT}/_client/pagefind-engine.js`);
    // Of Pagefind's files only the embedded copies travel: file:// pages cannot fetch the others.
    expect(names.filter((n) => n.includes('/pagefind/')).sort()).toEqual(
      ['en', 'zh'].flatMap((l) => [
        `${OFFLINE_ROOT}/pagefind/${l}/rr-offline.js`,
        `${OFFLINE_ROOT}/pagefind/${l}/rr-quick.js`,
      ]),
    );
  });

  it('uses only relative links: nothing starts at the server root', () => {
    for (const page of htmlPages) {
      const html = text(page);
      expect(html.match(/\s(?:href|src)="\/(?!\/)[^"]*"/g), page).toBeNull();
      expect(html).not.toContain('data-root="/"');
      // A font preload from file:// is a refused cross-origin request.
      expect(html, page).not.toMatch(/<link rel="preload" as="font"/);
    }
  });

  it('embeds the Pagefind index of each language byte for byte, and a quick index of every note', () => {
    for (const lang of ['en', 'zh']) {
      const script = text(`pagefind/${lang}/rr-offline.js`);
      const embedded = JSON.parse(script.slice(script.indexOf(']=') + 2, script.lastIndexOf('}') + 1)) as Record<
        string,
        string
      >;
      const online = listFiles(join(DIST, 'pagefind', lang)).filter((f) => f !== 'rr-quick.js');
      expect(Object.keys(embedded).sort()).toEqual(online.sort());
      for (const f of online)
        expect(Buffer.from(embedded[f]!, 'base64').equals(readFileSync(join(DIST, 'pagefind', lang, f))), f).toBe(true);
      const quick = text(`pagefind/${lang}/rr-quick.js`);
      const urls = (
        JSON.parse(quick.slice(quick.indexOf(']=') + 2, quick.lastIndexOf(']') + 1)) as { url: string }[]
      ).map((d) => d.url);
      for (const slug of noteSlugs) expect(urls).toContain(`/${lang === 'en' ? '' : 'zh/'}${slug}/`);
    }
  });
});
