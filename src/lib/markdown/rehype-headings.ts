/**
 * Headings of a note, in two passes around rehype-katex:
 *
 * - `rehypeHeadingIds` (before KaTeX) gives every heading an id from its source text, so a formula
 *   counts once ("Why the T^2 factor"), not twice as KaTeX's visual and MathML copies would make
 *   it. For h2–h4 it records the table of contents and wraps the heading with a permalink placed
 *   beside it, not inside it, so the heading's accessible name is just its text.
 * - `rehypeHeadingHtml` (after KaTeX) keeps the typeset HTML of headings that hold math, so the
 *   table of contents can show the formula as the heading does.
 *
 * The contents go to `frontmatter.toc`, which Astro hands to the page as `remarkPluginFrontmatter`.
 * Astro's own heading-id pass runs later and keeps these ids.
 */
import Slugger from 'github-slugger';
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toText } from 'hast-util-to-text';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { uiFor } from '../../i18n/ui.ts';
import { frontmatterOf } from './file-data.ts';
import { langOfPath } from './lang.ts';

export interface TocEntry {
  depth: number;
  slug: string;
  /** Plain text (a formula as its TeX source). */
  text: string;
  /** Typeset HTML, only for headings that hold math. */
  html?: string;
}

const LEVELS = new Set(['h2', 'h3', 'h4']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Whether KaTeX typeset anything inside `el`. */
const hasKatex = (el: Element): boolean => {
  let found = false;
  visit(el, 'element', (e: Element) => {
    const cls = e.properties['className'];
    if (Array.isArray(cls) && cls.includes('katex')) found = true;
  });
  return found;
};

export function rehypeHeadingIds() {
  return (tree: Root, file: VFile) => {
    const slugger = new Slugger();
    const toc: TocEntry[] = [];
    const t = uiFor(langOfPath(file.path));
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!HEADINGS.has(node.tagName) || !parent || index === undefined) return undefined;
      const text = toText(node, { whitespace: 'normal' }).replace(/\s+/g, ' ').trim();
      const id = typeof node.properties['id'] === 'string' ? node.properties['id'] : slugger.slug(text);
      node.properties['id'] = id;
      // Other levels get their id here too, from the source text: Astro's own pass, later, would
      // read a formula in them as math-html.ts's placeholder.
      if (!LEVELS.has(node.tagName)) return 'skip';
      toc.push({ depth: Number(node.tagName[1]), slug: id, text });
      const anchor: Element = {
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: t.headingLink(text) },
        children: [],
      };
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['heading-wrapper', `level-${node.tagName}`] },
        children: [node, anchor],
      } satisfies ElementContent;
      return 'skip';
    });
    const frontmatter = frontmatterOf(file);
    if (frontmatter) frontmatter['toc'] = toc;
  };
}

export function rehypeHeadingHtml() {
  return (tree: Root, file: VFile) => {
    const toc = frontmatterOf(file)?.['toc'] as TocEntry[] | undefined;
    if (!toc?.length) return;
    const bySlug = new Map(toc.map((e) => [e.slug, e]));
    visit(tree, 'element', (node: Element) => {
      if (!LEVELS.has(node.tagName)) {
        const cls = node.properties['className'];
        // Headings are never inside a formula: do not walk KaTeX's nodes.
        return Array.isArray(cls) && cls.includes('katex') ? SKIP : undefined;
      }
      const entry = bySlug.get(String(node.properties['id']));
      // A formula's content may be KaTeX's HTML as it is (rehype-katex-once, where math-html.ts is on).
      if (entry && hasKatex(node)) entry.html = toHtml(node.children, { allowDangerousHtml: true });
      return SKIP;
    });
  };
}
