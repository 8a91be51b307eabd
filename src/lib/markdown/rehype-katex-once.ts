/**
 * rehype-katex, with each distinct formula typeset once per processor. The same formula recurs
 * within a note, in its twin in the other language and in the self-check answers: the notes hold
 * about 15,600 formulas, about 4,400 of them distinct. Typesetting (KaTeX's HTML parsed back into
 * a tree) is the costliest step of rendering a note, so this plugin finds each formula as
 * rehype-katex does, hands rehype-katex a tree of that one formula when it has not been seen,
 * keeps a copy of the result, and puts a copy of the kept result in place of every later
 * occurrence.
 *
 * rehype-katex still does all the typesetting and reports every TeX error (at the formula's
 * place, as before); a formula with an error is never kept, so each occurrence reports its own.
 * Keys hold the display mode and the TeX; the KaTeX options are the processor's, fixed.
 */
import type { Element, ElementContent, Parents, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import rehypeKatex from 'rehype-katex';
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

export function rehypeKatexOnce(options: Options) {
  const typeset = rehypeKatex(options);
  const kept = new Map<string, ElementContent[]>();
  return (tree: Root, file: VFile) => {
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
      const key = `${display ? 'D' : 'I'}${toText(scope, { whitespace: 'pre' })}`;
      let result = kept.get(key);
      if (result) result = copy(result);
      else {
        const alone: Root = { type: 'root', children: [scope] };
        const messages = file.messages.length;
        typeset(alone, file);
        result = alone.children as ElementContent[];
        if (file.messages.length === messages) kept.set(key, copy(result));
      }
      parent.children.splice(parent.children.indexOf(scope), 1, ...result);
      return SKIP;
    });
  };
}
