/**
 * rehype-katex, with each distinct formula typeset once per processor. The same formula recurs
 * within a note, in its twin in the other language and in the self-check answers: the notes hold
 * about 15,600 formulas, about 4,400 of them distinct. Typesetting (KaTeX's HTML parsed back into
 * a tree) is the costliest step of rendering a note, so this plugin finds each formula as
 * rehype-katex does and typesets it only when it has not been seen: as a tree, by handing
 * rehype-katex a tree of that one formula and keeping a copy of the result for every later
 * occurrence; or, where math-html.ts is on, as KaTeX's HTML (below).
 *
 * rehype-katex still reports every TeX error (at the formula's place, as before); a formula with
 * an error is never kept, so each occurrence reports its own. Keys hold the display mode and the
 * TeX; the KaTeX options are the processor's, fixed.
 *
 * Where math-html.ts is on (the MDX compiler, self-check answers), no later step walks a
 * formula's content: it is only passed on as HTML. There KaTeX's HTML goes into the tree as it is
 * (a `raw` node inside `span.katex`, whose `data.mathKey` holds the key), not parsed into
 * thousands of nodes to be serialised again; the site's plugins that read a formula
 * (rehype-scrollables, rehype-headings) read that form too. KaTeX is called as rehype-katex calls
 * it; a formula it rejects goes the tree way, so that rehype-katex reports the error.
 */
import type { Element, ElementContent, ElementData, Parents, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import katex from 'katex';
import rehypeKatex from 'rehype-katex';
import type { Processor } from 'unified';
import { formulasAsHtml } from './math-html.ts';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';

type Options = Parameters<typeof rehypeKatex>[0];

const MATH_CLASSES = ['language-math', 'math-display', 'math-inline'];

/**
 * A deep copy of plain tree data (objects, arrays, strings, numbers, booleans), which is what
 * KaTeX's nodes are; several times faster than structuredClone, which serialises. Later plugins
 * change the nodes they are given, so every occurrence gets its own copy.
 */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}

/** How KaTeX wraps a formula (its `output: 'htmlAndMathml'`), inline and in display mode. */
const WRAP = {
  inline: ['<span class="katex">', '</span>'],
  display: ['<span class="katex-display"><span class="katex">', '</span></span>'],
} as const;

/**
 * The content of a formula's `span.katex` as KaTeX's HTML, or undefined when KaTeX reports an
 * error or a warning (rehype-katex then typesets it, to report it at its place).
 */
function typesetHtml(tex: string, display: boolean, options: Options): string | undefined {
  let html: string;
  try {
    html = katex.renderToString(tex, { ...options, displayMode: display, throwOnError: true });
  } catch {
    return undefined;
  }
  const [open, close] = display ? WRAP.display : WRAP.inline;
  return html.startsWith(open) && html.endsWith(close) ? html.slice(open.length, -close.length) : undefined;
}

/**
 * A formula whose content is KaTeX's HTML as it is (a `raw` node), wrapped as KaTeX wraps it: the
 * form the MDX compiler gets, where the content is never walked, only passed on (math-html.ts).
 */
function formulaNodes(inner: string, display: boolean, key: string): ElementContent[] {
  const formula: Element = {
    type: 'element',
    tagName: 'span',
    properties: { className: ['katex'] },
    // (Some plugin packages declare `position` required on element data; KaTeX's nodes have none.)
    data: { mathKey: key } as ElementData,
    children: [{ type: 'raw', value: inner }],
  };
  if (!display) return [formula];
  return [{ type: 'element', tagName: 'span', properties: { className: ['katex-display'] }, children: [formula] }];
}

export function rehypeKatexOnce(this: Processor, options: Options) {
  const typeset = rehypeKatex(options);
  const kept = new Map<string, ElementContent[]>();
  const keptHtml = new Map<string, string>();
  return (tree: Root, file: VFile) => {
    const asHtml = formulasAsHtml(this, file);
    visitParents(tree, 'element', (element: Element, parents: Parents[]) => {
      const classes = Array.isArray(element.properties['className']) ? element.properties['className'] : [];
      if (!MATH_CLASSES.some((c) => classes.includes(c))) return undefined;
      // As rehype-katex: a ```math block (<pre><code class="language-math">) is replaced whole, in display.
      let parent = parents[parents.length - 1];
      let scope: Element = element;
      let display = classes.includes('math-display');
      if (
        element.tagName === 'code' &&
        classes.includes('language-math') &&
        parent?.type === 'element' &&
        parent.tagName === 'pre'
      ) {
        scope = parent;
        parent = parents[parents.length - 2];
        display = true;
      }
      if (!parent) return undefined;
      const tex = toText(scope, { whitespace: 'pre' });
      const key = `${display ? 'D' : 'I'}${tex}`;
      let result: ElementContent[] | undefined;
      if (asHtml) {
        let inner = keptHtml.get(key);
        if (inner === undefined && (inner = typesetHtml(tex, display, options)) !== undefined) keptHtml.set(key, inner);
        if (inner !== undefined) result = formulaNodes(inner, display, key);
      }
      if (!result) {
        result = kept.get(key);
        if (result) result = copy(result);
        else {
          const alone: Root = { type: 'root', children: [scope] };
          const messages = file.messages.length;
          typeset(alone, file);
          result = alone.children as ElementContent[];
          if (file.messages.length === messages) kept.set(key, copy(result));
        }
      }
      parent.children.splice(parent.children.indexOf(scope), 1, ...result);
      return SKIP;
    });
  };
}
