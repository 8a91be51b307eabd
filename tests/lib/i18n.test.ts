import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANG, HTML_LANG, LANGS, langFromLocale } from '../../src/i18n/langs.ts';
import { uiFor } from '../../src/i18n/ui.ts';

describe('languages', () => {
  it("are the ones Astro's i18n routing is configured with", () => {
    const config = readFileSync('astro.config.mjs', 'utf8');
    expect(config).toContain(`defaultLocale: '${DEFAULT_LANG}'`);
    for (const lang of LANGS.filter((l) => l !== DEFAULT_LANG))
      expect(config).toContain(`{ path: '${lang}', codes: ['${HTML_LANG[lang]}'] }`);
  });
  it("map Astro's current locale back to the site's language", () => {
    expect(langFromLocale('zh-CN')).toBe('zh');
    expect(langFromLocale('en')).toBe('en');
    expect(langFromLocale(undefined)).toBe('en');
  });
});

describe('UI dictionaries', () => {
  it('give every language every string, none left empty', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    const english = keys(uiFor('en')).sort();
    for (const lang of LANGS) {
      expect(keys(uiFor(lang)).sort()).toEqual(english);
      const values = (o: object): unknown[] =>
        Object.values(o).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) ? values(v) : [v]));
      for (const v of values(uiFor(lang))) {
        if (typeof v === 'string') expect(v.length).toBeGreaterThan(0);
        if (typeof v === 'function') expect((v as (...a: unknown[]) => string)('x', 2).length).toBeGreaterThan(0);
      }
    }
  });
  it('write Chinese strings in Chinese', () => {
    const zh = uiFor('zh');
    expect(zh.search.button).toBe('搜索');
    expect(zh.glossary.title).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.home.noteCount(3)).toBe('3 篇笔记');
  });
});
