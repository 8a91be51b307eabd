import { describe, expect, it } from 'vitest';
import { relativeUrl, rewriteHtml, rootPrefix } from '../../src/lib/relative-links.ts';

describe('relativeUrl', () => {
  it('maps site-absolute URLs to relative files with index.html', () => {
    expect(relativeUrl('recall/alias-sampling/index.html', '/bandits/ucb/')).toBe('../../bandits/ucb/index.html');
    expect(relativeUrl('recall/alias-sampling/index.html', '/bandits/ucb/#sources')).toBe(
      '../../bandits/ucb/index.html#sources',
    );
    expect(relativeUrl('index.html', '/')).toBe('index.html');
    expect(relativeUrl('glossary/index.html', '/_astro/a.css')).toBe('../_astro/a.css');
    expect(relativeUrl('glossary/index.html', '/download')).toBe('../download/index.html');
  });
  it('leaves other URLs alone', () => {
    expect(relativeUrl('index.html', 'https://arxiv.org/abs/1')).toBeUndefined();
    expect(relativeUrl('index.html', '//cdn.example/x.js')).toBeUndefined();
    expect(relativeUrl('index.html', '#top')).toBeUndefined();
  });
});

describe('rewriteHtml', () => {
  it('rewrites href, src and the root marker, and nothing else', () => {
    const html =
      '<html data-root="/"><a href="/glossary/">g</a><script src="/_client/site.js"></script><a href="https://x.org/">x</a><p>/not/a/link/</p>';
    expect(rewriteHtml('a/b/index.html', html)).toBe(
      '<html data-root="../../"><a href="../../glossary/index.html">g</a><script src="../../_client/site.js"></script><a href="https://x.org/">x</a><p>/not/a/link/</p>',
    );
    expect(rewriteHtml('index.html', '<html data-root="/">')).toBe('<html data-root="./">');
    expect(rootPrefix('index.html')).toBe('');
  });
});

describe('under a base path', () => {
  it('takes the base off before making URLs relative', () => {
    expect(relativeUrl('recall/x/index.html', '/rr/bandits/ucb/#s', '/rr/')).toBe('../../bandits/ucb/index.html#s');
    expect(relativeUrl('index.html', '/rr/', '/rr/')).toBe('index.html');
    expect(relativeUrl('index.html', '/other/x/', '/rr/')).toBeUndefined();
    expect(rewriteHtml('a/index.html', '<html data-root="/rr/"><a href="/rr/glossary/">g</a>', '/rr/')).toBe(
      '<html data-root="../"><a href="../glossary/index.html">g</a>',
    );
  });
});
