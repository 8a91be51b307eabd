/**
 * Adds a permalink to every h2-h4 that has an id. The link has no text of its own (the "#" is
 * drawn by CSS) so the table of contents, which is built from heading text, stays clean; its
 * aria-label gives screen readers a name.
 */
import type { Element, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import { visit } from 'unist-util-visit';

const LEVELS = new Set(['h2', 'h3', 'h4']);

export function rehypeHeadingAnchors() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const id = node.properties['id'];
      if (!LEVELS.has(node.tagName) || typeof id !== 'string') return;
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: {
          className: ['heading-anchor'],
          href: `#${id}`,
          ariaLabel: `Link to the section “${toText(node).trim()}”`,
        },
        children: [],
      });
    });
  };
}
