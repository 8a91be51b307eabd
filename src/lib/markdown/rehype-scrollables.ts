/**
 * Wide tables and long display formulas scroll sideways on narrow screens. A scrolling region
 * must be reachable from the keyboard (axe: scrollable-region-focusable), so tables get a
 * focusable, labelled wrapper and display formulas a tabindex. Runs after rehype-katex, and
 * also trims KaTeX's MathML of its TeX annotation.
 */
import { decodeHTML } from 'entities';
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { uiFor, type UiStrings } from '../../i18n/ui.ts';
import { langOfPath } from './lang.ts';

const hasClass = (node: Element, name: string) => {
  const cls = node.properties['className'];
  return Array.isArray(cls) && cls.includes(name);
};

/** A region needs a name unique on the page: the table's column headings give one. */
function tableLabel(table: Element, t: UiStrings): string {
  let header: Element | undefined;
  visit(table, 'element', (el: Element) => {
    if (el.tagName === 'tr' && !header) header = el;
  });
  // Read math once, from its MathML (not from the TeX annotation or KaTeX's visual copy).
  const skip = (el: Element) => el.tagName === 'annotation' || hasClass(el, 'katex-html');
  const textOf = (el: Element): string =>
    skip(el)
      ? ''
      : el.children
          .map((c) =>
            c.type === 'text'
              ? c.value
              : c.type === 'element'
                ? textOf(c)
                : // A formula's content as KaTeX's HTML; other raw HTML is not read, as before.
                  c.type === 'raw' && hasClass(el, 'katex')
                  ? mathmlText(c.value)
                  : '',
          )
          .join('');
  const text = header ? textOf(header).replace(/\s+/g, ' ').trim() : '';
  return t.tableRegion(text.length > 90 ? `${text.slice(0, 89)}…` : text);
}

/** KaTeX's TeX annotation, in a formula's HTML (the TeX in it is escaped: it holds no `<`). */
const ANNOTATION_HTML = /<annotation encoding="application\/x-tex">[^<]*<\/annotation>/;

/**
 * The text of a formula's MathML, from KaTeX's HTML (the form rehype-katex-once gives a formula
 * where math-html.ts is on): what the tree's text would be, without the annotation and the
 * visual copy.
 */
export function mathmlText(html: string): string {
  const mathml = html.replace(ANNOTATION_HTML, '').split('<span class="katex-html"', 1)[0]!;
  return decodeHTML(mathml.replace(/<[^>]*>/g, ''));
}

/**
 * Drop the TeX annotation KaTeX repeats inside a formula's MathML (span.katex > .katex-mathml >
 * math > semantics), from the tree or from KaTeX's HTML.
 */
function stripAnnotation(katex: Element): void {
  for (const mathml of katex.children)
    if (mathml.type === 'raw') mathml.value = mathml.value.replace(ANNOTATION_HTML, '');
    else if (mathml.type === 'element' && hasClass(mathml, 'katex-mathml'))
      for (const math of mathml.children)
        if (math.type === 'element')
          for (const semantics of math.children)
            if (semantics.type === 'element' && semantics.tagName === 'semantics')
              semantics.children = semantics.children.filter(
                (c) => !(c.type === 'element' && c.tagName === 'annotation'),
              );
}

export function rehypeScrollables() {
  return (tree: Root, file: VFile) => {
    const t = uiFor(langOfPath(file.path));
    const tables: { table: Element; parent: { children: unknown[] }; index: number }[] = [];
    visit(tree, 'element', (node: Element, index, parent) => {
      // A formula is thousands of nodes of KaTeX's; nothing inside it but the annotation concerns
      // this pass, so it is handled directly and not walked.
      if (hasClass(node, 'katex')) {
        // KaTeX repeats each formula's TeX source inside its MathML. Screen readers read the
        // MathML itself, and the page already shows the formula, so the copy is dropped.
        stripAnnotation(node);
        return SKIP;
      }
      if (hasClass(node, 'katex-display')) node.properties['tabIndex'] = 0;
      if (
        node.tagName === 'table' &&
        parent &&
        index !== undefined &&
        !(parent.type === 'element' && hasClass(parent, 'table-scroll'))
      )
        tables.push({ table: node, parent, index });
      return undefined;
    });
    for (const { table, parent, index } of tables)
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: tableLabel(table, t) },
        children: [table],
      };
  };
}
