/**
 * The site's languages. English is the default and keeps unprefixed URLs; Chinese lives under
 * /zh/ (Astro's i18n routing, configured from these values in astro.config.mjs).
 */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** The `lang` attribute of each language's pages (BCP 47). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

export const isLang = (value: unknown): value is Lang => (LANGS as readonly unknown[]).includes(value);

/** Our language for Astro's `currentLocale` ('en', 'zh-CN', or undefined outside i18n routes). */
export function langFromLocale(locale: string | undefined): Lang {
  return LANGS.find((l) => l === locale || HTML_LANG[l] === locale) ?? DEFAULT_LANG;
}
