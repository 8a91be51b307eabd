/**
 * Wide tables and long display formulas scroll sideways on narrow screens. A scrolling region
 * must be reachable from the keyboard (axe: scrollable-region-focusable), so tables get a
 * focusable, labelled wrapper and display formulas a tabindex. Runs after rehype-katex.
 */
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

const hasClass = (node: Element, name: string) => {
  const cls = node.properties['className'];
  return Array.isArray(cls) && cls.includes(name);
};

export function rehypeScrollables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'table' && parent && index !== undefined && !(parent.type === 'element' && hasClass(parent, 'table-scroll'))) {
        parent.children[index] = {
          type: 'element',
          tagName: 'div',
          properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table (scrolls sideways)' },
          children: [node],
        };
        return 'skip';
      }
      if (hasClass(node, 'katex-display')) {
        node.properties['tabIndex'] = 0;
        return 'skip';
      }
      return undefined;
    });
  };
}
