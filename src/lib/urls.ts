/**
 * URLs of the site's pages in each language, through Astro's i18n routing (it adds the /zh/
 * prefix and the base path). For components and routes: it needs Astro's virtual modules.
 */
import { getAbsoluteLocaleUrl, getRelativeLocaleUrl } from 'astro:i18n';
import { HTML_LANG, type Lang } from '../i18n/langs.ts';

// Astro names a locale by its code (zh-CN); its path (zh) is what appears in URLs.

/** `path` is language-neutral and ends with a slash: '' (home), 'glossary/', 'recall/word2vec/'. */
export const pageUrl = (lang: Lang, path = ''): string => getRelativeLocaleUrl(HTML_LANG[lang], path);

/** The same, absolute (for <link rel="alternate">). */
export const absolutePageUrl = (lang: Lang, path = ''): string => getAbsoluteLocaleUrl(HTML_LANG[lang], path);

/** A file at the site root (a script, the KaTeX stylesheet), under the base path. */
export const assetUrl = (file: string): string => `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${file}`;
