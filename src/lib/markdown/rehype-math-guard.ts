/**
 * Runs before rehype-katex. rehype-katex turns a TeX error into a red span and a warning that is
 * easy to miss (https://github.com/remarkjs/remark-math/tree/main/packages/rehype-katex): here a
 * bad formula fails the build instead, naming the file, line and formula. It also records whether
 * the page has math, so the layout loads the KaTeX stylesheet and fonts only where they are used.
 */
import katex from 'katex';
import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { katexOptions } from './katex-options.ts';

const MATH_CLASSES = ['math-inline', 'math-display'];

function isMath(node: Element): boolean {
  const cls = node.properties['className'];
  return Array.isArray(cls) && cls.some((c) => MATH_CLASSES.includes(String(c)));
}

export interface AstroFileData {
  astro?: { frontmatter?: Record<string, unknown> };
}

export function rehypeMathGuard() {
  return (tree: Root, file: VFile) => {
    let count = 0;
    visit(tree, 'element', (node: Element) => {
      if (!isMath(node)) return;
      count++;
      const tex = toText(node, { whitespace: 'pre' });
      const displayMode = String(node.properties['className']).includes('math-display');
      try {
        katex.renderToString(tex, { ...katexOptions, displayMode, throwOnError: true });
      } catch (error) {
        const where = node.position ? `:${node.position.start.line}:${node.position.start.column}` : '';
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`TeX error in ${file.path}${where}: ${message}\n  formula: ${tex}`, { cause: error });
      }
    });
    const data = file.data as AstroFileData;
    if (data.astro?.frontmatter) data.astro.frontmatter['hasMath'] = count > 0;
  };
}
