/**
 * A typeset formula travels through the MDX compiler as its HTML, not as KaTeX's tree.
 *
 * Each formula is hundreds to thousands of KaTeX elements. After the site's own plugins have
 * read a formula (the table of contents, the scrollable regions), every later step of Astro's MDX
 * compiler would walk it again only to serialise it as HTML in the end (`rehype-optimize-static`):
 * heading collection, metadata analysis, script/style collapsing. So rehype-katex-once leaves
 * each formula's content as KaTeX's own HTML (a `raw` node), the last rehype plugin
 * (`rehypeMathHtml`) takes that HTML out and leaves a short placeholder in its place, and the
 * recma plugin (`recmaMathHtml`) puts the HTML back into the compiled module,
 * where Astro renders it as `set:html`. The page is the same document as with the trees (tests
 * compare the compiled modules with and without these plugins); only the heading text Astro
 * exports (`getHeadings`, which the site does not use) has a formula's TeX instead of KaTeX's two
 * copies of it.
 *
 * Two renders switch this on (`formulasAsHtml`): a processor that runs the recma step (Astro's MDX
 * compiler, which runs the processor's `recmaPlugins`), and a Markdown string embedded in a note's
 * frontmatter (a self-check answer, rendered by Astro's Markdown renderer, which would otherwise
 * walk every formula again in rehype-raw), whose formulas go back to the caller in the
 * frontmatter's `math`, put in place by `fillMath`. Any other Markdown render keeps KaTeX's tree.
 *
 * The placeholder is the content of the `span.katex` element: `\uE000<n>\uE001`, characters of
 * Unicode's private use area, which no serialiser escapes (a note holding either is reported by
 * remark-author-checks.ts). In the compiled module it appears in one of three places, each handled:
 * - inside a `set:html` string of static HTML (the usual case): replaced by the formula's HTML;
 * - as the only child of the `span.katex` element itself, when the compiler does not collapse
 *   static HTML (`optimize: false`, as `npm run check:notes` compiles): `children` becomes
 *   `set:html`;
 * - in any other string (the text of the headings Astro exports): replaced by the TeX source.
 */
import type { Node as EstreeNode, Property } from 'estree';
import { SKIP as ESTREE_SKIP, visit as visitEstree } from 'estree-util-visit';
import type { Element, Root } from 'hast';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { frontmatterOf } from './file-data.ts';

declare module 'hast' {
  interface ElementData {
    /** On a `span.katex` left as KaTeX's HTML by rehype-katex-once: its key (display mode + TeX). */
    mathKey?: string;
  }
}

declare module 'unified' {
  interface Data {
    /** Set by `recmaMathHtml`: this processor puts formulas' HTML back into the compiled module. */
    recallAndRankMathHtml?: boolean;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The formulas of a file left as placeholders, by number: their inner HTML and TeX source. */
    recallAndRankMath: { html: string; tex: string }[];
  }
}

const PLACEHOLDER = /\uE000(\d+)\uE001/g;
const placeholder = (n: number) => `\uE000${n}\uE001`;
const ONLY_PLACEHOLDER = new RegExp(`^${PLACEHOLDER.source}$`);

/** Whether `text` holds a character of a placeholder (the built site's checks look for one left). */
export const hasMathPlaceholder = (text: string): boolean => /[\uE000\uE001]/.test(text);

/** Whether formulas leave the tree as HTML in this render (see the module comment). */
export function formulasAsHtml(processor: Processor, file: VFile): boolean {
  return processor.data('recallAndRankMathHtml') === true || frontmatterOf(file)?.['embedded'] === true;
}

/** An embedded render's HTML with its formulas in place (`math`: its frontmatter's `math`). */
export function fillMath(html: string, math: unknown): string {
  if (!Array.isArray(math) || math.length === 0) return html;
  return html.replace(PLACEHOLDER, (_, n: string) => String(math[Number(n)]));
}

/**
 * rehype plugin, the last of the processor: replace the content of every formula rehype-katex-once
 * left as KaTeX's HTML (`span.katex` with its `data.mathKey` and one `raw` child) by a placeholder,
 * and keep the HTML: in `file.data.recallAndRankMath` for `recmaMathHtml`, or in the frontmatter's
 * `math` for the caller of an embedded render. A no-op in any other render.
 */
export function rehypeMathHtml(this: Processor) {
  return (tree: Root, file: VFile) => {
    if (!formulasAsHtml(this, file)) return;
    const formulas: { html: string; tex: string }[] = [];
    visit(tree, 'element', (node: Element) => {
      const key = node.data?.mathKey;
      const [content] = node.children;
      if (key === undefined || node.children.length !== 1 || content?.type !== 'raw') return undefined;
      node.children = [{ type: 'text', value: placeholder(formulas.length) }];
      formulas.push({ html: content.value, tex: key.slice(1) });
      return SKIP;
    });
    if (formulas.length === 0) return;
    if (this.data('recallAndRankMathHtml')) file.data.recallAndRankMath = formulas;
    else frontmatterOf(file)!['math'] = formulas.map((f) => f.html);
  };
}

const keyName = (p: Property) =>
  p.computed
    ? undefined
    : p.key.type === 'Identifier'
      ? p.key.name
      : p.key.type === 'Literal'
        ? p.key.value
        : undefined;

/**
 * recma plugin: put back what `rehypeMathHtml` took out (see the module comment for the three
 * places a placeholder can be). Its presence in the processor is what switches the rehype half on.
 */
export function recmaMathHtml(this: Processor) {
  this.data('recallAndRankMathHtml', true);
  return (tree: EstreeNode, file: VFile) => {
    const formulas = file.data.recallAndRankMath;
    if (!formulas) return;
    const fill = (text: string, part: 'html' | 'tex') =>
      text.replace(PLACEHOLDER, (_, n: string) => formulas[Number(n)]![part]);
    visitEstree(tree, (node) => {
      if (node.type === 'Property' && node.value.type === 'Literal' && typeof node.value.value === 'string') {
        const name = keyName(node);
        const value = node.value;
        if (name === 'set:html') value.value = fill(value.value as string, 'html');
        else if (name === 'children' && ONLY_PLACEHOLDER.test(value.value as string)) {
          node.key = { type: 'Literal', value: 'set:html' };
          value.value = fill(value.value as string, 'html');
        } else return undefined;
        delete value.raw;
        return ESTREE_SKIP;
      }
      if (node.type === 'Literal' && typeof node.value === 'string' && hasMathPlaceholder(node.value)) {
        node.value = fill(node.value, 'tex');
        delete node.raw;
      }
      return undefined;
    });
  };
}
