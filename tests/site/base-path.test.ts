/**
 * A site deployed under a base path (a project page at https://host/<repo>/): the fixture
 * tests/fixtures/base-path (two notes, each in English and Chinese) is built with base
 * /recall-and-rank/ through Astro's programmatic build(). The build's own output checks already
 * fail on any link outside the base; these tests look at what it wrote. The browser tests then
 * search it and open its offline copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { OFFLINE_ROOT } from '../../src/integrations/offline.ts';
import { listFiles } from '../../src/lib/site-files.ts';
import { BASE, BASE_DIST } from '../support/site.ts';

const read = (file: string) => readFileSync(join(BASE_DIST, file), 'utf8');

beforeAll(() => {
  const built = spawnSync(process.execPath, ['tests/support/build-fixture.ts', 'base-path', BASE], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) throw new Error(`the base-path fixture did not build:\n${built.stdout}\n${built.stderr}`);
});

describe('a build under a base path', () => {
  it('writes both languages, the search index and the offline zip', () => {
    for (const page of ['index.html', 'recall/first/index.html', 'zh/index.html', 'zh/recall/first/index.html'])
      expect(existsSync(join(BASE_DIST, page)), page).toBe(true);
    for (const lang of ['en', 'zh']) expect(existsSync(join(BASE_DIST, `pagefind/${lang}/pagefind.js`))).toBe(true);
    expect(existsSync(join(BASE_DIST, 'recall-and-rank-offline.zip'))).toBe(true);
  });

  it('puts every site link, script, stylesheet and image under the base', () => {
    for (const page of listFiles(BASE_DIST).filter((f) => f.endsWith('.html'))) {
      const urls = [...read(page).matchAll(/\s(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
      expect(urls.length, page).toBeGreaterThan(0);
      for (const url of urls) expect(url.startsWith(BASE), `${page}: ${url}`).toBe(true);
    }
    expect(read('index.html')).toContain(`data-root="${BASE}"`);
  });

  it('links a note to its twin in the other language, both ways, with alternates', () => {
    const zh = read('zh/recall/first/index.html');
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).toContain(
      `<link rel="alternate" hreflang="en" href="https://recall-and-rank.example${BASE}recall/first/">`,
    );
    expect(zh).toMatch(new RegExp(`<a class="lang-switch" href="${BASE}recall/first/"`));
    const en = read('recall/first/index.html');
    expect(en).toContain('<html lang="en"');
    expect(en).toMatch(new RegExp(`<a class="lang-switch" href="${BASE}zh/recall/first/"`));
  });

  it('localises links written in notes, and renders Chinese in math as text', () => {
    const zh = read('zh/recall/first/index.html');
    expect(zh).toContain(`href="${BASE}zh/recall/second/#%E7%BB%86%E8%8A%82"`);
    expect(zh).toContain('cjk_fallback');
    expect(read('recall/first/index.html')).toContain(`href="${BASE}recall/second/#details"`);
  });

  it('bundles a note image with its alt text', () => {
    expect(read('recall/first/index.html')).toMatch(
      new RegExp(`<img src="${BASE}_astro/dot\\.[^"]+\\.svg" alt="A dot"`),
    );
  });

  it('lists a formula in a heading once in the contents', () => {
    const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(read('recall/first/index.html'))![0];
    expect(toc).toContain('href="#why-the-t2-factor"');
    expect(toc.match(/<math /g)).toHaveLength(1);
    expect(toc).not.toContain('T2T2');
  });

  it('zips an offline copy whose links are relative, base removed', () => {
    const zip = unzipSync(readFileSync(join(BASE_DIST, 'recall-and-rank-offline.zip')));
    const page = Buffer.from(zip[`${OFFLINE_ROOT}/zh/recall/first/index.html`]!).toString('utf8');
    expect(page).toContain('href="../../../zh/recall/second/index.html#%E7%BB%86%E8%8A%82"');
    expect(page).not.toMatch(new RegExp(`(?:href|src)="${BASE}`));
    expect(page).not.toContain('rel="alternate"');
  });
});
