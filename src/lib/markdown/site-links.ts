/**
 * Links between pages of the site, written by authors as `/recall/word2vec/`, become links in
 * the note's own language under the site's base path: `/zh/recall/word2vec/` on a Chinese page,
 * `/<repo>/recall/word2vec/` on a site deployed under a base path. The base comes from Astro's
 * resolved config (set by the integration), so `astro build --base /x/` works too.
 */
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { DEFAULT_LANG, type Lang } from '../../i18n/langs.ts';
import { langOfPath } from './lang.ts';

const BASE = Symbol.for('recall-and-rank:base');

/** Set the base path ("/" or "/repo/") that rendered links get. */
export function setLinkBase(base: string): void {
  (globalThis as Record<symbol, unknown>)[BASE] = base.endsWith('/') ? base : `${base}/`;
}

export function linkBase(): string {
  return ((globalThis as Record<symbol, unknown>)[BASE] as string | undefined) ?? '/';
}

/** `/recall/word2vec/#x` on a `lang` page under `base`. Only site-absolute paths change. */
export function localiseUrl(url: string, lang: Lang, base = linkBase()): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const prefix = lang === DEFAULT_LANG ? '' : `${lang}/`;
  return `${base}${prefix}${url.slice(1)}`;
}

export function rehypeSiteLinks() {
  return (tree: Root, file: VFile) => {
    const lang = langOfPath(file.path);
    visit(tree, 'element', (node: Element) => {
      const cls = node.properties['className'];
      if (Array.isArray(cls) && cls.includes('katex')) return SKIP; // no links inside a formula
      const href = node.properties['href'];
      if (node.tagName === 'a' && typeof href === 'string' && !href.startsWith('#'))
        node.properties['href'] = localiseUrl(href, lang);
      return undefined;
    });
  };
}
