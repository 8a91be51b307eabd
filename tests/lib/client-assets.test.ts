import { describe, expect, it } from 'vitest';
import { clientEntries, katexFiles } from '../../src/integrations/client-assets.ts';
import { KATEX_PRELOAD_FONTS } from '../../src/lib/site-assets.ts';

describe('KaTeX assets', () => {
  const files = katexFiles();
  const css = String(files.get('katex.min.css'));
  it('show formulas in a fallback font while the math fonts load (no font-display: block)', () => {
    expect(css).toContain('font-display:swap');
    expect(css).not.toContain('font-display:block');
  });
  it('ship woff2 only, every font the stylesheet names, and the fonts pages preload', () => {
    const named = [...css.matchAll(/url\(fonts\/([^)]+)\)/g)].map((m) => m[1]!);
    expect(named.every((f) => f.endsWith('.woff2'))).toBe(true);
    for (const f of new Set([...named, ...KATEX_PRELOAD_FONTS])) expect(files.has(`fonts/${f}`), f).toBe(true);
  });
});

describe('client scripts', () => {
  it('bundle the site, search and highlight scripts and every demo, and no declaration file', () => {
    const names = Object.keys(clientEntries()).sort();
    expect(names).toEqual(expect.arrayContaining(['site.js', 'search.js', 'highlight.js', 'demos/alias.js']));
    expect(names.some((n) => n.includes('.d.'))).toBe(false);
  });
});
