/** The offline package's pieces: a page as the copy has it, and the streaming zip. */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { copiedAsBuilt, offlineFile, zipWriter } from '../../src/integrations/offline.ts';
import { OFFLINE_ZIP, SIZE_PLACEHOLDER } from '../../src/lib/site-assets.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('offlineFile', () => {
  it('rewrites a page for file:// and leaves other files alone', () => {
    const page = [
      '<link rel="alternate" hreflang="zh-CN" href="https://x.example/zh/">',
      '<link rel="preload" as="font" href="/katex/fonts/KaTeX_Main-Regular.woff2" crossorigin>',
      '<a href="/recall/overview/">overview</a>',
      `<span data-in-offline-copy="This is the copy.">(${SIZE_PLACEHOLDER})</span>`,
    ].join('');
    expect(text(offlineFile('download/index.html', bytes(page), '/'))).toBe(
      '<a href="../recall/overview/index.html">overview</a><span data-in-offline-copy="This is the copy.">This is the copy.</span>',
    );
    const css = bytes('a{background:url(/x.png)}');
    expect(offlineFile('_astro/site.css', css, '/')).toBe(css);
  });

  it('copies no search bundle file as built, nor the zip itself', () => {
    expect(copiedAsBuilt('recall/overview/index.html')).toBe(true);
    expect(copiedAsBuilt('pagefind/en/pagefind.js')).toBe(false);
    expect(copiedAsBuilt('pagefind/en/rr-quick.js')).toBe(false);
    expect(copiedAsBuilt(OFFLINE_ZIP)).toBe(false);
  });
});

describe('zipWriter', () => {
  const entries: [string, Uint8Array][] = [
    ['site/index.html', bytes('<p>hello</p>'.repeat(200))],
    ['site/katex/fonts/a.woff2', new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251))],
    ['site/empty.txt', new Uint8Array(0)],
  ];
  const write = () => {
    const zip = zipWriter();
    for (const [name, data] of entries) zip.add(name, data);
    return { data: zip.end(), files: zip.files() };
  };

  it('gives back every entry, byte for byte, compressing text only', () => {
    const { data, files } = write();
    expect(files).toBe(3);
    const back = unzipSync(data);
    expect(Object.keys(back)).toEqual(entries.map(([n]) => n));
    for (const [name, content] of entries) expect(back[name]).toEqual(content);
    // 2,400 bytes of repeated text deflate to a few dozen; the font's 1,000 bytes are stored as
    // they are; each entry costs under 150 bytes of headers.
    expect(data.length).toBeGreaterThan(1000);
    expect(data.length).toBeLessThan(1000 + 100 + 3 * 150);
  });

  it('gives the same bytes for the same files', () => {
    expect(Buffer.from(write().data).equals(Buffer.from(write().data))).toBe(true);
  });
});
